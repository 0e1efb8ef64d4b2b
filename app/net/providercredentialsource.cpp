// SPDX-License-Identifier: GPL-3.0-or-later
#include "providercredentialsource.h"

#include "secrets/secretprovider.h"
#include "secrets/secretstore.h"

namespace gw {

ProviderCredentialSource::ProviderCredentialSource(SecretProvider *provider, SecretKey key, QUrl destination,
                                                   QObject *parent)
    : QObject(parent)
    , m_provider(provider)
    , m_key(std::move(key))
    , m_destination(std::move(destination))
{}

void ProviderCredentialSource::fetchPassword(Callback done)
{
    if (!m_provider) {
        done({}, QStringLiteral("No secret provider for %1.").arg(m_key.describe()));
        return;
    }
    m_provider->resolve(m_key, m_destination, this, [this, done](const SecretResolution &resolution) {
        if (resolution.ok()) {
            done(resolution.secret, {});
            return;
        }
        done({}, resolution.message.isEmpty()
                     ? QStringLiteral("No password for %1: store it in the keychain or set %2.")
                           .arg(m_key.describe(), SecretProvider::environmentVariableFor(m_key))
                     : resolution.message);
    });
}

void ProviderCredentialSource::passwordRejected()
{
    if (m_provider)
        m_provider->forget(m_key);
}

std::unique_ptr<AdminCredentialSource> adminCredentialsFor(const Environment &environment, SecretProvider *provider,
                                                           const QProcessEnvironment &process)
{
    const SecretKey key = SecretKey::gatewayAdmin(environment.name, environment.adminUser);
    const QString value = process.value(SecretProvider::environmentVariableFor(key));
    if (!value.isEmpty())
        return std::make_unique<FixedCredentialSource>(value);
    return std::make_unique<ProviderCredentialSource>(provider, key, QUrl(environment.gatewayUrl));
}

} // namespace gw
