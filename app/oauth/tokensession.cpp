// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokensession.h"

#include "discoveryjob.h"
#include "jose/claimvalidator.h"
#include "jose/decodedjwt.h"
#include "jwtverificationjob.h"
#include "net/transport.h"
#include "oauthlogging.h"
#include "oauthprotocol.h"
#include "revocationjob.h"
#include "secrets/secretprovider.h"
#include "secrets/secretstore.h"
#include "tokeninspection.h"
#include "tokenrequestjob.h"

#include <QTime>

#include <utility>

using namespace Qt::StringLiterals;

namespace gw {

namespace {

// The wait before the next automatic renewal after `failures` failed ones in a row: 30 s, then doubling, capped.
std::chrono::seconds autoRefreshDelayAfter(int failures)
{
    std::chrono::seconds delay = TokenSession::MinAutoRefreshDelay;
    for (int i = 1; i < failures && delay < TokenSession::MaxAutoRefreshBackoff; ++i)
        delay *= 2;
    return std::min(delay, TokenSession::MaxAutoRefreshBackoff);
}

} // namespace

TokenSessionConfig TokenSessionConfig::forEnvironment(const Environment &environment, const QStringList &scopes)
{
    TokenSessionConfig config;
    config.environment = environment.name;
    config.server = environment.oauth;
    config.authMethod = environment.oauth.clientAuthMethod == OAuthServer::ClientAuthMethod::Post
                            ? OAuthClientConfig::AuthMethod::ClientSecretPost
                            : OAuthClientConfig::AuthMethod::ClientSecretBasic;
    config.resource = environment.oauth.resource;
    config.scopes = scopes;
    config.tls = environment.tls;
    config.gatewayUrl = environment.gatewayUrl;
    return config;
}

TokenSession::TokenSession(QNetworkAccessManager *network, SecretProvider *secrets, JwksCache *jwks, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_secrets(secrets)
    , m_jwks(jwks)
{
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setParent(this); // found by name in tests, which fire it instead of waiting
    m_refreshTimer.setObjectName(u"autoRefreshTimer"_s);
    connect(&m_refreshTimer, &QTimer::timeout, this, &TokenSession::onAutoRefresh);
}

TokenSession::~TokenSession() = default;

void TokenSession::setConfig(const TokenSessionConfig &config)
{
    cancel();
    m_config = config;
    m_metadata.reset();
    clear();
    useEnvironmentTls({});
}

void TokenSession::useEnvironmentTls(const QList<QUrl> &discovered)
{
    QList<QUrl> urls = discovered;
    const OAuthServer &server = m_config.server;
    for (const QString &url : {server.issuer, server.tokenEndpoint, server.jwksUri, server.introspectionEndpoint,
                               server.revocationEndpoint, server.authorizationEndpoint}) {
        if (!url.isEmpty())
            urls << QUrl(url);
    }
    if (!m_config.environment.isEmpty())
        Transport::of(m_network)->useEnvironmentTls(m_config.environment, m_config.tls, m_config.gatewayUrl, urls);
}

void TokenSession::setAutoRefresh(bool enabled)
{
    m_autoRefresh = enabled;
    scheduleAutoRefresh();
    Q_EMIT tokenChanged();
}

void TokenSession::begin(const QString &activity)
{
    m_activity = activity;
    Q_EMIT busyChanged(true, activity);
}

void TokenSession::end()
{
    m_activity.clear();
    Q_EMIT busyChanged(false, {});
}

void TokenSession::fail(const OAuthError &error)
{
    qCDebug(lcOAuth) << "token session:" << error.message;
    const bool automatic = std::exchange(m_autoRefreshRunning, false);
    end();
    Q_EMIT failed(error);
    if (!automatic || error.kind == OAuthError::Kind::Cancelled || m_token.isEmpty() || isBusy())
        return;
    // Try again later, waiting longer after each failure: a server that is down is not asked in a loop.
    ++m_autoRefreshFailures;
    scheduleAutoRefresh();
    if (m_nextAutoRefresh.isValid())
        Q_EMIT notice(
            u"The automatic renewal failed (%1 in a row); it is tried again at %2."_s.arg(m_autoRefreshFailures)
                .arg(m_nextAutoRefresh.toLocalTime().toString(u"HH:mm:ss"_s)));
    Q_EMIT tokenChanged();
}

void TokenSession::cancel()
{
    ++m_generation;
    m_autoRefreshRunning = false;
    if (m_job)
        m_job->deleteLater();
    m_job = nullptr;
    if (isBusy())
        end();
}

void TokenSession::clear()
{
    ++m_generation;
    m_refreshTimer.stop();
    m_nextAutoRefresh = QDateTime();
    m_autoRefreshRunning = false;
    m_autoRefreshFailures = 0;
    m_token = TokenInfo();
    Q_EMIT tokenChanged();
}

void TokenSession::ensureConfig(const TokenSessionConfig &config)
{
    const bool same = m_config.environment == config.environment && m_config.server == config.server &&
                      m_config.clientId == config.clientId && m_config.authMethod == config.authMethod &&
                      m_config.scopes == config.scopes;
    if (!same)
        setConfig(config);
    else if (m_config.tls != config.tls || m_config.gatewayUrl != config.gatewayUrl) {
        m_config.tls = config.tls;
        m_config.gatewayUrl = config.gatewayUrl;
        useEnvironmentTls({});
    }
}

void TokenSession::withMetadata(Continuation next)
{
    if (m_metadata) {
        next();
        return;
    }
    auto *job = new DiscoveryJob(m_network, m_config.server.issuer, this);
    m_job = job;
    const quint64 generation = m_generation;
    connect(job, &DiscoveryJob::finished, this, [this, job, generation, next] {
        job->deleteLater();
        if (generation != m_generation)
            return;
        if (!job->error().isError()) {
            m_metadata = job->metadata();
            // The endpoints the issuer names are the environment's OAuth hosts too.
            useEnvironmentTls({m_metadata->tokenEndpoint, m_metadata->jwksUri, m_metadata->introspectionEndpoint,
                               m_metadata->revocationEndpoint, m_metadata->authorizationEndpoint});
            next();
            return;
        }
        // The workspace may name the endpoints itself, for servers without metadata (the gateway's own local
        // OAuth endpoint, for one). A failed issuer check is never bypassed.
        const OAuthServer &server = m_config.server;
        if (job->error().kind != OAuthError::Kind::Security && !server.tokenEndpoint.isEmpty()) {
            AuthorizationServerMetadata metadata;
            metadata.issuer = server.issuer;
            metadata.tokenEndpoint = QUrl(server.tokenEndpoint);
            metadata.jwksUri = QUrl(server.jwksUri);
            metadata.introspectionEndpoint = QUrl(server.introspectionEndpoint);
            metadata.revocationEndpoint = QUrl(server.revocationEndpoint);
            metadata.authorizationEndpoint = QUrl(server.authorizationEndpoint);
            const std::pair<QString, QUrl> endpoints[] = {{u"tokenEndpoint"_s, metadata.tokenEndpoint},
                                                          {u"jwksUri"_s, metadata.jwksUri},
                                                          {u"introspectionEndpoint"_s, metadata.introspectionEndpoint},
                                                          {u"revocationEndpoint"_s, metadata.revocationEndpoint},
                                                          {u"authorizationEndpoint"_s, metadata.authorizationEndpoint}};
            for (const auto &[name, url] : endpoints) {
                if (!url.isEmpty() && !AuthorizationServerMetadata::isAcceptableEndpoint(url)) {
                    fail(OAuthError::make(OAuthError::Kind::Security,
                                          u"The environment's oauth.%1 (%2) is not https; plain http is only allowed "
                                          u"on 127.0.0.1."_s.arg(name, url.toDisplayString())));
                    return;
                }
            }
            Q_EMIT notice(job->error().message + u" Using the endpoints configured in the workspace."_s);
            m_metadata = metadata;
            next();
            return;
        }
        fail(job->error());
    });
    job->start();
}

void TokenSession::withClient(ClientContinuation next)
{
    const QString clientId = m_config.effectiveClientId();
    if (clientId.isEmpty()) {
        fail(OAuthError::make(
            OAuthError::Kind::Configuration,
            u"Environment \"%1\" names no OAuth client id; set oauth.clientId."_s.arg(m_config.environment)));
        return;
    }
    OAuthClientConfig client{clientId, {}, m_config.authMethod};
    if (client.authMethod == OAuthClientConfig::AuthMethod::None) {
        next(client);
        return;
    }
    if (!m_secrets) {
        fail(OAuthError::make(OAuthError::Kind::Configuration, u"No secret store is available."_s));
        return;
    }
    const quint64 generation = m_generation;
    // The client secret is bound to the authorization server it is sent to.
    const QUrl destination = m_metadata ? m_metadata->tokenEndpoint
                                        : QUrl(m_config.server.tokenEndpoint.isEmpty() ? m_config.server.issuer
                                                                                       : m_config.server.tokenEndpoint);
    m_secrets->resolve(SecretKey::oauthClient(m_config.environment, clientId), destination, this,
                       [this, generation, client, next](const SecretResolution &resolution) mutable {
                           if (generation != m_generation)
                               return;
                           if (!resolution.ok()) {
                               fail(OAuthError::make(
                                   resolution.cancelled ? OAuthError::Kind::Cancelled : OAuthError::Kind::Configuration,
                                   resolution.message.isEmpty()
                                       ? u"No client secret for OAuth client \"%1\" (environment \"%2\"): store it "
                                         u"in the keychain or set GATEWRIGHT_CLIENT_SECRET."_s.arg(client.clientId,
                                                                                                   m_config.environment)
                                       : resolution.message));
                               return;
                           }
                           client.clientSecret = resolution.secret;
                           next(client);
                       });
}

void TokenSession::requestToken()
{
    if (isBusy())
        return;
    begin(u"Requesting a token"_s);
    const quint64 generation = m_generation;
    withMetadata([this, generation] {
        withClient([this, generation](const OAuthClientConfig &client) {
            auto *job = new TokenRequestJob(
                m_network, m_metadata->tokenEndpoint, client,
                TokenRequestJob::Grant::clientCredentials(m_config.scopes, m_config.resource), this);
            m_job = job;
            connect(job, &TokenRequestJob::finished, this, [this, job, generation] {
                job->deleteLater();
                if (generation != m_generation)
                    return;
                if (job->error().isError()) {
                    fail(job->error());
                    return;
                }
                acceptToken(job->response(), u"client_credentials"_s);
            });
            job->start();
        });
    });
}

void TokenSession::signIn()
{
    if (isBusy())
        return;
    begin(u"Waiting for the sign-in in the browser"_s);
    const quint64 generation = m_generation;
    withMetadata([this, generation] {
        withClient([this, generation](const OAuthClientConfig &client) {
            QStringList scopes = m_config.scopes;
            auto *flow = new AuthorizationCodeFlow(m_network, *m_metadata, client, scopes, m_openUrl, this);
            m_job = flow;
            connect(flow, &AuthorizationCodeFlow::waitingForBrowser, this, [this, flow](const QUrl &url, bool opened) {
                const QString until = QTime::currentTime().addMSecs(flow->timeoutMs()).toString(u"HH:mm:ss"_s);
                const int minutes = qMax(1, flow->timeoutMs() / 60000);
                Q_EMIT notice(opened ? u"Sign in in the browser window that opened (the console waits %1 "
                                       u"min, until %2). If none opened, visit: %3"_s.arg(minutes)
                                           .arg(until, url.toString())
                                     : u"No browser could be opened. Open this address yourself; the console "
                                       u"waits for the sign-in %1 min, until %2: %3"_s.arg(minutes)
                                           .arg(until, url.toString()));
            });
            connect(flow, &AuthorizationCodeFlow::finished, this, [this, flow, generation] {
                flow->deleteLater();
                if (generation != m_generation)
                    return;
                if (flow->error().isError()) {
                    fail(flow->error());
                    return;
                }
                acceptToken(flow->response(), u"authorization_code"_s);
            });
            flow->start();
        });
    });
}

void TokenSession::refresh()
{
    if (isBusy())
        return;
    if (!m_token.hasRefreshToken) {
        if (m_token.grant == u"authorization_code"_s || m_token.grant == u"refresh_token"_s) {
            Q_EMIT failed(OAuthError::make(OAuthError::Kind::Configuration,
                                           u"The session has no refresh token; sign in again."_s));
            return;
        }
        requestToken();
        return;
    }
    begin(u"Refreshing the token"_s);
    const quint64 generation = m_generation;
    withMetadata([this, generation] {
        withClient([this, generation](const OAuthClientConfig &client) {
            const SecretKey key = SecretKey::refreshToken(m_config.environment, client.clientId);
            m_secrets->store()->read(key, this, [this, generation, client](const SecretResult &stored) {
                if (generation != m_generation)
                    return;
                if (!stored.ok()) {
                    fail(OAuthError::make(OAuthError::Kind::Configuration,
                                          u"Cannot read the refresh token from the keychain: "_s + stored.message));
                    return;
                }
                auto *job = new TokenRequestJob(m_network, m_metadata->tokenEndpoint, client,
                                                TokenRequestJob::Grant::refreshToken(stored.secret), this);
                m_job = job;
                connect(job, &TokenRequestJob::finished, this, [this, job, generation] {
                    job->deleteLater();
                    if (generation != m_generation)
                        return;
                    if (job->error().code == u"invalid_grant"_s) {
                        // RFC 9700 §2.2.2: a refused refresh token is not retried; the user signs in again.
                        endSession(job->error().message);
                        return;
                    }
                    if (job->error().isError()) {
                        fail(job->error());
                        return;
                    }
                    acceptToken(job->response(), u"refresh_token"_s);
                });
                job->start();
            });
        });
    });
}

void TokenSession::endSession(const QString &reason)
{
    const QString clientId = m_config.effectiveClientId();
    if (m_secrets && m_secrets->store())
        m_secrets->store()->remove(SecretKey::refreshToken(m_config.environment, clientId), this,
                                   [](const SecretResult &) {});
    clear();
    end();
    Q_EMIT sessionEnded(u"The session ended: "_s + reason);
}

void TokenSession::storeRefreshToken(const QString &refreshToken)
{
    const SecretKey key = SecretKey::refreshToken(m_config.environment, m_config.effectiveClientId());
    const quint64 generation = m_generation;
    // The new token replaces the old one in the keychain; only once that write succeeded does the session rely
    // on it (the old one is already spent on the server side when the server rotates).
    m_secrets->store()->write(key, refreshToken, this, [this, generation](const SecretResult &result) {
        if (generation != m_generation)
            return;
        if (!result.ok()) {
            m_token.hasRefreshToken = false;
            Q_EMIT notice(
                u"The new refresh token could not be stored in the keychain (%1); the session cannot be "
                u"renewed and you will have to sign in again when the access token expires."_s.arg(result.message));
            Q_EMIT tokenChanged();
            return;
        }
        m_token.hasRefreshToken = true;
        Q_EMIT tokenChanged();
    });
}

void TokenSession::acceptToken(const TokenResponse &response, const QString &grant)
{
    const bool hadRefreshToken = m_token.hasRefreshToken;
    m_refreshTimer.stop();
    TokenInfo token;
    token.accessToken = response.accessToken;
    token.grant = grant;
    token.receivedAt = response.receivedAt.isValid() ? response.receivedAt : m_clock();
    token.expiresAt = response.expiresIn > 0 ? token.receivedAt.addSecs(response.expiresIn) : QDateTime();
    token.grantedScopes = response.grantedScopes;
    token.requestedScopes = response.requestedScopes.isEmpty() ? m_config.scopes : response.requestedScopes;
    // A refresh response without a new refresh token leaves the stored one valid (no rotation).
    token.hasRefreshToken = grant == u"refresh_token"_s && response.refreshToken.isEmpty() && hadRefreshToken;
    const DecodeResult decoded = DecodedJwt::decode(response.accessToken.toUtf8());
    if (decoded.ok()) {
        token.header = decoded.jwt->header();
        token.claims = decoded.jwt->claims();
        token.verification = TokenInfo::Verification::Pending;
        token.verificationText = u"Signature NOT verified (verification under way)."_s;
        if (!token.expiresAt.isValid())
            token.expiresAt = OAuthProtocol::numericDate(token.claims.value(u"exp"_s));
        if (!token.grantedScopes && (token.claims.contains(u"scope"_s) || token.claims.contains(u"scp"_s)))
            token.grantedScopes = ClaimValidator::grantedScopes(token.claims);
    } else {
        token.verification = TokenInfo::Verification::Opaque;
        token.verificationText = u"Opaque token: it cannot be verified locally; introspect it to ask the "
                                 u"authorization server."_s;
    }
    if (token.grantedScopes) {
        for (const QString &scope : std::as_const(token.requestedScopes)) {
            if (!token.grantedScopes->contains(scope))
                token.missingScopes << scope;
        }
    }
    m_token = token;
    ++m_generation; // answers for the previous token no longer apply
    m_autoRefreshRunning = false;
    m_autoRefreshFailures = 0;
    if (!response.unusableExpiresIn.isEmpty())
        Q_EMIT notice(expiresInNote(response, token));
    if (!token.missingScopes.isEmpty())
        Q_EMIT notice(u"The authorization server did not grant the requested scope(s) %1; calls that need them will "
                      u"be refused."_s.arg(token.missingScopes.join(u", "_s)));
    if (!response.refreshToken.isEmpty())
        storeRefreshToken(response.refreshToken);
    scheduleAutoRefresh();
    Q_EMIT tokenChanged();
    if (token.verification == TokenInfo::Verification::Pending)
        verifyToken();
    else
        end();
}

QString TokenSession::expiresInNote(const TokenResponse &response, const TokenInfo &token) const
{
    const QString sent = u"The token endpoint sent expires_in = %1, which is not a lifetime (a whole number of "
                         u"seconds, from 1 s to one year); "_s.arg(response.unusableExpiresIn);
    if (token.expiresAt.isValid())
        return sent + u"it is ignored and the expiry is taken from the token's exp claim (%1)."_s.arg(
                          token.expiresAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s));
    return sent + u"the expiry is treated as unknown, so the token is not renewed automatically."_s;
}

TokenCheckPolicy TokenSession::checkPolicy() const
{
    TokenCheckPolicy policy;
    policy.issuer = m_metadata ? m_metadata->issuer : m_config.server.issuer;
    if (!m_config.server.audience.isEmpty())
        policy.audience = m_config.server.audience;
    policy.leeway = m_config.leeway;
    return policy;
}

void TokenSession::verifyToken()
{
    const TokenCheckPolicy policy = checkPolicy();
    auto *job = new JwtVerificationJob(m_jwks, m_metadata ? m_metadata->jwksUri : QUrl(m_config.server.jwksUri),
                                       m_token.accessToken, policy.verifyPolicy(), policy.claimPolicy(), this);
    job->setClock(m_clock);
    const quint64 generation = m_generation;
    connect(job, &JwtVerificationJob::finished, this, [this, job, generation, policy] {
        job->deleteLater();
        if (generation != m_generation)
            return;
        TokenInspection::applyResult(m_token, job->result(), u"the issuer's JWKS"_s, job->keysError(),
                                     policy.notChecked());
        if (!job->result().ok() && job->retryAfter() > 0) {
            m_token.verificationText = job->summary();
            // Verify again once the key set may be refreshed: a rotated key is then found without a click.
            const QString token = m_token.accessToken;
            QTimer::singleShot(std::chrono::seconds(job->retryAfter()) + std::chrono::milliseconds(200), this,
                               [this, generation, token] {
                                   if (generation == m_generation && m_token.accessToken == token && !isBusy()) {
                                       begin(u"Verifying the token again"_s);
                                       verifyToken();
                                   }
                               });
        }
        if (job->refreshedKeys())
            Q_EMIT notice(u"The token's key id was not in the cached JWKS; the JWKS was fetched again once."_s);
        end();
        Q_EMIT tokenChanged();
    });
    job->start();
}

void TokenSession::verifyPastedToken(const QString &token, const TokenCheckPolicy &policy)
{
    TokenInfo info = TokenInspection::decode(token);
    if (info.verification != TokenInfo::Verification::Pending || isBusy()) {
        if (info.verification == TokenInfo::Verification::Pending) {
            info.verification = TokenInfo::Verification::Invalid;
            info.verificationText =
                u"Signature NOT verified: the session is busy (%1); try again when it is done."_s.arg(m_activity);
        }
        QMetaObject::invokeMethod(
            this, [this, info] { Q_EMIT pastedTokenVerified(info); }, Qt::QueuedConnection);
        return;
    }
    begin(u"Verifying the pasted token"_s);
    const quint64 generation = m_generation;
    withMetadata([this, generation, info, policy] {
        auto *job = new JwtVerificationJob(m_jwks, m_metadata->jwksUri, info.accessToken, policy.verifyPolicy(),
                                           policy.claimPolicy(), this);
        job->setClock(m_clock);
        m_job = job;
        connect(job, &JwtVerificationJob::finished, this, [this, job, generation, info, policy]() mutable {
            job->deleteLater();
            if (generation != m_generation)
                return;
            TokenInspection::applyResult(info, job->result(),
                                         u"the environment's JWKS (%1)"_s.arg(m_metadata->jwksUri.toDisplayString()),
                                         job->keysError(), policy.notChecked());
            end();
            Q_EMIT pastedTokenVerified(info);
        });
        job->start();
    });
}

void TokenSession::scheduleAutoRefresh()
{
    m_refreshTimer.stop();
    m_refreshTimerRemainingMs = 0;
    m_nextAutoRefresh = QDateTime();
    if (!m_autoRefresh || m_token.isEmpty() || !m_token.expiresAt.isValid())
        return;
    if (m_token.grant != u"client_credentials"_s && !m_token.hasRefreshToken &&
        m_token.grant != u"authorization_code"_s && m_token.grant != u"refresh_token"_s)
        return;
    // Renew when a fifth of the lifetime is left, at most a minute before expiry; but never sooner than 30 s from
    // now, nor sooner than the back-off after failed renewals: a short or past expiry must not renew in a loop.
    const qint64 lifetime = m_token.receivedAt.secsTo(m_token.expiresAt);
    const qint64 margin = qBound(qint64(1), lifetime / 5, qint64(60));
    const QDateTime now = m_clock();
    const QDateTime earliest = now.addSecs(autoRefreshDelayAfter(m_autoRefreshFailures).count());
    m_nextAutoRefresh = std::max(m_token.expiresAt.addSecs(-margin), earliest);
    startRefreshTimer(now.msecsTo(m_nextAutoRefresh));
}

void TokenSession::startRefreshTimer(qint64 delayMs)
{
    // QTimer takes an int of milliseconds (about 24.8 days): a longer wait runs in steps of a day.
    constexpr qint64 MaxStepMs = qint64(24) * 3600 * 1000;
    delayMs = qMax<qint64>(0, delayMs);
    const qint64 step = qMin(delayMs, MaxStepMs);
    m_refreshTimerRemainingMs = delayMs - step;
    m_refreshTimer.start(std::chrono::milliseconds(step));
}

void TokenSession::onAutoRefresh()
{
    if (m_refreshTimerRemainingMs > 0) {
        startRefreshTimer(m_refreshTimerRemainingMs);
        return;
    }
    m_nextAutoRefresh = QDateTime();
    if (isBusy()) {
        startRefreshTimer(1000); // only a check: the renewal itself waits until the session is idle
        return;
    }
    if (m_token.grant != u"client_credentials"_s && !m_token.hasRefreshToken)
        return; // nothing to renew with; the lab shows the expiry
    if (m_autoRefreshFailures == 0)
        Q_EMIT notice(u"Renewing the token automatically before it expires (%1)."_s.arg(
            m_token.expiresAt.toLocalTime().toString(u"HH:mm:ss"_s)));
    else
        Q_EMIT notice(
            u"Trying the automatic renewal again (it failed %1 time(s) in a row)."_s.arg(m_autoRefreshFailures));
    m_autoRefreshRunning = true;
    refresh();
}

void TokenSession::introspect()
{
    if (!m_token.isEmpty())
        introspectToken(m_token.accessToken);
}

void TokenSession::introspectToken(const QString &token)
{
    if (isBusy() || token.isEmpty())
        return;
    begin(u"Introspecting the token"_s);
    const quint64 generation = m_generation;
    withMetadata([this, generation, token] {
        withClient([this, generation, token](const OAuthClientConfig &client) {
            auto *job = new IntrospectionJob(m_network, m_metadata->introspectionEndpoint, client, token,
                                             u"access_token"_s, this);
            m_job = job;
            connect(job, &IntrospectionJob::finished, this, [this, job, generation] {
                job->deleteLater();
                if (generation != m_generation)
                    return;
                if (job->error().isError()) {
                    fail(job->error());
                    return;
                }
                end();
                Q_EMIT introspected(job->result());
            });
            job->start();
        });
    });
}

void TokenSession::revokeAccessToken()
{
    if (!m_token.isEmpty())
        revokeToken(m_token.accessToken);
}

void TokenSession::revokeToken(const QString &token)
{
    if (isBusy() || token.isEmpty())
        return;
    begin(u"Revoking the token"_s);
    const quint64 generation = m_generation;
    withMetadata([this, generation, token] {
        withClient([this, generation, token](const OAuthClientConfig &client) {
            auto *job =
                new RevocationJob(m_network, m_metadata->revocationEndpoint, client, token, u"access_token"_s, this);
            m_job = job;
            connect(job, &RevocationJob::finished, this, [this, job, generation, token] {
                job->deleteLater();
                if (generation != m_generation)
                    return;
                if (job->error().isError()) {
                    fail(job->error());
                    return;
                }
                if (token == m_token.accessToken)
                    m_token.revokedAt = m_clock();
                end();
                Q_EMIT revoked(RevocationJob::acceptedNote() + u' ' +
                               RevocationJob::lifetimeNote(token, m_clock().toUTC()));
                if (token == m_token.accessToken)
                    Q_EMIT tokenChanged();
            });
            job->start();
        });
    });
}

void TokenSession::signOut()
{
    if (isBusy())
        return;
    if (!m_token.hasRefreshToken) {
        clear();
        return;
    }
    begin(u"Signing out"_s);
    const quint64 generation = m_generation;
    withMetadata([this, generation] {
        withClient([this, generation](const OAuthClientConfig &client) {
            const SecretKey key = SecretKey::refreshToken(m_config.environment, client.clientId);
            m_secrets->store()->read(key, this, [this, generation, client, key](const SecretResult &stored) {
                if (generation != m_generation)
                    return;
                auto finishSignOut = [this, key](const QString &note) {
                    m_secrets->store()->remove(key, this, [](const SecretResult &) {});
                    clear();
                    end();
                    Q_EMIT revoked(note);
                };
                if (!stored.ok() || m_metadata->revocationEndpoint.isEmpty()) {
                    finishSignOut(u"Signed out; the refresh token was removed from the keychain."_s);
                    return;
                }
                auto *job = new RevocationJob(m_network, m_metadata->revocationEndpoint, client, stored.secret,
                                              u"refresh_token"_s, this);
                m_job = job;
                connect(job, &RevocationJob::finished, this, [job, finishSignOut] {
                    job->deleteLater();
                    finishSignOut(job->error().isError()
                                      ? u"Signed out; the refresh token was removed from the keychain, but its "
                                        u"revocation failed: "_s +
                                            job->error().message
                                      : u"Signed out; the refresh token was revoked and removed from the "
                                        u"keychain."_s);
                });
                job->start();
            });
        });
    });
}

} // namespace gw
