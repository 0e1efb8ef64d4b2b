// SPDX-License-Identifier: GPL-3.0-or-later
// The OAuth 2.0 response readers (app/oauth): token endpoint answers (RFC 6749 §5.1/§5.2), introspection answers
// (RFC 7662 §2.2), error bodies and authorization server metadata (RFC 8414). The first byte picks the HTTP
// status and content type; the rest is the body. Never a crash; a token is given exactly when there is no error,
// and an error text never carries the access or refresh token that came in the body.
#include "fuzzsupport.h"

#include "oauth/authorizationservermetadata.h"
#include "oauth/httptransfer.h"
#include "oauth/introspectionjob.h"
#include "oauth/oauthprotocol.h"
#include "oauth/tokenrequestjob.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace gw;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const int statuses[] = {200, 200, 200, 200, 400, 401, 500, 302};
    static const char *contentTypes[] = {"application/json", "application/json;charset=UTF-8", "text/html", ""};
    HttpResponse response;
    response.url = QUrl(QStringLiteral("https://issuer.example/oauth2/token"));
    response.status = statuses[data[0] & 7];
    if (const char *type = contentTypes[(data[0] >> 3) & 3]; *type)
        response.headers.append({QByteArrayLiteral("Content-Type"), QByteArray(type)});
    response.body = fuzz::bytes(data + 1, size - 1);

    OAuthError error;
    const auto token = TokenRequestJob::parseResponse(response, {QStringLiteral("orders:read")}, &error);
    if (token.has_value() == error.isError())
        fuzz::fail("a token response gives a token exactly when it gives no error");
    if (token) {
        (void)token->missingScopes();
        (void)token->expiresAt();
        if (token->expiresIn != -1 && (token->expiresIn < 1 || token->expiresIn > TokenResponse::MaxExpiresIn))
            fuzz::fail("expires_in out of range was taken as a lifetime");
    } else {
        const QJsonObject body = QJsonDocument::fromJson(response.body).object();
        for (const char *secret : {"access_token", "refresh_token"}) {
            const QString value = body.value(QLatin1String(secret)).toString();
            if (value.size() >= 8 && error.message.contains(value))
                fuzz::fail("an error text carries a token from the response");
        }
    }

    OAuthError introspectionError;
    const QString what = QStringLiteral("The introspection endpoint");
    if (response.status != 200)
        (void)OAuthProtocol::errorFromResponse(response, what);
    else if (const auto object = OAuthProtocol::jsonObject(response, what, &introspectionError)) {
        const IntrospectionResult result = IntrospectionJob::parse(*object);
        if (result.active && object->value(QStringLiteral("active")) != QJsonValue(true))
            fuzz::fail("a token is active without \"active\": true");
    }

    OAuthError metadataError;
    const auto metadata = AuthorizationServerMetadata::fromJson(
        response.body, QStringLiteral("https://issuer.example"),
        QUrl(QStringLiteral("https://issuer.example/.well-known/oauth-authorization-server")), &metadataError);
    if (metadata.has_value() == metadataError.isError())
        fuzz::fail("metadata is given exactly when there is no error");
    if (metadata && !AuthorizationServerMetadata::isAcceptableEndpoint(metadata->tokenEndpoint))
        fuzz::fail("metadata with an unacceptable token endpoint was accepted");
    return 0;
}
