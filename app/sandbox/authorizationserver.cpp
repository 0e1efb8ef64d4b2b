// SPDX-License-Identifier: GPL-3.0-or-later
#include "authorizationserver.h"

#include "jose/signingkey.h"
#include "sandboxlog.h"

#include <QCryptographicHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>

using namespace Qt::StringLiterals;

namespace gw {

namespace {

constexpr int CodeLifetimeSeconds = 60;

QString randomToken(int bytes = 32)
{
    QByteArray buffer(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(buffer.data()),
                                         reinterpret_cast<quint32 *>(buffer.data() + bytes));
    return QString::fromLatin1(buffer.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

qint64 nowSeconds()
{
    return QDateTime::currentSecsSinceEpoch();
}

bool constantTimeEquals(const QString &a, const QString &b)
{
    const QByteArray x = a.toUtf8();
    const QByteArray y = b.toUtf8();
    unsigned char diff = x.size() == y.size() ? 0 : 1;
    const qsizetype n = std::min(x.size(), y.size());
    for (qsizetype i = 0; i < n; ++i)
        diff |= static_cast<unsigned char>(x[i] ^ y[i]);
    return diff == 0;
}

/// application/x-www-form-urlencoded decoding of one component: '+' is a space, then percent-decoding.
QString formDecode(QByteArray component)
{
    component.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(component));
}

SandboxReply oauthError(int status, const QString &error, const QString &description)
{
    SandboxReply reply =
        SandboxReply::json(status, QJsonObject{{u"error"_s, error}, {u"error_description"_s, description}});
    reply.headers.append({"Cache-Control"_ba, "no-store"_ba});
    return reply;
}

SandboxReply invalidClient(const QString &description)
{
    SandboxReply reply = oauthError(401, u"invalid_client"_s, description);
    reply.headers.append({"WWW-Authenticate"_ba, "Basic realm=\"gatewright-sandbox-oauth\""_ba});
    return reply;
}

bool isLoopbackHost(const QString &host)
{
    return host == u"127.0.0.1"_s || host == u"::1"_s;
}

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return u"GET"_s;
    case QHttpServerRequest::Method::Post:
        return u"POST"_s;
    default:
        return u"OTHER"_s;
    }
}

} // namespace

AuthorizationServer::AuthorizationServer(QObject *parent)
    : QObject(parent)
    , m_server(std::make_unique<QHttpServer>())
{
    m_server->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        dispatch(request, std::move(responder));
    });
    rotateSigningKey();
}

AuthorizationServer::~AuthorizationServer() = default;

bool AuthorizationServer::listen(const QHostAddress &address, quint16 port)
{
    if (m_server->listen(address, port) == 0) {
        m_error = u"The OAuth server cannot listen on %1:%2 (port in use or not permitted)."_s.arg(address.toString())
                      .arg(port);
        return false;
    }
    if (m_issuer.isEmpty())
        m_issuer = baseUrl().toString();
    return true;
}

quint16 AuthorizationServer::port() const
{
    const auto ports = m_server->serverPorts();
    return ports.isEmpty() ? 0 : ports.first();
}

QUrl AuthorizationServer::baseUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(port());
    return url;
}

QString AuthorizationServer::errorString() const
{
    return m_error;
}

QString AuthorizationServer::issuer() const
{
    return m_issuer;
}

void AuthorizationServer::setIssuer(const QString &issuer)
{
    m_issuer = issuer;
}

QString AuthorizationServer::audience() const
{
    return m_audience;
}

void AuthorizationServer::setAudience(const QString &audience)
{
    m_audience = audience;
}

int AuthorizationServer::tokenLifetime() const
{
    return m_tokenLifetime;
}

void AuthorizationServer::setTokenLifetime(int seconds)
{
    m_tokenLifetime = std::max(1, seconds);
}

void AuthorizationServer::setAdminCredentials(const QString &user, const QString &password)
{
    m_adminUser = user;
    m_adminPassword = password;
}

void AuthorizationServer::addClient(const Client &client)
{
    m_clients.insert(client.id, client);
}

