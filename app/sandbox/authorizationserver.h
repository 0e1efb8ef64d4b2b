// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandboxreply.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace gw {

class SigningKey;

/// A small OAuth 2.0 authorization server on its own loopback port, the IdP of the sandbox:
/// RFC 8414 / OIDC discovery metadata, /oauth2/authorize (auto-approving: an emulator has no user to ask),
/// /oauth2/token (client_credentials, authorization_code with PKCE S256 and loopback redirects per RFC 8252,
/// refresh_token with rotation and reuse detection), client_secret_basic and client_secret_post,
/// RS256 JWT access tokens (RFC 9068, typ at+jwt) or opaque ones, /oauth2/jwks with key rotation,
/// /oauth2/introspect (RFC 7662) and /oauth2/revoke (RFC 7009).
/// Admin calls (Basic, the sandbox admin): POST /oauth2/admin/rotate-keys, POST /oauth2/admin/settings.
class AuthorizationServer : public QObject
{
    Q_OBJECT

public:
    enum class TokenFormat { Jwt, Opaque };

    struct Client
    {
        QString id;
        QString secret;           ///< empty: a public client (token_endpoint_auth_method none)
        QStringList grantTypes;   ///< client_credentials, authorization_code, refresh_token
        QStringList scopes;       ///< scopes it may be granted
        QStringList redirectUris; ///< exact, except any port on http://127.0.0.1 and http://[::1] (RFC 8252 §7.3)
        TokenFormat tokenFormat = TokenFormat::Jwt;
    };

    static constexpr int DefaultTokenLifetime = 3600;

    explicit AuthorizationServer(QObject *parent = nullptr);
    ~AuthorizationServer() override;

    /// Listens on \a address:\a port (0: ephemeral). The issuer is http://127.0.0.1:<port> unless set before.
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    quint16 port() const;
    QUrl baseUrl() const;
    QString errorString() const;

    QString issuer() const;
    void setIssuer(const QString &issuer);
    QString audience() const;
    void setAudience(const QString &audience);
    int tokenLifetime() const;
    /// Lifetime in seconds of the access tokens issued from now on (at least 1).
    void setTokenLifetime(int seconds);
    void setAdminCredentials(const QString &user, const QString &password);

    void addClient(const Client &client);
    /// Adds a key that signs from now on; the previous signing key stays in the JWKS, retired (it verifies the
    /// tokens it signed until they expire, and signs nothing more); keys retired earlier leave the JWKS.
    /// Returns the new key's kid.
    QString rotateSigningKey();
    QString currentKeyId() const;
    /// {"keys":[...]} as served at /oauth2/jwks.
    QByteArray jwks() const;

    /// The token endpoint's logic, shared with the gateway's /invoke/pub.apigateway.oauth2/getAccessToken.
    /// \a params are the request parameters, \a authorization the Authorization header (may be empty).
    SandboxReply tokenRequest(const QHash<QString, QString> &params, const QByteArray &authorization);
    /// RFC 7662 answer for \a token (no client authentication: for in-process callers).
    QJsonObject introspect(const QString &token) const;

    QUrl tokenEndpoint() const;
    QUrl jwksUri() const;
    QUrl introspectionEndpoint() const;
    QUrl revocationEndpoint() const;
    QUrl authorizationEndpoint() const;

    /// Parses an application/x-www-form-urlencoded body (or a query string) into a map; '+' is a space.
    static QHash<QString, QString> parseForm(const QByteArray &body);

private:
    struct TokenRecord
    {
        QString clientId;
        QString subject;
        QString scope;
        QString audience;
        QString jti;
        qint64 issuedAt = 0;
        qint64 expiresAt = 0;
        bool opaque = false;
        bool revoked = false;
    };
    struct RefreshRecord
    {
        QString clientId;
        QString subject;
        QString scope;
        QString audience;
        QString family;
        bool used = false;
        bool revoked = false;
    };
    struct CodeRecord
    {
        QString clientId;
        QString redirectUri;
        QString codeChallenge;
        QString scope;
        qint64 expiresAt = 0;
        bool used = false;
    };
    struct Key
    {
        std::shared_ptr<SigningKey> key;
        QString kid;
        bool retired = false;
    };
    struct Authenticated
    {
        const Client *client = nullptr;
        SandboxReply error;
    };

    void dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    SandboxReply metadata() const;
    SandboxReply authorize(const QUrlQuery &query);
    SandboxReply introspectionRequest(const QHash<QString, QString> &params, const QByteArray &authorization);
    SandboxReply revocationRequest(const QHash<QString, QString> &params, const QByteArray &authorization);
    SandboxReply adminRequest(const QString &path, bool isPost, const QHash<QString, QString> &params,
                              const QByteArray &authorization);
    /// RFC 6749 §2.3.1: client_secret_basic (form-urlencoded id and secret inside base64) or client_secret_post;
    /// a public client names itself with client_id only.
    Authenticated authenticateClient(const QHash<QString, QString> &params, const QByteArray &authorization) const;
    SandboxReply issueTokens(const Client &client, const QString &subject, const QString &scope,
                             const QString &audience, TokenFormat format, bool withRefreshToken,
                             const QString &refreshFamily);
    QString grantedScope(const Client &client, const QString &requested, SandboxReply *error) const;
    bool redirectUriAllowed(const Client &client, const QString &redirectUri) const;
    const TokenRecord *findAccessToken(const QString &token) const;
    QUrl endpoint(const QString &path) const;

    std::unique_ptr<QHttpServer> m_server;
    QString m_issuer;
    QString m_audience = QStringLiteral("gatewright-demo-gateway");
    int m_tokenLifetime = DefaultTokenLifetime;
    QString m_adminUser = QStringLiteral("Administrator");
    QString m_adminPassword = QStringLiteral("manage");
    QHash<QString, Client> m_clients;
    QList<Key> m_keys;
    QHash<QString, TokenRecord> m_accessTokens; ///< by token value
    QHash<QString, RefreshRecord> m_refreshTokens;
    QHash<QString, CodeRecord> m_codes;
    QString m_error;
};

} // namespace gw
