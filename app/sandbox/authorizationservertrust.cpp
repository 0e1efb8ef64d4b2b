// SPDX-License-Identifier: GPL-3.0-or-later
#include "authorizationservertrust.h"

#include "jose/jwtverifier.h"
#include "sandboxlog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace gw {

namespace {

constexpr int IdpTimeoutMs = 10000;
constexpr qint64 MinSecondsBetweenKeyFetches = 5;

TokenCheck rejected(const QString &reason, int status = 401, const QString &error = u"invalid_token"_s)
{
    TokenCheck check;
    check.status = status;
    check.error = error;
    check.reason = reason;
    return check;
}

/// The data plane's reason for a failed JOSE check: short, stable, and naming the failed check.
TokenCheck fromJoseError(const JoseError &error, const AuthorizationServerTrust::Config &config,
                         const QStringList &requiredScopes)
{
    switch (error.reason) {
    case JoseReason::Expired:
        return rejected(u"access token expired"_s);
    case JoseReason::NotYetValid:
        return rejected(u"access token not yet valid"_s);
    case JoseReason::IssuedInFuture:
        return rejected(u"access token issued in the future"_s);
    case JoseReason::AudienceMismatch:
        return rejected(u"access token audience is not %1"_s.arg(config.audience));
    case JoseReason::IssuerMismatch:
        return rejected(u"access token issuer is not %1"_s.arg(config.issuer));
    case JoseReason::SignatureInvalid:
    case JoseReason::SignatureLength:
        return rejected(u"access token signature is invalid"_s);
    case JoseReason::KeyNotFound:
    case JoseReason::NoKeys:
        return rejected(u"access token signed with a key the issuer does not publish"_s);
    case JoseReason::AlgorithmNone:
    case JoseReason::AlgorithmNotAllowed:
    case JoseReason::AlgorithmKeyMismatch:
    case JoseReason::AlgorithmMissing:
        return rejected(u"access token algorithm is not accepted"_s);
    case JoseReason::TypeMismatch:
        return rejected(u"token is not an access token (typ %1 required)"_s.arg(config.requiredType));
    case JoseReason::ExpirationMissing:
        return rejected(u"access token has no exp"_s);
    case JoseReason::ScopeMissing:
        return rejected(u"access token lacks scope %1"_s.arg(requiredScopes.join(u' ')), 403, u"insufficient_scope"_s);
    default:
        return rejected(u"malformed access token"_s);
    }
}

QByteArray basicCredentials(const QString &clientId, const QString &secret)
{
    // RFC 6749 §2.3.1: form-urlencode both parts before base64.
    const auto encode = [](const QString &text) { return QUrl::toPercentEncoding(text).replace("%20", "+"); };
    return "Basic " + QByteArray(encode(clientId) + ':' + encode(secret)).toBase64();
}

} // namespace

