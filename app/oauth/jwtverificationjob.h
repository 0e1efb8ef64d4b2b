// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jose/jwtverifier.h"

#include <QObject>
#include <QUrl>

#include <functional>

namespace gw {

class JwksCache;

/// Verifies a JWT access token against its issuer's JWKS (through the cache): signature with an allow-listed
/// algorithm taken from the key, then the claims. On an unknown kid it asks the cache for one refresh (the cache
/// rate-limits it) and tries again. The outcome keeps the decoded token even when verification fails, so it can be
/// shown, marked "signature NOT verified".
class JwtVerificationJob : public QObject
{
    Q_OBJECT
public:
    JwtVerificationJob(JwksCache *cache, const QUrl &jwksUri, const QString &token, const VerifyPolicy &verifyPolicy,
                       const ClaimPolicy &claimPolicy, QObject *parent = nullptr);

    /// UTC clock, injectable for tests.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    void start();

    const JwtResult &result() const { return m_result; }
    /// Why verification could not even be attempted (no JWKS), empty otherwise.
    QString keysError() const { return m_keysError; }
    /// True when an unknown kid made the job refresh the JWKS.
    bool refreshedKeys() const { return m_refreshed; }
    /// The kid was unknown and the rate limit refused a refresh: seconds until a retry may refresh, else 0.
    qint64 retryAfter() const { return m_retryAfter; }

    /// The first error as one sentence ("signature NOT verified: ..."), or "" when the token is valid.
    QString summary() const;

Q_SIGNALS:
    void finished();

private:
    void verifyWith(const JwkSet &keys, bool mayRefresh);

    JwksCache *m_cache;
    QUrl m_jwksUri;
    QByteArray m_token;
    VerifyPolicy m_verifyPolicy;
    ClaimPolicy m_claimPolicy;
    std::function<QDateTime()> m_clock = [] { return QDateTime::currentDateTimeUtc(); };
    JwtResult m_result;
    QString m_keysError;
    bool m_refreshed = false;
    qint64 m_retryAfter = 0;
};

} // namespace gw
