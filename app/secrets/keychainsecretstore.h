// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secretstore.h"

namespace QKeychain {
class Job;
}

namespace gw {

/// The OS keychain through QtKeychain (the Secret Service on Linux). Entries live under the
/// service "io.gatewright.Gatewright" with the key "environment/kind/name". There is no plain-text
/// fallback: without a keychain every operation answers NoKeychain.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    static inline const QString ServiceName = QStringLiteral("io.gatewright.Gatewright");

    explicit KeychainSecretStore(QObject *parent = nullptr);
    KeychainSecretStore(const QString &service, QObject *parent);

    QString service() const { return m_service; }

    /// How QtKeychain's error codes read for the console.
    static SecretResult::Outcome outcomeFor(int keychainError);

protected:
    void startRead(const SecretKey &key, Callback done) override;
    void startWrite(const SecretKey &key, const QString &secret, Callback done) override;
    void startRemove(const SecretKey &key, Callback done) override;

private:
    void start(QKeychain::Job *job, Operation operation, const SecretKey &key, Callback done);

    QString m_service;
};

} // namespace gw