AuthorizationServerTrust::AuthorizationServerTrust(const Config &config, QNetworkAccessManager &network,
                                                   QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_network(network)
{}

AuthorizationServerTrust::~AuthorizationServerTrust()
{
    if (m_keysReply)
        m_keysReply->abort();
}

void AuthorizationServerTrust::setConfig(const Config &config)
{
    const bool keysMoved = config.jwksUri != m_config.jwksUri;
    m_config = config;
    if (keysMoved)
        clearKeys();
}

void AuthorizationServerTrust::clearKeys()
{
    m_keys = JwkSet();
    m_haveKeys = false;
    m_lastFetch = {};
}

void AuthorizationServerTrust::validateJwt(const QByteArray &token, const QStringList &requiredScopes, Callback done)
{
    PendingJwt pending{token, requiredScopes, std::move(done), false};
    if (!m_haveKeys) {
        m_waiting.append(std::move(pending));
        fetchKeys();
        return;
    }
    finishJwt(std::move(pending));
}

void AuthorizationServerTrust::finishJwt(PendingJwt pending)
{
    VerifyPolicy verifyPolicy;
    verifyPolicy.allowedAlgorithms = {JwsAlgorithm::RS256, JwsAlgorithm::RS384, JwsAlgorithm::RS512,
                                      JwsAlgorithm::PS256, JwsAlgorithm::ES256, JwsAlgorithm::ES384};
    verifyPolicy.requiredType = m_config.requiredType;
    ClaimPolicy claimPolicy;
    claimPolicy.issuer = m_config.issuer;
    if (!m_config.audience.isEmpty())
        claimPolicy.audience = m_config.audience;
    claimPolicy.requiredScopes = pending.scopes;
    claimPolicy.leeway = m_config.leeway;

    const JwtResult result =
        JwtVerifier::verify(pending.token, m_keys, verifyPolicy, claimPolicy, QDateTime::currentDateTimeUtc());
    if (result.ok()) {
        TokenCheck check;
        check.ok = true;
        check.status = 200;
        check.error.clear();
        check.claims = result.jwt->claims();
        pending.done(check);
        return;
    }
    const JoseReason reason = result.reason();
    const bool keyUnknown = reason == JoseReason::KeyNotFound || reason == JoseReason::NoKeys;
    const bool mayRefetch =
        !m_lastFetch.isValid() || m_lastFetch.secsTo(QDateTime::currentDateTimeUtc()) >= MinSecondsBetweenKeyFetches;
    if (keyUnknown && !pending.refreshed && mayRefetch) {
        // RFC 8725 §3.10 / key rotation: an unknown kid is worth one fresh look at the JWKS, rate-limited.
        pending.refreshed = true;
        m_waiting.append(std::move(pending));
        fetchKeys();
        return;
    }
    if (keyUnknown && !m_keysError.isEmpty()) {
        pending.done(
            rejected(u"cannot read the issuer's JWKS: %1"_s.arg(m_keysError), 502, u"temporarily_unavailable"_s));
        return;
    }
    pending.done(
        fromJoseError(result.errors.isEmpty() ? JoseError{} : result.errors.first(), m_config, pending.scopes));
}

void AuthorizationServerTrust::fetchKeys()
{
    if (m_keysReply)
        return; // one fetch at a time; waiting tokens are finished when it ends
    if (!m_config.jwksUri.isValid() || m_config.jwksUri.isEmpty()) {
        m_keysError = u"no JWKS URI configured for authorization server %1"_s.arg(m_config.name);
        m_haveKeys = true;
        m_lastFetch = QDateTime::currentDateTimeUtc();
        const auto waiting = std::exchange(m_waiting, {});
        for (const auto &pending : waiting)
            finishJwt(pending);
        return;
    }
    QNetworkRequest request(m_config.jwksUri);
    request.setTransferTimeout(IdpTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    m_keysReply = m_network.get(request);
    QNetworkReply *reply = m_keysReply;
    connect(reply, &QNetworkReply::finished, this, [this, reply]() { onKeysFetched(reply); });
}

void AuthorizationServerTrust::onKeysFetched(QNetworkReply *reply)
{
    reply->deleteLater();
    m_lastFetch = QDateTime::currentDateTimeUtc();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || status != 200) {
        m_keysError = u"GET %1 failed: %2"_s.arg(m_config.jwksUri.toString(), reply->errorString());
        qCWarning(lcSandbox) << "JWKS fetch failed:" << m_keysError;
    } else {
        JwkSet keys = JwkSet::fromJson(reply->readAll());
        if (!keys.error().isEmpty()) {
            m_keysError = u"the JWKS at %1 is unusable: %2"_s.arg(m_config.jwksUri.toString(), keys.error());
        } else {
            m_keys = keys;
            m_keysError.clear();
        }
    }
    m_haveKeys = true;
    const auto waiting = std::exchange(m_waiting, {});
    for (auto pending : waiting) {
        pending.refreshed = true;
        finishJwt(std::move(pending));
    }
}

void AuthorizationServerTrust::introspect(const QByteArray &token, const QStringList &requiredScopes, Callback done)
{
    if (m_config.introspectionEndpoint.isEmpty()) {
        done(rejected(
            u"opaque access token, and authorization server %1 has no introspection endpoint"_s.arg(m_config.name)));
        return;
    }
    QNetworkRequest request(m_config.introspectionEndpoint);
    request.setTransferTimeout(IdpTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("Authorization",
                         basicCredentials(m_config.introspectionClientId, m_config.introspectionClientSecret));
    const QByteArray form =
        "token=" + QUrl::toPercentEncoding(QString::fromLatin1(token)) + "&token_type_hint=access_token";
    QNetworkReply *reply = m_network.post(request, form);
    const Config config = m_config;
    connect(reply, &QNetworkReply::finished, this, [reply, config, requiredScopes, done = std::move(done)]() {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        if (reply->error() != QNetworkReply::NoError && status == 0) {
            done(rejected(u"cannot reach the introspection endpoint: %1"_s.arg(reply->errorString()), 502,
                          u"temporarily_unavailable"_s));
            return;
        }
        if (status != 200) {
            done(rejected(u"introspection refused the gateway (HTTP %1)"_s.arg(status), 502,
                          u"temporarily_unavailable"_s));
            return;
        }
        // RFC 7662 §2.2: anything but "active": true is inactive.
        if (answer.value(u"active"_s) != QJsonValue(true)) {
            done(rejected(u"access token is not active (revoked, expired or unknown)"_s));
            return;
        }
        const QJsonValue exp = answer.value(u"exp"_s);
        if (exp.isDouble() &&
            static_cast<qint64>(exp.toDouble()) + config.leeway.count() < QDateTime::currentSecsSinceEpoch()) {
            done(rejected(u"access token expired"_s));
            return;
        }
        if (!config.audience.isEmpty() && answer.contains(u"aud"_s)) {
            const QJsonValue aud = answer.value(u"aud"_s);
            const bool matches =
                aud.isArray() ? aud.toArray().contains(config.audience) : aud.toString() == config.audience;
            if (!matches) {
                done(rejected(u"access token audience is not %1"_s.arg(config.audience)));
                return;
            }
        }
        const QStringList granted = answer.value(u"scope"_s).toString().split(u' ', Qt::SkipEmptyParts);
        for (const auto &scope : requiredScopes) {
            if (!granted.contains(scope)) {
                done(rejected(u"access token lacks scope %1"_s.arg(requiredScopes.join(u' ')), 403,
                              u"insufficient_scope"_s));
                return;
            }
        }
        TokenCheck check;
        check.ok = true;
        check.status = 200;
        check.error.clear();
        check.claims = answer;
        done(check);
    });
}

} // namespace gw
