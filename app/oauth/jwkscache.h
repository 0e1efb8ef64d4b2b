// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "jose/jwkset.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;

namespace gw {

struct HttpResponse;

/// The JWKS of each authorization server, fetched from the jwks_uri of its (issuer-checked) metadata and kept in
/// memory. Keys are only ever taken from there, never from a token's jku/x5u/jwk/x5c (RFC 8725 §3.10). When a token
/// names a kid the cached set lacks, a caller may ask for one refresh (key rotation); refreshes of one URI are
/// rate-limited (once a minute by default), so a stream of tokens with made-up kids cannot hammer the server.
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
    };
    using Callback = std::function<void(const Answer &)>;
    enum class Mode {
        CachedOrFetch,    ///< the cached set; fetched when nothing is cached yet
        RefreshIfAllowed, ///< fetch again unless the last fetch is younger than the minimum interval
    };

    explicit JwksCache(QNetworkAccessManager *network, QObject *parent = nullptr);

    void setMinimumRefreshInterval(std::chrono::seconds interval) { m_minimumInterval = interval; }
    /// UTC clock, injectable for tests.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    /// `done` runs later, once, while `context` lives. Concurrent requests for one URI share one fetch.
    void keys(const QUrl &jwksUri, Mode mode, QObject *context, Callback done);
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
        QList<Waiter> waiters;
    };

    void fetch(const QUrl &jwksUri);
    void onFetched(const QUrl &jwksUri, const HttpResponse &response);
    static void deliver(const Waiter &waiter, const Answer &answer);

    QNetworkAccessManager *m_network;
    QHash<QUrl, Entry> m_entries;
    std::chrono::seconds m_minimumInterval{60};
    std::function<QDateTime()> m_clock = [] { return QDateTime::currentDateTimeUtc(); };
};

} // namespace gw
