// SPDX-License-Identifier: GPL-3.0-or-later
#include "keychainsecretstore.h"

#include "secretslog.h"

#include <QThread>

#include <qt6keychain/keychain.h>

namespace gw {

KeychainSecretStore::KeychainSecretStore(QObject *parent)
    : KeychainSecretStore(ServiceName, parent)
{}

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent)
    , m_service(service)
{}

SecretResult::Outcome KeychainSecretStore::outcomeFor(int keychainError)
{
    switch (static_cast<QKeychain::Error>(keychainError)) {
    case QKeychain::NoError:
        return SecretResult::Outcome::Ok;
    case QKeychain::EntryNotFound:
        return SecretResult::Outcome::NotFound;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return SecretResult::Outcome::Locked;
    // Without a session bus QtKeychain 0.13 answers OtherError ("Cannot autolaunch D-Bus without
    // X11 $DISPLAY") rather than NoBackendAvailable: both mean no keychain to talk to.
    case QKeychain::NoBackendAvailable:
    case QKeychain::OtherError:
    case QKeychain::NotImplemented:
        return SecretResult::Outcome::NoKeychain;
    case QKeychain::CouldNotDeleteEntry:
        return SecretResult::Outcome::Error;
    }
    return SecretResult::Outcome::Error;
}

void KeychainSecretStore::startRead(const SecretKey &key, Callback done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    start(job, Operation::Read, key, std::move(done));
}

void KeychainSecretStore::startWrite(const SecretKey &key, const QString &secret, Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setTextData(secret);
    start(job, Operation::Write, key, std::move(done));
}

void KeychainSecretStore::startRemove(const SecretKey &key, Callback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    start(job, Operation::Remove, key, std::move(done));
}

void KeychainSecretStore::start(QKeychain::Job *job, Operation operation, const SecretKey &key, Callback done)
{
    // QtKeychain's backends are not thread-safe and run one job at a time from a queue: jobs
    // belong on the thread the store lives on.
    Q_ASSERT(QThread::currentThread() == thread());
    // The job has no parent and deletes itself after `finished`: deleting a running job lets
    // the backend call back into freed memory. If this store goes first, the connection below
    // goes with it and the job still cleans up after itself.
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key.keychainKey());
    connect(job, &QKeychain::Job::finished, this, [operation, key, done = std::move(done)](QKeychain::Job *finished) {
        SecretResult result = makeResult(outcomeFor(finished->error()), operation, key,
                                         finished->error() == QKeychain::NoError ? QString() : finished->errorString());
        if (result.ok() && operation == Operation::Read)
            result.secret = static_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
        done(result);
    });
    job->start();
}

} // namespace gw