QString AuthorizationServer::rotateSigningKey()
{
    // Keys retired by an earlier rotation leave the set; the current one is retired but still published.
    m_keys.removeIf([](const Key &key) { return key.retired; });
    for (auto &key : m_keys)
        key.retired = true;
    const QString kid = u"sandbox-"_s + randomToken(6);
    QString error;
    auto generated = SigningKey::generate(JwsAlgorithm::RS256, kid, &error);
    if (!generated) {
        qCWarning(lcSandbox) << "cannot generate an RSA signing key:" << error;
        return {};
    }
    m_keys.append(Key{std::make_shared<SigningKey>(std::move(*generated)), kid, false});
    return kid;
}

QString AuthorizationServer::currentKeyId() const
{
    for (const auto &key : m_keys) {
        if (!key.retired)
            return key.kid;
    }
    return {};
}

QByteArray AuthorizationServer::jwks() const
{
    QJsonArray keys;
    for (const auto &key : m_keys)
        keys.append(key.key->publicKey().toJson());
    return QJsonDocument(QJsonObject{{u"keys"_s, keys}}).toJson(QJsonDocument::Compact);
}

QUrl AuthorizationServer::endpoint(const QString &path) const
{
    QUrl url(m_issuer.isEmpty() ? baseUrl().toString() : m_issuer);
    url.setPath(path);
    return url;
}

QUrl AuthorizationServer::tokenEndpoint() const
{
    return endpoint(u"/oauth2/token"_s);
}

QUrl AuthorizationServer::jwksUri() const
{
    return endpoint(u"/oauth2/jwks"_s);
}

QUrl AuthorizationServer::introspectionEndpoint() const
{
    return endpoint(u"/oauth2/introspect"_s);
}

QUrl AuthorizationServer::revocationEndpoint() const
{
    return endpoint(u"/oauth2/revoke"_s);
}

QUrl AuthorizationServer::authorizationEndpoint() const
{
    return endpoint(u"/oauth2/authorize"_s);
}

QHash<QString, QString> AuthorizationServer::parseForm(const QByteArray &body)
{
    QHash<QString, QString> params;
    const auto pairs = body.split('&');
    for (const QByteArray &pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const QString key = formDecode(equals < 0 ? pair : pair.left(equals));
        const QString value = equals < 0 ? QString() : formDecode(pair.mid(equals + 1));
        if (!params.contains(key))
            params.insert(key, value);
    }
    return params;
}

void AuthorizationServer::dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QString path = request.url().path();
    const bool isGet = request.method() == QHttpServerRequest::Method::Get;
    const bool isPost = request.method() == QHttpServerRequest::Method::Post;
    const QByteArray authorization = request.value("Authorization"_ba);
    SandboxReply reply;

    if (isGet &&
        (path == u"/.well-known/oauth-authorization-server"_s || path == u"/.well-known/openid-configuration"_s)) {
        reply = metadata();
        if (path.endsWith(u"openid-configuration"_s)) {
            QJsonObject object = QJsonDocument::fromJson(reply.body).object();
            object.insert(u"subject_types_supported"_s, QJsonArray{u"public"_s});
            object.insert(u"id_token_signing_alg_values_supported"_s, QJsonArray{u"RS256"_s});
            reply = SandboxReply::json(200, object);
        }
    } else if (isGet && path == u"/oauth2/jwks"_s) {
        reply = SandboxReply{200, jwks(), "application/json"_ba, {}};
    } else if (isGet && path == u"/oauth2/authorize"_s) {
        reply = authorize(request.query());
    } else if (path == u"/oauth2/token"_s || path == u"/oauth2/introspect"_s || path == u"/oauth2/revoke"_s ||
               path.startsWith(u"/oauth2/admin/"_s)) {
        if (!isPost && !(isGet && path.startsWith(u"/oauth2/admin/"_s))) {
            reply = oauthError(405, u"invalid_request"_s, u"%1 accepts POST only."_s.arg(path));
        } else {
            auto params = parseForm(request.body());
            if (path == u"/oauth2/token"_s)
                reply = tokenRequest(params, authorization);
            else if (path == u"/oauth2/introspect"_s)
                reply = introspectionRequest(params, authorization);
            else if (path == u"/oauth2/revoke"_s)
                reply = revocationRequest(params, authorization);
            else
                reply = adminRequest(path, isPost, params, authorization);
        }
    } else {
        reply = oauthError(404, u"not_found"_s, u"No endpoint at %1 %2."_s.arg(methodName(request.method()), path));
    }

    QHttpServerResponse response(reply.contentType, reply.body,
                                 static_cast<QHttpServerResponder::StatusCode>(reply.status));
    for (const auto &header : std::as_const(reply.headers))
        response.addHeader(header.first, header.second);
    response.write(std::move(responder));
}

