// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secretstore.h"

#include <QHash>
#include <QList>

#include <chrono>

namespace gw {

/// A SecretStore in memory, for unit tests of whatever needs secrets. It can fail the way real
/// keychains do (see Fault), answer late, or not answer at all.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    enum class Fault {
        None,
        NotFound,              ///< every read and remove: not found
        Locked,                ///< every operation: locked
        LockedReadsAsNotFound, ///< gnome-keyring's locked collection: reads "not found", writes refused
        NoKeychain,            ///< every operation: no keychain
        Error,                 ///< every operation: a backend error
        NeverFinish,           ///< operations are kept pending until finishPending()
    };

    explicit MemorySecretStore(QObject *parent = nullptr);

    /// Makes every later operation fail with `fault`; `backendError` is the backend text reported.
    void setFault(Fault fault, const QString &backendError = {});
    /// Delays every answer by `latency` (0: next event loop turn).
    void setLatency(std::chrono::milliseconds latency) { m_latency = latency; }

    /// Direct access for test set-up and assertions; no signal, no availability change.
    void insert(const SecretKey &key, const QString &secret);
    bool contains(const SecretKey &key) const;
    QString value(const SecretKey &key) const;
    qsizetype size() const { return m_secrets.size(); }

    int readCount() const { return m_reads; }
    int writeCount() const { return m_writes; }
    int removeCount() const { return m_removes; }

    /// Operations held back by Fault::NeverFinish.
    qsizetype pendingCount() const { return m_pending.size(); }
    /// Answers the held-back operations now, as a late keychain would (successes against the map).
    void finishPending();

protected:
    void startRead(const SecretKey &key, Callback done) override;
    void startWrite(const SecretKey &key, const QString &secret, Callback done) override;
    void startRemove(const SecretKey &key, Callback done) override;

private:
    struct Pending
    {
        Operation operation;
        SecretKey key;
        QString secret;
        Callback done;
    };
    SecretResult perform(Operation operation, const SecretKey &key, const QString &secret);
    void answer(Operation operation, const SecretKey &key, const QString &secret, Callback done);
    void deliver(SecretResult result, Callback done);

    QHash<QString, QString> m_secrets;
    Fault m_fault = Fault::None;
    QString m_backendError;
    std::chrono::milliseconds m_latency{0};
    QList<Pending> m_pending;
    int m_reads = 0;
    int m_writes = 0;
    int m_removes = 0;
};

} // namespace gw
