// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "authorizationcodeflow.h"
#include "authorizationservermetadata.h"
#include "introspectionjob.h"
#include "oauthclientconfig.h"
#include "oautherror.h"
#include "tokeninfo.h"
#include "tokeninspection.h"
#include "workspace.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace gw {

class JwksCache;
class SecretProvider;
struct TokenResponse;

/// Which authorization server, client and request a TokenSession works with.
struct TokenSessionConfig
{
    QString environment; ///< the workspace environment (keychain entries are per environment)
    OAuthServer server;  ///< issuer, optional fallback endpoints, client id, audience
    QString clientId;    ///< empty: server.clientId
    OAuthClientConfig::AuthMethod authMethod = OAuthClientConfig::AuthMethod::ClientSecretBasic;
    QStringList scopes;
    QString resource; ///< RFC 8707 resource indicator, when the server wants one
    std::chrono::seconds leeway{60};
    TlsOptions tls;     ///< the environment's TLS settings, for the OAuth hosts (see Transport)
    QString gatewayUrl; ///< the environment's gateway, the only host the pin applies to

    QString effectiveClientId() const { return clientId.isEmpty() ? server.clientId : clientId; }
    /// The environment's OAuth client as the workspace configures it (auth method, resource), asking for `scopes`.
    static TokenSessionConfig forEnvironment(const Environment &environment, const QStringList &scopes = {});
};

/// One client's token at one authorization server, as the token lab and the CLI use it: discovers the server,
/// gets a token (client credentials, or a browser sign-in with PKCE), verifies it against the JWKS, refreshes it
/// before it expires (rotation: the new refresh token is stored in the keychain before the old one is dropped;
/// invalid_grant ends the session, no retry), introspects and revokes. The access token stays in memory; the
/// refresh token is only in the keychain; the client secret is read for each request and dropped.
class TokenSession : public QObject
{
    Q_OBJECT
public:
    TokenSession(QNetworkAccessManager *network, SecretProvider *secrets, JwksCache *jwks, QObject *parent = nullptr);
    ~TokenSession() override;

    /// Changes server or client: drops the token held in memory (the keychain keeps its refresh token).
    void setConfig(const TokenSessionConfig &config);
    /// setConfig() unless `config` asks for the same token as the current one (same environment, server, client,
    /// client type and scopes): then the token held is kept.
    void ensureConfig(const TokenSessionConfig &config);
    const TokenSessionConfig &config() const { return m_config; }
    /// How the browser is opened for signIn() (the GUI passes QDesktopServices::openUrl).
    void setUrlOpener(AuthorizationCodeFlow::UrlOpener opener) { m_openUrl = std::move(opener); }
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    /// No automatic renewal runs sooner than this after the token arrived or the previous attempt failed.
    static constexpr std::chrono::seconds MinAutoRefreshDelay{30};
    /// The longest wait between automatic renewals that keep failing (the delay doubles from MinAutoRefreshDelay).
    static constexpr std::chrono::seconds MaxAutoRefreshBackoff{600};

    /// Renew the token automatically shortly before it expires (on by default). A failed renewal is tried again
    /// after 30 s, then 60 s, 120 s ... up to 10 min; a token received resets that.
    void setAutoRefresh(bool enabled);
    bool autoRefresh() const { return m_autoRefresh; }
    /// When the automatic renewal will run; invalid when none is scheduled.
    QDateTime nextAutoRefresh() const { return m_nextAutoRefresh; }
    /// Automatic renewals that failed in a row since the last token was received.
    int autoRefreshFailures() const { return m_autoRefreshFailures; }

    const TokenInfo &token() const { return m_token; }
    std::optional<AuthorizationServerMetadata> metadata() const { return m_metadata; }
    bool isBusy() const { return !m_activity.isEmpty(); }
    QString activity() const { return m_activity; }

    /// client_credentials.
    void requestToken();
    /// authorization_code + PKCE through the browser and the loopback listener.
    void signIn();
    /// refresh_token from the keychain when the session has one; otherwise a new client-credentials token.
    void refresh();
    void introspect();
    /// Introspects (or revokes) another token than the session's, e.g. one pasted or given on the command line.
    void introspectToken(const QString &token);
    void revokeToken(const QString &token);
    /// Verifies a token the console did not obtain (pasted) against this environment's JWKS, with `policy`;
    /// pastedTokenVerified() follows (or failed(), when the server's metadata cannot be read). Nothing is kept.
    void verifyPastedToken(const QString &token, const TokenCheckPolicy &policy);
    /// The checks the session's own tokens get: the issuer from the metadata, the configured audience.
    TokenCheckPolicy checkPolicy() const;
    /// Revokes the access token (RFC 7009) and forgets it.
    void revokeAccessToken();
    /// Revokes the refresh token, removes it from the keychain and forgets the access token.
    void signOut();
    /// Forgets the access token (memory only).
    void clear();
    void cancel();

Q_SIGNALS:
    void busyChanged(bool busy, const QString &activity);
    /// The token, its verification status or its expiry changed.
    void tokenChanged();
    void failed(const gw::OAuthError &error);
    /// Something the user should see in the activity log ("Token renewed automatically ...").
    void notice(const QString &text);
    void introspected(const gw::IntrospectionResult &result);
    void revoked(const QString &note);
    void pastedTokenVerified(const gw::TokenInfo &token);
    /// The refresh token was refused: the session is over until the user signs in again.
    void sessionEnded(const QString &reason);

private:
    using Continuation = std::function<void()>;
    using ClientContinuation = std::function<void(const OAuthClientConfig &)>;

    void begin(const QString &activity);
    void end();
    void fail(const OAuthError &error);
    void withMetadata(Continuation next);
    /// Registers the environment's TLS settings for the OAuth hosts (configured and `discovered`).
    void useEnvironmentTls(const QList<QUrl> &discovered);
    void withClient(ClientContinuation next);
    void acceptToken(const TokenResponse &response, const QString &grant);
    void verifyToken();
    void scheduleAutoRefresh();
    void startRefreshTimer(qint64 delayMs);
    void onAutoRefresh();
    QString expiresInNote(const TokenResponse &response, const TokenInfo &token) const;
    void storeRefreshToken(const QString &refreshToken);
    void endSession(const QString &reason);

    QNetworkAccessManager *m_network;
    QPointer<SecretProvider> m_secrets;
    JwksCache *m_jwks;
    TokenSessionConfig m_config;
    AuthorizationCodeFlow::UrlOpener m_openUrl;
    std::function<QDateTime()> m_clock = [] { return QDateTime::currentDateTimeUtc(); };
    std::optional<AuthorizationServerMetadata> m_metadata;
    TokenInfo m_token;
    QString m_activity;
    bool m_autoRefresh = true;
    QTimer m_refreshTimer;
    qint64 m_refreshTimerRemainingMs = 0; ///< a wait longer than QTimer takes runs in steps
    QDateTime m_nextAutoRefresh;
    bool m_autoRefreshRunning = false; ///< the request under way was started by the timer
    int m_autoRefreshFailures = 0;
    QPointer<QObject> m_job;
    quint64 m_generation = 0; ///< bumps on setConfig()/clear(): late answers for an old token are dropped
};

} // namespace gw