SandboxReply AuthorizationServer::metadata() const
{
    QSet<QString> scopeSet;
    for (const auto &client : m_clients)
        for (const auto &scope : client.scopes)
            scopeSet.insert(scope);
    QStringList scopes(scopeSet.begin(), scopeSet.end());
    scopes.sort();
    return SandboxReply::json(200,
                              QJsonObject{
                                  {u"issuer"_s, m_issuer},
                                  {u"authorization_endpoint"_s, authorizationEndpoint().toString()},
                                  {u"token_endpoint"_s, tokenEndpoint().toString()},
                                  {u"jwks_uri"_s, jwksUri().toString()},
                                  {u"introspection_endpoint"_s, introspectionEndpoint().toString()},
                                  {u"revocation_endpoint"_s, revocationEndpoint().toString()},
                                  {u"scopes_supported"_s, QJsonArray::fromStringList(scopes)},
                                  {u"response_types_supported"_s, QJsonArray{u"code"_s}},
                                  {u"grant_types_supported"_s,
                                   QJsonArray{u"authorization_code"_s, u"client_credentials"_s, u"refresh_token"_s}},
                                  {u"token_endpoint_auth_methods_supported"_s,
                                   QJsonArray{u"client_secret_basic"_s, u"client_secret_post"_s, u"none"_s}},
                                  {u"introspection_endpoint_auth_methods_supported"_s,
                                   QJsonArray{u"client_secret_basic"_s, u"client_secret_post"_s}},
                                  {u"revocation_endpoint_auth_methods_supported"_s,
                                   QJsonArray{u"client_secret_basic"_s, u"client_secret_post"_s}},
                                  {u"code_challenge_methods_supported"_s, QJsonArray{u"S256"_s}},
                                  {u"authorization_response_iss_parameter_supported"_s, true},
                              });
}

bool AuthorizationServer::redirectUriAllowed(const Client &client, const QString &redirectUri) const
{
    const QUrl requested(redirectUri, QUrl::StrictMode);
    if (!requested.isValid() || requested.hasFragment())
        return false;
    for (const auto &registered : client.redirectUris) {
        if (registered == redirectUri)
            return true;
        // RFC 8252 §7.3: for loopback redirects the port is chosen by the native app at run time.
        const QUrl allowed(registered);
        if (allowed.scheme() == u"http"_s && requested.scheme() == u"http"_s && isLoopbackHost(allowed.host()) &&
            requested.host() == allowed.host() && requested.path() == allowed.path() &&
            requested.query() == allowed.query())
            return true;
    }
    return false;
}

QString AuthorizationServer::grantedScope(const Client &client, const QString &requested, SandboxReply *error) const
{
    if (requested.trimmed().isEmpty())
        return client.scopes.join(u' ');
    const QStringList wanted = requested.split(u' ', Qt::SkipEmptyParts);
    for (const auto &scope : wanted) {
        if (!client.scopes.contains(scope)) {
            *error = oauthError(400, u"invalid_scope"_s,
                                u"Scope \"%1\" is not allowed for client %2."_s.arg(scope, client.id));
            return {};
        }
    }
    return wanted.join(u' ');
}

