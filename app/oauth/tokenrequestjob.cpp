// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokenrequestjob.h"

#include "httptransfer.h"
#include "oauthlogging.h"
#include "oauthprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace gw {

TokenRequestJob::Grant TokenRequestJob::Grant::clientCredentials(const QStringList &scopes, const QString &resource)
{
    Grant grant;
    grant.fields.append({u"grant_type"_s, u"client_credentials"_s});
    if (!scopes.isEmpty())
        grant.fields.append({u"scope"_s, scopes.join(u' ')});
    if (!resource.isEmpty())
        grant.fields.append({u"resource"_s, resource});
    grant.requestedScopes = scopes;
    return grant;
}

TokenRequestJob::Grant TokenRequestJob::Grant::authorizationCode(const QString &code, const QUrl &redirectUri,
                                                                 const QString &codeVerifier)
{
    Grant grant;
    grant.fields.append({u"grant_type"_s, u"authorization_code"_s});
    grant.fields.append({u"code"_s, code});
    grant.fields.append({u"redirect_uri"_s, redirectUri.toString(QUrl::FullyEncoded)});
    grant.fields.append({u"code_verifier"_s, codeVerifier});
    return grant;
}

TokenRequestJob::Grant TokenRequestJob::Grant::refreshToken(const QString &refreshToken, const QStringList &scopes)
{
    Grant grant;
    grant.fields.append({u"grant_type"_s, u"refresh_token"_s});
    grant.fields.append({u"refresh_token"_s, refreshToken});
    if (!scopes.isEmpty())
        grant.fields.append({u"scope"_s, scopes.join(u' ')});
    grant.requestedScopes = scopes;
    return grant;
}

TokenRequestJob::TokenRequestJob(QNetworkAccessManager *network, const QUrl &tokenEndpoint,
                                 const OAuthClientConfig &client, const Grant &grant, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoint(tokenEndpoint)
    , m_client(client)
    , m_grant(grant)
{}

void TokenRequestJob::start()
{
    FormFields form = m_grant.fields;
    const QNetworkRequest request = OAuthProtocol::formRequest(m_endpoint, m_client, form);
    m_transfer = new HttpTransfer(m_network, this);
    m_transfer->setMaxResponseBytes(256 * 1024);
    connect(m_transfer, &HttpTransfer::finished, this, &TokenRequestJob::onResponse);
    m_transfer->start(request, "POST", OAuthClientConfig::formBody(form));
    // The secret is not needed any more.
    m_client.clientSecret.fill(u'\0');
    m_client.clientSecret.clear();
}

void TokenRequestJob::abort()
{
    if (m_transfer)
        m_transfer->abort();
}

void TokenRequestJob::onResponse(const HttpResponse &response)
{
    m_transfer->deleteLater();
    OAuthError error;
    const auto token = parseResponse(response, m_grant.requestedScopes, &error);
    if (!token) {
        finish(error);
        return;
    }
    m_response = *token;
    qCDebug(lcOAuth) << "token issued by" << m_endpoint.host() << "expires in" << token->expiresIn
                     << "refresh token:" << !token->refreshToken.isEmpty();
    if (!token->unusableExpiresIn.isEmpty())
        qCDebug(lcOAuth) << "unusable expires_in:" << token->unusableExpiresIn;
    finish({});
}

std::optional<TokenResponse> TokenRequestJob::parseResponse(const HttpResponse &response,
                                                            const QStringList &requestedScopes, OAuthError *error)
{
    const QString what = u"The token endpoint"_s;
    if (response.status != 200) {
        *error = OAuthProtocol::errorFromResponse(response, what);
        return std::nullopt;
    }
    const auto object = OAuthProtocol::jsonObject(response, what, error);
    if (!object)
        return std::nullopt;
    TokenResponse token;
    token.accessToken = object->value(u"access_token"_s).toString();
    token.tokenType = object->value(u"token_type"_s).toString();
    if (token.accessToken.isEmpty()) {
        *error = OAuthError::make(OAuthError::Kind::Protocol,
                                  u"The token endpoint answered 200 without an access_token."_s, {}, 200);
        return std::nullopt;
    }
    if (token.tokenType.compare(u"Bearer"_s, Qt::CaseInsensitive) != 0) {
        *error = OAuthError::make(OAuthError::Kind::Protocol,
                                  u"The token endpoint issued a token of type \"%1\"; the console only uses Bearer "
                                  u"tokens."_s.arg(token.tokenType),
                                  {}, 200);
        return std::nullopt;
    }
    // RFC 6749 §5.1: a number of seconds. Zero, negative, fractional, absurdly large or non-numeric values (a
    // string included) mean "unknown", never "expired now": taken literally they would renew the token in a loop.
    const QJsonValue expiresIn = object->value(u"expires_in"_s);
    if (const auto seconds = OAuthProtocol::wholeSeconds(expiresIn, 1, TokenResponse::MaxExpiresIn)) {
        token.expiresIn = *seconds;
    } else if (!expiresIn.isUndefined() && !expiresIn.isNull()) {
        const QByteArray json = QJsonDocument(QJsonArray{expiresIn}).toJson(QJsonDocument::Compact);
        token.unusableExpiresIn = QString::fromUtf8(json.mid(1, json.size() - 2));
        if (token.unusableExpiresIn.size() > 40)
            token.unusableExpiresIn = token.unusableExpiresIn.left(39) + u'…';
    }
    token.refreshToken = object->value(u"refresh_token"_s).toString();
    token.idToken = object->value(u"id_token"_s).toString();
    if (object->contains(u"scope"_s))
        token.grantedScopes = OAuthProtocol::splitScopes(object->value(u"scope"_s).toString());
    token.requestedScopes = requestedScopes;
    token.receivedAt = QDateTime::currentDateTimeUtc();
    return token;
}

void TokenRequestJob::finish(const OAuthError &error)
{
    m_error = error;
    Q_EMIT finished();
}

} // namespace gw
