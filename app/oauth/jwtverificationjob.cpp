// SPDX-License-Identifier: GPL-3.0-or-later
#include "jwtverificationjob.h"

#include "jwkscache.h"
#include "oauthprotocol.h"
#include "tokeninspection.h"

#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace gw {

JwtVerificationJob::JwtVerificationJob(JwksCache *cache, const QUrl &jwksUri, const QString &token,
                                       const VerifyPolicy &verifyPolicy, const ClaimPolicy &claimPolicy,
                                       QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_jwksUri(jwksUri)
    , m_token(token.toUtf8())
    , m_verifyPolicy(verifyPolicy)
    , m_claimPolicy(claimPolicy)
{}

void JwtVerificationJob::start()
{
    if (m_jwksUri.isEmpty()) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_result = JwtVerifier::verify(m_token, JwkSet(), m_verifyPolicy, m_claimPolicy, m_clock());
                m_keysError = u"The authorization server publishes no jwks_uri, so the signature cannot be "
                              u"verified."_s;
                Q_EMIT finished();
            },
            Qt::QueuedConnection);
        return;
    }
    m_cache->keys(m_jwksUri, JwksCache::Mode::CachedOrFetch, this, [this](const JwksCache::Answer &answer) {
        m_keysError = answer.error;
        verifyWith(answer.keys, !answer.fetched);
    });
}

void JwtVerificationJob::verifyWith(const JwkSet &keys, bool mayRefresh)
{
    m_result = JwtVerifier::verify(m_token, keys, m_verifyPolicy, m_claimPolicy, m_clock());
    if (m_result.reason() == JoseReason::KeyNotFound && mayRefresh) {
        // RFC 8725 §3.10 / key rotation: one refresh of the set, then give up.
        JwksCache::RefreshHint hint;
        if (m_result.decoded) {
            hint.keyId = m_result.decoded->keyId();
            hint.issuedAt = OAuthProtocol::numericDate(m_result.decoded->claims().value(u"iat"_s));
        }
        m_cache->keys(
            m_jwksUri, JwksCache::Mode::RefreshIfAllowed, this,
            [this](const JwksCache::Answer &answer) {
                m_refreshed = answer.fetched;
                if (!answer.error.isEmpty())
                    m_keysError = answer.error;
                if (answer.refreshRefused) {
                    // Not the key set's fault: our copy may simply predate the key. Say when it can be asked again.
                    m_retryAfter = answer.retryAfter;
                    m_keysError = u"the key set was refreshed %1 s ago and may predate this key; retry in %2 s"_s
                                      .arg(answer.lastFetchAge)
                                      .arg(answer.retryAfter);
                }
                verifyWith(answer.keys, false);
            },
            hint);
        return;
    }
    Q_EMIT finished();
}

QString JwtVerificationJob::summary() const
{
    if (m_retryAfter > 0 && !m_result.errors.isEmpty())
        return u"Signature not verified yet: %1; %2."_s.arg(m_result.errors.first().message, m_keysError);
    return TokenInspection::summary(m_result, m_keysError);
}

} // namespace gw
