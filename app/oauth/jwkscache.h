// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jose/jwkset.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;

namespace gw {

struct HttpResponse;

/// The JWKS of each authorization server, fetched from the jwks_uri of its (issuer-checked) metadata and kept in
/// memory. Keys are only ever taken from there, never from a token's jku/x5u/jwk/x5c (RFC 8725 §3.10). When a token
/// names a kid the cached set lacks, a caller may ask for one refresh (key rotation). A refresh is granted when the
/// last fetch is a minute old, or, at most every few seconds (the burst interval), when the token was issued after
/// the last fetch or names a kid not asked for since: so a rotated key is found at once, while a stream of tokens
/// with made-up kids gets one fetch per burst interval at most. A refused refresh says when to retry.
class JwksCache : public QObject
{
    Q_OBJECT
public:
    struct Answer
    {
        JwkSet keys;
        QString error;               ///< why no usable set could be fetched (the cached set, if any, is still in keys)
        bool fetched = false;        ///< this answer came from a new fetch
        bool refreshRefused = false; ///< a refresh was asked for but the rate limit refused it
        qint64 lastFetchAge = -1;    ///< refused: seconds since the last fetch
        qint64 retryAfter = 0;       ///< refused: seconds until a refresh would be granted
    };
    /// What the token that wants a refresh says about itself (both optional).
    struct RefreshHint
    {
        QString keyId;
        QDateTime issuedAt;
    };
    using Callback = std::function<void(const Answer &)>;
    enum class Mode {
        CachedOrFetch,    ///< the cached set; fetched when nothing is cached yet
        RefreshIfAllowed, ///< fetch again unless the last fetch is younger than the minimum interval
    };

    explicit JwksCache(QNetworkAccessManager *network, QObject *parent = nullptr);

    void setMinimumRefreshInterval(std::chrono::seconds interval) { m_minimumInterval = interval; }
    void setBurstInterval(std::chrono::seconds interval) { m_burstInterval = interval; }
    /// UTC clock, injectable for tests.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    /// `done` runs later, once, while `context` lives. Concurrent requests for one URI share one fetch.
    void keys(const QUrl &jwksUri, Mode mode, QObject *context, Callback done, const RefreshHint &hint = {});
    /// The cached set (empty if none), without any network.
    JwkSet cached(const QUrl &jwksUri) const;
    int fetchCount(const QUrl &jwksUri) const { return m_entries.value(jwksUri).fetchCount; }
    void clear() { m_entries.clear(); }

private:
    struct Waiter
    {
        QPointer<QObject> context;
        Callback done;
    };
    struct Entry
    {
        JwkSet keys;
        bool hasKeys = false;
        QDateTime lastFetch;
        int fetchCount = 0;
        bool fetching = false;
        QSet<QString> askedKeyIds; ///< unknown kids a refresh was already granted for (each gets one)
        QList<Waiter> waiters;
    };

    void fetch(const QUrl &jwksUri);
    void onFetched(const QUrl &jwksUri, const HttpResponse &response);
    static void deliver(const Waiter &waiter, const Answer &answer);

    QNetworkAccessManager *m_network;
    QHash<QUrl, Entry> m_entries;
    std::chrono::seconds m_minimumInterval{60};
    std::chrono::seconds m_burstInterval{5};
    std::function<QDateTime()> m_clock = [] { return QDateTime::currentDateTimeUtc(); };
};

} // namespace gw
