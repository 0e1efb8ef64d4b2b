// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "admincredentials.h"
#include "secrets/secretkey.h"
#include "workspace.h"

#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QUrl>

#include <memory>

namespace gw {

class SecretProvider;

/// The gateway admin password of an environment, asked of the SecretProvider (keychain, then
/// GATEWRIGHT_GATEWAY_PASSWORD, then the person) each time a request needs it.
class ProviderCredentialSource : public QObject, public AdminCredentialSource
{
    Q_OBJECT
public:
    /// `destination` is where the password goes (the gateway URL): the keychain entry is bound to
    /// its origin, and another origin is asked about first (SecretProvider::resolve).
    ProviderCredentialSource(SecretProvider *provider, SecretKey key, QUrl destination, QObject *parent = nullptr);
    void fetchPassword(Callback done) override;
    void passwordRejected() override;

private:
    QPointer<SecretProvider> m_provider;
    SecretKey m_key;
    QUrl m_destination;
};

/// The admin credentials of `environment` for one run: a GATEWRIGHT_GATEWAY_PASSWORD set in
/// `process` is the operator's explicit choice (the keychain is not asked); otherwise the provider,
/// bound to the gateway's origin.
std::unique_ptr<AdminCredentialSource> adminCredentialsFor(const Environment &environment, SecretProvider *provider,
                                                           const QProcessEnvironment &process);

} // namespace gw