SandboxReply AuthorizationServer::authorize(const QUrlQuery &query)
{
    const QString clientId = query.queryItemValue(u"client_id"_s, QUrl::FullyDecoded);
    const QString redirectUri = query.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded);
    const auto client = m_clients.constFind(clientId);
    // RFC 6749 §4.1.2.1: with an unknown client or redirect URI the server must not redirect.
    if (client == m_clients.cend())
        return oauthError(400, u"invalid_client"_s, u"Unknown client_id \"%1\"."_s.arg(clientId));
    if (!redirectUriAllowed(*client, redirectUri))
        return oauthError(400, u"invalid_request"_s,
                          u"redirect_uri \"%1\" is not registered for client %2."_s.arg(redirectUri, clientId));

    QUrl target(redirectUri);
    QUrlQuery result(target.query());
    const QString state = query.queryItemValue(u"state"_s, QUrl::FullyDecoded);
    auto redirect = [&](const QString &error, const QString &description, const QString &code) {
        if (!code.isEmpty())
            result.addQueryItem(u"code"_s, code);
        if (!error.isEmpty()) {
            result.addQueryItem(u"error"_s, error);
            result.addQueryItem(u"error_description"_s, description);
        }
        if (!state.isEmpty())
            result.addQueryItem(u"state"_s, state);
        result.addQueryItem(u"iss"_s, m_issuer); // RFC 9207
        target.setQuery(result);
        SandboxReply reply{302, {}, {}, {}};
        reply.headers.append({"Location"_ba, target.toEncoded()});
        reply.headers.append({"Cache-Control"_ba, "no-store"_ba});
        return reply;
    };

    if (query.queryItemValue(u"response_type"_s) != u"code"_s)
        return redirect(u"unsupported_response_type"_s, u"Only response_type=code is supported."_s, {});
    if (!client->grantTypes.contains(u"authorization_code"_s))
        return redirect(u"unauthorized_client"_s, u"The client may not use the authorization code grant."_s, {});
    const QString challenge = query.queryItemValue(u"code_challenge"_s, QUrl::FullyDecoded);
    if (challenge.isEmpty() || query.queryItemValue(u"code_challenge_method"_s) != u"S256"_s)
        return redirect(u"invalid_request"_s,
                        u"PKCE is required: send code_challenge with code_challenge_method=S256."_s, {});
    SandboxReply scopeError;
    const QString scope = grantedScope(*client, query.queryItemValue(u"scope"_s, QUrl::FullyDecoded), &scopeError);
    if (scopeError.status != 200)
        return redirect(u"invalid_scope"_s, QJsonDocument::fromJson(scopeError.body)[u"error_description"_s].toString(),
                        {});

    // An emulator has no user to ask: every valid request is approved for the demo user at once.
    const QString code = randomToken();
    m_codes.insert(code,
                   CodeRecord{clientId, redirectUri, challenge, scope, nowSeconds() + CodeLifetimeSeconds, false});
    return redirect({}, {}, code);
}

