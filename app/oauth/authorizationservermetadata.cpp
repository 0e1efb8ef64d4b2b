// SPDX-License-Identifier: GPL-3.0-or-later
#include "authorizationservermetadata.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace gw {

static QStringList stringList(const QJsonValue &value)
{
    QStringList result;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (item.isString())
            result << item.toString();
    }
    return result;
}

bool AuthorizationServerMetadata::isAcceptableEndpoint(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return false;
    if (url.scheme() == u"https"_s)
        return true;
    if (url.scheme() != u"http"_s)
        return false;
    if (url.host() == u"localhost"_s)
        return true;
    const QHostAddress address(url.host());
    return !address.isNull() && address.isLoopback();
}

QUrl AuthorizationServerMetadata::oauthMetadataUrl(const QString &issuer)
{
    QUrl url(issuer);
    QString path = url.path();
    if (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(u"/.well-known/oauth-authorization-server"_s + path);
    return url;
}

QUrl AuthorizationServerMetadata::openIdConfigurationUrl(const QString &issuer)
{
    QUrl url(issuer);
    QString path = url.path();
    if (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u"/.well-known/openid-configuration"_s);
    return url;
}

std::optional<AuthorizationServerMetadata> AuthorizationServerMetadata::fromJson(const QByteArray &json,
                                                                                 const QString &expectedIssuer,
                                                                                 const QUrl &source, OAuthError *error)
{
    const QString where = source.toDisplayString();
    auto fail = [&](OAuthError::Kind kind, const QString &message) {
        if (error)
            *error = OAuthError::make(kind, message);
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(OAuthError::Kind::Protocol,
                    u"The authorization server metadata at %1 is not a JSON object."_s.arg(where));
    const QJsonObject object = document.object();
    AuthorizationServerMetadata metadata;
    metadata.issuer = object.value(u"issuer"_s).toString();
    if (metadata.issuer.isEmpty())
        return fail(OAuthError::Kind::Protocol, u"The metadata at %1 names no issuer."_s.arg(where));
    // RFC 8414 §3.3: the issuer in the document must be identical to the one the client was configured with,
    // or an attacker-controlled document could redirect the client's requests (mix-up).
    if (metadata.issuer != expectedIssuer)
        return fail(OAuthError::Kind::Security,
                    u"Issuer mismatch: the metadata at %1 says issuer \"%2\", but the environment expects \"%3\". "
                    u"The two must be identical (RFC 8414 §3.3); correct the issuer in the environment or check that "
                    u"the URL points at the right server."_s.arg(where, metadata.issuer, expectedIssuer));
    auto endpoint = [&](const QString &key) { return QUrl(object.value(key).toString()); };
    metadata.authorizationEndpoint = endpoint(u"authorization_endpoint"_s);
    metadata.tokenEndpoint = endpoint(u"token_endpoint"_s);
    metadata.jwksUri = endpoint(u"jwks_uri"_s);
    metadata.introspectionEndpoint = endpoint(u"introspection_endpoint"_s);
    metadata.revocationEndpoint = endpoint(u"revocation_endpoint"_s);
    metadata.codeChallengeMethods = stringList(object.value(u"code_challenge_methods_supported"_s));
    metadata.grantTypes = stringList(object.value(u"grant_types_supported"_s));
    metadata.tokenEndpointAuthMethods = stringList(object.value(u"token_endpoint_auth_methods_supported"_s));
    metadata.scopes = stringList(object.value(u"scopes_supported"_s));
    metadata.issParameterSupported = object.value(u"authorization_response_iss_parameter_supported"_s).toBool();
    if (metadata.tokenEndpoint.isEmpty())
        return fail(OAuthError::Kind::Protocol, u"The metadata at %1 names no token_endpoint."_s.arg(where));
    const std::pair<const char *, QUrl> endpoints[] = {{"authorization_endpoint", metadata.authorizationEndpoint},
                                                       {"token_endpoint", metadata.tokenEndpoint},
                                                       {"jwks_uri", metadata.jwksUri},
                                                       {"introspection_endpoint", metadata.introspectionEndpoint},
                                                       {"revocation_endpoint", metadata.revocationEndpoint}};
    for (const auto &[name, url] : endpoints) {
        if (!url.isEmpty() && !isAcceptableEndpoint(url))
            return fail(OAuthError::Kind::Security,
                        u"The metadata at %1 gives %2 = %3, which is not https. Only loopback hosts may use plain "
                        u"http."_s.arg(where, QLatin1String(name), url.toDisplayString()));
    }
    return metadata;
}

} // namespace gw
