// SPDX-License-Identifier: GPL-3.0-or-later
#include "oauthprotocol.h"

#include "httptransfer.h"

#include <QJsonDocument>

#include <cmath>

using namespace Qt::StringLiterals;

namespace gw::OAuthProtocol {

QNetworkRequest formRequest(const QUrl &url, const OAuthClientConfig &client, FormFields &form)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    client.apply(request, form);
    return request;
}

QString hintForErrorCode(const QString &code)
{
    if (code == u"invalid_client"_s)
        return u"Check the client id, the client secret (keychain, or GATEWRIGHT_CLIENT_SECRET) and the client "
               u"authentication method."_s;
    if (code == u"invalid_grant"_s)
        return u"The authorization code or refresh token is invalid, expired, revoked or was already used; sign in "
               u"again."_s;
    if (code == u"invalid_scope"_s)
        return u"Request only scopes the client is registered for."_s;
    if (code == u"unauthorized_client"_s)
        return u"The client is not allowed to use this grant type; enable it for the client on the authorization "
               u"server."_s;
    if (code == u"unsupported_grant_type"_s)
        return u"The authorization server does not support this grant type."_s;
    if (code == u"access_denied"_s)
        return u"The user or the authorization server refused the request."_s;
    if (code == u"invalid_request"_s)
        return u"The request is missing a parameter or repeats one; check the client configuration."_s;
    if (code == u"unsupported_token_type"_s)
        return u"The server cannot handle this kind of token here (some servers refuse to introspect or revoke "
               u"their own JWT access tokens)."_s;
    return {};
}

std::optional<QJsonObject> jsonObject(const HttpResponse &response, const QString &what, OAuthError *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(response.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        if (error)
            *error = OAuthError::make(OAuthError::Kind::Protocol,
                                      u"%1 (%2) answered HTTP %3 with a body that is not a JSON object."_s
                                          .arg(what, response.url.toDisplayString(QUrl::RemoveQuery))
                                          .arg(response.status),
                                      {}, response.status);
        return std::nullopt;
    }
    return document.object();
}

HttpTransfer *postTokenForm(QNetworkAccessManager *network, QObject *owner, const QUrl &endpoint,
                            const OAuthClientConfig &client, const QString &token, const QString &tokenTypeHint,
                            qint64 maxResponseBytes)
{
    FormFields form{{QStringLiteral("token"), token}};
    if (!tokenTypeHint.isEmpty())
        form.append({QStringLiteral("token_type_hint"), tokenTypeHint});
    const QNetworkRequest request = formRequest(endpoint, client, form);
    auto *transfer = new HttpTransfer(network, owner);
    transfer->setMaxResponseBytes(maxResponseBytes);
    transfer->start(request, "POST", OAuthClientConfig::formBody(form));
    return transfer;
}

OAuthError errorFromResponse(const HttpResponse &response, const QString &what)
{
    const QString where = response.url.toDisplayString(QUrl::RemoveQuery);
    if (!response.hasResponse())
        return OAuthError::make(OAuthError::Kind::Network, response.failureText);
    if (response.isRedirect()) {
        const QString location = QString::fromUtf8(response.header("Location"));
        return OAuthError::make(OAuthError::Kind::Http,
                                u"%1 (%2) answered with a redirect (HTTP %3) to %4. Redirects are not followed on "
                                u"requests that carry credentials; configure the final URL instead."_s.arg(what, where)
                                    .arg(response.status)
                                    .arg(location.isEmpty() ? u"an unnamed location"_s : location),
                                {}, response.status);
    }
    const QJsonObject object = QJsonDocument::fromJson(response.body).object();
    const QString code = object.value(u"error"_s).toString();
    if (!code.isEmpty()) {
        const QString description = object.value(u"error_description"_s).toString();
        QString message = u"%1 refused the request: %2"_s.arg(what, code);
        if (!description.isEmpty())
            message += u" (" + description + u')';
        message += u'.';
        const QString hint = hintForErrorCode(code);
        if (!hint.isEmpty())
            message += u' ' + hint;
        return OAuthError::make(OAuthError::Kind::Server, message, code, response.status);
    }
    return OAuthError::make(
        OAuthError::Kind::Http,
        u"%1 (%2) answered HTTP %3 without an OAuth error object."_s.arg(what, where).arg(response.status), {},
        response.status);
}

QStringList splitScopes(const QString &scope)
{
    return scope.split(u' ', Qt::SkipEmptyParts);
}

std::optional<qint64> wholeSeconds(const QJsonValue &value, qint64 min, qint64 max)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number) || number < double(min) || number > double(max) || std::trunc(number) != number)
        return std::nullopt;
    return qint64(number);
}

QDateTime numericDate(const QJsonValue &value)
{
    if (!value.isDouble())
        return {};
    constexpr double First = -62135596800.0; // 0001-01-01T00:00:00Z
    constexpr double Last = 253402300799.0;  // 9999-12-31T23:59:59Z
    const double seconds = std::floor(value.toDouble());
    if (!std::isfinite(seconds) || seconds < First || seconds > Last)
        return {};
    return QDateTime::fromSecsSinceEpoch(qint64(seconds), Qt::UTC);
}

} // namespace gw::OAuthProtocol
