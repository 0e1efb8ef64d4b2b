// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "admincredentials.h"
#include "secrets/secretkey.h"

#include <QObject>
#include <QPointer>

namespace gw {

class SecretProvider;

/// The gateway admin password of an environment, asked of the SecretProvider (keychain, then
/// GATEWRIGHT_GATEWAY_PASSWORD, then the person) each time a request needs it.
class ProviderCredentialSource : public QObject, public AdminCredentialSource
{
    Q_OBJECT
public:
    ProviderCredentialSource(SecretProvider *provider, SecretKey key, QObject *parent = nullptr);
    void fetchPassword(Callback done) override;

private:
    QPointer<SecretProvider> m_provider;
    SecretKey m_key;
};

} // namespace gw