AuthorizationServer::Authenticated AuthorizationServer::authenticateClient(const QHash<QString, QString> &params,
                                                                           const QByteArray &authorization) const
{
    QString clientId;
    QString secret;
    bool secretPresented = false;
    const QByteArray header = authorization.trimmed();
    if (header.size() > 6 && header.left(6).compare("basic ", Qt::CaseInsensitive) == 0) {
        const auto decoded =
            QByteArray::fromBase64Encoding(header.mid(6).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
        const QByteArray pair = decoded ? *decoded : QByteArray();
        const qsizetype colon = pair.indexOf(':');
        if (!decoded || colon < 0)
            return {nullptr, invalidClient(u"The Basic credentials are not base64 of \"client_id:client_secret\"."_s)};
        // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
        clientId = formDecode(pair.left(colon));
        secret = formDecode(pair.mid(colon + 1));
        secretPresented = true;
        if (params.contains(u"client_secret"_s))
            return {nullptr,
                    oauthError(400, u"invalid_request"_s, u"Use one client authentication method, not two."_s)};
        if (params.contains(u"client_id"_s) && params.value(u"client_id"_s) != clientId)
            return {nullptr, oauthError(400, u"invalid_request"_s,
                                        u"client_id in the body differs from the Basic credentials."_s)};
    } else {
        clientId = params.value(u"client_id"_s);
        secretPresented = params.contains(u"client_secret"_s);
        secret = params.value(u"client_secret"_s);
    }
    if (clientId.isEmpty())
        return {nullptr,
                invalidClient(u"Client authentication is required (client_secret_basic or client_secret_post)."_s)};
    const auto client = m_clients.constFind(clientId);
    if (client == m_clients.cend())
        return {nullptr, invalidClient(u"Client authentication failed: unknown client."_s)};
    if (client->secret.isEmpty()) {
        if (secretPresented)
            return {nullptr, invalidClient(u"Client %1 is public and has no secret."_s.arg(clientId))};
        return {&*client, {}};
    }
    if (!secretPresented)
        return {nullptr, invalidClient(u"Client %1 is confidential: authenticate with its secret."_s.arg(clientId))};
    if (!constantTimeEquals(secret, client->secret))
        return {nullptr, invalidClient(u"Client authentication failed: wrong secret."_s)};
    return {&*client, {}};
}

SandboxReply AuthorizationServer::tokenRequest(const QHash<QString, QString> &params, const QByteArray &authorization)
{
    const QString grantType = params.value(u"grant_type"_s);
    if (grantType.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"grant_type is required."_s);
    const Authenticated auth = authenticateClient(params, authorization);
    if (!auth.client)
        return auth.error;
    const Client &client = *auth.client;
    if (!client.grantTypes.contains(grantType)) {
        if (grantType != u"client_credentials"_s && grantType != u"authorization_code"_s &&
            grantType != u"refresh_token"_s)
            return oauthError(400, u"unsupported_grant_type"_s,
                              u"grant_type \"%1\" is not supported."_s.arg(grantType));
        return oauthError(400, u"unauthorized_client"_s,
                          u"Client %1 may not use the %2 grant."_s.arg(client.id, grantType));
    }

    TokenFormat format = client.tokenFormat;
    const QString requestedFormat = params.value(u"token_format"_s);
    if (requestedFormat == u"opaque"_s)
        format = TokenFormat::Opaque;
    else if (requestedFormat == u"jwt"_s)
        format = TokenFormat::Jwt;
    else if (!requestedFormat.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"token_format must be \"jwt\" or \"opaque\"."_s);
    // RFC 8707: a resource indicator names the audience of the token.
    const QString audience = params.value(u"resource"_s, m_audience);

    if (grantType == u"client_credentials"_s) {
        if (client.secret.isEmpty())
            return oauthError(400, u"unauthorized_client"_s, u"A public client cannot use client_credentials."_s);
        SandboxReply error;
        const QString scope = grantedScope(client, params.value(u"scope"_s), &error);
        if (error.status != 200)
            return error;
        // RFC 6749 §4.4.3: no refresh token for client credentials.
        return issueTokens(client, client.id, scope, audience, format, false, {});
    }

    if (grantType == u"authorization_code"_s) {
        const QString code = params.value(u"code"_s);
        const auto record = m_codes.find(code);
        const auto invalidGrant = [](const QString &why) { return oauthError(400, u"invalid_grant"_s, why); };
        if (code.isEmpty() || record == m_codes.end())
            return invalidGrant(u"The authorization code is unknown."_s);
        if (record->used) {
            m_codes.erase(record);
            return invalidGrant(u"The authorization code was already used."_s);
        }
        record->used = true;
        if (record->clientId != client.id)
            return invalidGrant(u"The authorization code was issued to another client."_s);
        if (record->expiresAt < nowSeconds())
            return invalidGrant(u"The authorization code has expired."_s);
        if (params.value(u"redirect_uri"_s) != record->redirectUri)
            return invalidGrant(u"redirect_uri differs from the one of the authorization request."_s);
        const QByteArray verifier = params.value(u"code_verifier"_s).toLatin1();
        const QString computed =
            QString::fromLatin1(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
                                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        if (verifier.isEmpty() || !constantTimeEquals(computed, record->codeChallenge))
            return invalidGrant(u"PKCE verification failed: code_verifier does not match code_challenge."_s);
        return issueTokens(client, u"demo-user"_s, record->scope, audience, format,
                           client.grantTypes.contains(u"refresh_token"_s), randomToken(12));
    }

    // refresh_token, with rotation (RFC 9700 §4.14.2): each refresh token works once; presenting a used one
    // revokes its whole family, since either the client or an attacker holds a stolen copy.
    const QString presented = params.value(u"refresh_token"_s);
    const auto record = m_refreshTokens.find(presented);
    if (presented.isEmpty() || record == m_refreshTokens.end())
        return oauthError(400, u"invalid_grant"_s, u"The refresh token is unknown."_s);
    if (record->clientId != client.id)
        return oauthError(400, u"invalid_grant"_s, u"The refresh token was issued to another client."_s);
    if (record->used || record->revoked) {
        const QString family = record->family;
        for (auto &other : m_refreshTokens) {
            if (other.family == family)
                other.revoked = true;
        }
        return oauthError(400, u"invalid_grant"_s,
                          record->revoked && !record->used
                              ? u"The refresh token was revoked."_s
                              : u"The refresh token was already used; its token family is now revoked."_s);
    }
    record->used = true;
    QString scope = record->scope;
    const QString narrowed = params.value(u"scope"_s);
    if (!narrowed.isEmpty()) {
        const QStringList granted = scope.split(u' ', Qt::SkipEmptyParts);
        for (const auto &item : narrowed.split(u' ', Qt::SkipEmptyParts)) {
            if (!granted.contains(item))
                return oauthError(400, u"invalid_scope"_s,
                                  u"Scope \"%1\" was not granted to the refresh token."_s.arg(item));
        }
        scope = narrowed;
    }
    const RefreshRecord copy = *record;
    return issueTokens(client, copy.subject, scope, params.contains(u"resource"_s) ? audience : copy.audience, format,
                       true, copy.family);
}

SandboxReply AuthorizationServer::issueTokens(const Client &client, const QString &subject, const QString &scope,
                                              const QString &audience, TokenFormat format, bool withRefreshToken,
                                              const QString &refreshFamily)
{
    const qint64 now = nowSeconds();
    TokenRecord record{
        client.id, subject, scope, audience, randomToken(16), now, now + m_tokenLifetime, format == TokenFormat::Opaque,
        false};
    QString accessToken;
    if (format == TokenFormat::Opaque) {
        accessToken = randomToken();
    } else {
        const Key *signer = nullptr;
        for (const auto &key : m_keys) {
            if (!key.retired)
                signer = &key;
        }
        if (!signer)
            return oauthError(500, u"server_error"_s, u"The server has no signing key."_s);
        const QJsonObject header{{u"alg"_s, u"RS256"_s}, {u"typ"_s, u"at+jwt"_s}, {u"kid"_s, signer->kid}};
        QJsonObject claims{
            {u"iss"_s, m_issuer},         {u"sub"_s, subject},    {u"aud"_s, audience},       {u"iat"_s, now},
            {u"exp"_s, record.expiresAt}, {u"jti"_s, record.jti}, {u"client_id"_s, client.id}};
        if (!scope.isEmpty())
            claims.insert(u"scope"_s, scope);
        accessToken = QString::fromLatin1(signer->key->sign(header, claims));
        if (accessToken.isEmpty())
            return oauthError(500, u"server_error"_s, u"Signing the access token failed."_s);
    }
    m_accessTokens.insert(accessToken, record);

    QJsonObject body{
        {u"access_token"_s, accessToken}, {u"token_type"_s, u"Bearer"_s}, {u"expires_in"_s, m_tokenLifetime}};
    if (!scope.isEmpty())
        body.insert(u"scope"_s, scope);
    if (withRefreshToken) {
        const QString refreshToken = randomToken();
        m_refreshTokens.insert(refreshToken,
                               RefreshRecord{client.id, subject, scope, audience, refreshFamily, false, false});
        body.insert(u"refresh_token"_s, refreshToken);
    }
    SandboxReply reply = SandboxReply::json(200, body);
    reply.headers.append({"Cache-Control"_ba, "no-store"_ba});
    reply.headers.append({"Pragma"_ba, "no-cache"_ba});
    return reply;
}

const AuthorizationServer::TokenRecord *AuthorizationServer::findAccessToken(const QString &token) const
{
    const auto it = m_accessTokens.constFind(token);
    return it == m_accessTokens.cend() ? nullptr : &*it;
}

QJsonObject AuthorizationServer::introspect(const QString &token) const
{
    const TokenRecord *record = findAccessToken(token);
    // RFC 7662 §2.2: an unknown, expired or revoked token is simply inactive, with no other member.
    if (!record || record->revoked || record->expiresAt <= nowSeconds()) {
        const auto refresh = m_refreshTokens.constFind(token);
        if (refresh != m_refreshTokens.cend() && !refresh->used && !refresh->revoked)
            return QJsonObject{
                {u"active"_s, true},          {u"client_id"_s, refresh->clientId},   {u"sub"_s, refresh->subject},
                {u"scope"_s, refresh->scope}, {u"token_type"_s, u"refresh_token"_s}, {u"iss"_s, m_issuer}};
        return QJsonObject{{u"active"_s, false}};
    }
    QJsonObject answer{{u"active"_s, true},           {u"client_id"_s, record->clientId},
                       {u"sub"_s, record->subject},   {u"aud"_s, record->audience},
                       {u"iss"_s, m_issuer},          {u"exp"_s, record->expiresAt},
                       {u"iat"_s, record->issuedAt},  {u"jti"_s, record->jti},
                       {u"token_type"_s, u"Bearer"_s}};
    if (!record->scope.isEmpty())
        answer.insert(u"scope"_s, record->scope);
    return answer;
}

SandboxReply AuthorizationServer::introspectionRequest(const QHash<QString, QString> &params,
                                                       const QByteArray &authorization)
{
    const Authenticated auth = authenticateClient(params, authorization);
    if (!auth.client)
        return auth.error;
    if (auth.client->secret.isEmpty())
        return invalidClient(u"Introspection needs a confidential client."_s);
    if (!params.contains(u"token"_s))
        return oauthError(400, u"invalid_request"_s, u"The token parameter is required."_s);
    return SandboxReply::json(200, introspect(params.value(u"token"_s)));
}

SandboxReply AuthorizationServer::revocationRequest(const QHash<QString, QString> &params,
                                                    const QByteArray &authorization)
{
    const Authenticated auth = authenticateClient(params, authorization);
    if (!auth.client)
        return auth.error;
    if (!params.contains(u"token"_s))
        return oauthError(400, u"invalid_request"_s, u"The token parameter is required."_s);
    const QString token = params.value(u"token"_s);
    // RFC 7009 §2.2: 200 whether or not the token existed; a client can only revoke its own tokens.
    const auto access = m_accessTokens.find(token);
    if (access != m_accessTokens.end() && access->clientId == auth.client->id)
        access->revoked = true;
    const auto refresh = m_refreshTokens.find(token);
    if (refresh != m_refreshTokens.end() && refresh->clientId == auth.client->id) {
        const QString family = refresh->family;
        for (auto &other : m_refreshTokens) {
            if (other.family == family)
                other.revoked = true;
        }
    }
    return SandboxReply{200, {}, {}, {}};
}

SandboxReply AuthorizationServer::adminRequest(const QString &path, bool isPost, const QHash<QString, QString> &params,
                                               const QByteArray &authorization)
{
    const QByteArray expected = "Basic " + (m_adminUser + u':' + m_adminPassword).toUtf8().toBase64();
    if (!constantTimeEquals(QString::fromLatin1(authorization.trimmed()), QString::fromLatin1(expected))) {
        SandboxReply reply =
            oauthError(401, u"unauthorized"_s, u"The admin calls need the sandbox admin's Basic credentials."_s);
        reply.headers.append({"WWW-Authenticate"_ba, "Basic realm=\"gatewright-sandbox-oauth\""_ba});
        return reply;
    }
    if (path == u"/oauth2/admin/rotate-keys"_s && isPost) {
        const QString retired = currentKeyId();
        const QString kid = rotateSigningKey();
        qCInfo(lcSandbox) << "OAuth signing key rotated:" << retired << "retired," << kid << "signs";
        return SandboxReply::json(200, QJsonObject{{u"kid"_s, kid}, {u"retired"_s, retired}});
    }
    if (path == u"/oauth2/admin/settings"_s) {
        if (isPost && params.contains(u"token_lifetime"_s)) {
            bool ok = false;
            const int seconds = params.value(u"token_lifetime"_s).toInt(&ok);
            if (!ok || seconds < 1)
                return oauthError(400, u"invalid_request"_s,
                                  u"token_lifetime must be a whole number of seconds >= 1."_s);
            setTokenLifetime(seconds);
        }
        return SandboxReply::json(200, QJsonObject{{u"token_lifetime"_s, m_tokenLifetime},
                                                   {u"issuer"_s, m_issuer},
                                                   {u"audience"_s, m_audience},
                                                   {u"kid"_s, currentKeyId()}});
    }
    return oauthError(404, u"not_found"_s, u"No admin call at %1."_s.arg(path));
}

} // namespace gw
