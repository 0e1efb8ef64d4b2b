// SPDX-License-Identifier: GPL-3.0-or-later
#include "jwkscache.h"

#include "authorizationservermetadata.h"
#include "httptransfer.h"
#include "oauthlogging.h"

#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace gw {

JwksCache::JwksCache(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{}

JwkSet JwksCache::cached(const QUrl &jwksUri) const
{
    return m_entries.value(jwksUri).keys;
}

void JwksCache::deliver(const Waiter &waiter, const Answer &answer)
{
    if (waiter.context && waiter.done)
        waiter.done(answer);
}

void JwksCache::keys(const QUrl &jwksUri, Mode mode, QObject *context, Callback done, const RefreshHint &hint)
{
    Entry &entry = m_entries[jwksUri];
    const Waiter waiter{context, std::move(done)};
    if (entry.fetching) {
        entry.waiters << waiter;
        return;
    }
    bool mustFetch = !entry.hasKeys;
    bool refused = false;
    qint64 age = -1;
    qint64 retryAfter = 0;
    if (!mustFetch && mode == Mode::RefreshIfAllowed) {
        age = entry.lastFetch.secsTo(m_clock());
        const bool issuedSinceFetch = hint.issuedAt.isValid() && hint.issuedAt > entry.lastFetch;
        const bool newKeyId = !hint.keyId.isEmpty() && !entry.askedKeyIds.contains(hint.keyId);
        if (age >= m_minimumInterval.count()) {
            mustFetch = true;
        } else if ((issuedSinceFetch || newKeyId) && age >= m_burstInterval.count()) {
            mustFetch = true; // a key published after our copy, most likely a rotation
        } else {
            refused = true;
            retryAfter =
                (issuedSinceFetch || newKeyId) ? m_burstInterval.count() - age : m_minimumInterval.count() - age;
        }
        if (mustFetch && !hint.keyId.isEmpty()) {
            if (entry.askedKeyIds.size() >= 256) // made-up kids by the hundred: forget them, the burst limit holds
                entry.askedKeyIds.clear();
            entry.askedKeyIds.insert(hint.keyId);
        }
    }
    if (!mustFetch) {
        Answer answer{entry.keys, {}, false, refused, refused ? age : -1, qMax<qint64>(1, retryAfter)};
        if (refused)
            qCDebug(lcOAuth) << "JWKS refresh of" << jwksUri << "refused by the rate limit; retry in" << retryAfter
                             << "s";
        QMetaObject::invokeMethod(
            this, [waiter, answer] { deliver(waiter, answer); }, Qt::QueuedConnection);
        return;
    }
    entry.waiters << waiter;
    fetch(jwksUri);
}

void JwksCache::fetch(const QUrl &jwksUri)
{
    Entry &entry = m_entries[jwksUri];
    entry.fetching = true;
    entry.lastFetch = m_clock();
    ++entry.fetchCount;
    if (!AuthorizationServerMetadata::isAcceptableEndpoint(jwksUri)) {
        QMetaObject::invokeMethod(
            this,
            [this, jwksUri] {
                HttpResponse response;
                response.url = jwksUri;
                response.failure = HttpResponse::Failure::Other;
                response.failureText = u"The JWKS URI %1 is not https (plain http is only allowed on loopback "
                                       u"hosts)."_s.arg(jwksUri.toDisplayString());
                onFetched(jwksUri, response);
            },
            Qt::QueuedConnection);
        return;
    }
    QNetworkRequest request(jwksUri);
    request.setRawHeader("Accept", "application/json, application/jwk-set+json");
    auto *transfer = new HttpTransfer(m_network, this);
    transfer->setMaxResponseBytes(JwkSet::MaxDocumentSize);
    connect(transfer, &HttpTransfer::finished, this, [this, transfer, jwksUri](const HttpResponse &response) {
        transfer->deleteLater();
        onFetched(jwksUri, response);
    });
    transfer->start(request, "GET");
}

void JwksCache::onFetched(const QUrl &jwksUri, const HttpResponse &response)
{
    Entry &entry = m_entries[jwksUri];
    entry.fetching = false;
    Answer answer;
    answer.fetched = true;
    if (!response.hasResponse()) {
        answer.error = u"Cannot fetch the JWKS: "_s + response.failureText;
    } else if (response.status != 200) {
        answer.error =
            u"The JWKS at %1 answered HTTP %2 instead of 200."_s.arg(jwksUri.toDisplayString()).arg(response.status);
    } else {
        const JwkSet keys = JwkSet::fromJson(response.body);
        if (!keys.error().isEmpty()) {
            answer.error = u"The JWKS at %1 is unusable: %2"_s.arg(jwksUri.toDisplayString(), keys.error());
        } else {
            entry.keys = keys;
            entry.hasKeys = true;
            for (const QString &skipped : keys.skippedKeys())
                qCDebug(lcOAuth) << "JWKS" << jwksUri << "skipped" << skipped;
        }
    }
    answer.keys = entry.keys;
    const QList<Waiter> waiters = std::exchange(entry.waiters, {});
    for (const Waiter &waiter : waiters)
        deliver(waiter, answer);
}

} // namespace gw
