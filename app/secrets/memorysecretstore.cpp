// SPDX-License-Identifier: GPL-3.0-or-later
#include "memorysecretstore.h"

#include <QTimer>

#include <optional>
#include <utility>

namespace gw {

MemorySecretStore::MemorySecretStore(QObject *parent)
    : SecretStore(parent)
{}

void MemorySecretStore::setFault(Fault fault, const QString &backendError)
{
    m_fault = fault;
    m_backendError = backendError;
}

void MemorySecretStore::insert(const SecretKey &key, const QString &secret)
{
    m_secrets.insert(key.keychainKey(), secret);
}

bool MemorySecretStore::contains(const SecretKey &key) const
{
    return m_secrets.contains(key.keychainKey());
}

QString MemorySecretStore::value(const SecretKey &key) const
{
    return m_secrets.value(key.keychainKey());
}

void MemorySecretStore::finishPending()
{
    const QList<Pending> pending = std::exchange(m_pending, {});
    for (const Pending &p : pending)
        deliver(perform(p.operation, p.key, p.secret), p.done);
}

void MemorySecretStore::startRead(const SecretKey &key, Callback done)
{
    ++m_reads;
    answer(Operation::Read, key, {}, std::move(done));
}

void MemorySecretStore::startWrite(const SecretKey &key, const QString &secret, Callback done)
{
    ++m_writes;
    answer(Operation::Write, key, secret, std::move(done));
}

void MemorySecretStore::startRemove(const SecretKey &key, Callback done)
{
    ++m_removes;
    answer(Operation::Remove, key, {}, std::move(done));
}

void MemorySecretStore::answer(Operation operation, const SecretKey &key, const QString &secret, Callback done)
{
    using Outcome = SecretResult::Outcome;
    std::optional<Outcome> failure;
    switch (m_fault) {
    case Fault::None:
        break;
    case Fault::NeverFinish:
        m_pending.append({operation, key, secret, std::move(done)});
        return;
    case Fault::NotFound:
        if (operation != Operation::Write)
            failure = Outcome::NotFound;
        break;
    case Fault::Locked:
        failure = Outcome::Locked;
        break;
    case Fault::LockedReadsAsNotFound:
        failure = operation == Operation::Read ? Outcome::NotFound : Outcome::Locked;
        break;
    case Fault::NoKeychain:
        failure = Outcome::NoKeychain;
        break;
    case Fault::Error:
        failure = Outcome::Error;
        break;
    }
    if (!failure) {
        deliver(perform(operation, key, secret), std::move(done));
        return;
    }
    deliver(makeResult(*failure, operation, key, m_backendError), std::move(done));
}

SecretResult MemorySecretStore::perform(Operation operation, const SecretKey &key, const QString &secret)
{
    using Outcome = SecretResult::Outcome;
    const QString k = key.keychainKey();
    switch (operation) {
    case Operation::Read: {
        const auto it = m_secrets.constFind(k);
        if (it == m_secrets.cend())
            return makeResult(Outcome::NotFound, operation, key);
        SecretResult result = makeResult(Outcome::Ok, operation, key);
        result.secret = *it;
        return result;
    }
    case Operation::Write:
        m_secrets.insert(k, secret);
        return makeResult(Outcome::Ok, operation, key);
    case Operation::Remove:
        return makeResult(m_secrets.remove(k) ? Outcome::Ok : Outcome::NotFound, operation, key);
    }
    return makeResult(Outcome::Error, operation, key);
}

void MemorySecretStore::deliver(SecretResult result, Callback done)
{
    QTimer::singleShot(m_latency, this, [result = std::move(result), done = std::move(done)] { done(result); });
}

} // namespace gw
