// SPDX-License-Identifier: GPL-3.0-or-later
#include "aliaspasswordreader.h"

#include "secrets/secretkey.h"
#include "secrets/secretprovider.h"
#include "secrets/secretstore.h"

#include <QTimer>

#include <memory>

namespace gw {

AliasPasswordReader::AliasPasswordReader(SecretProvider *provider, QProcessEnvironment environment, QObject *parent)
    : QObject(parent)
    , m_provider(provider)
    , m_environment(std::move(environment))
{}

void AliasPasswordReader::read(const QString &environmentName, const QUrl &gateway, const QStringList &aliases,
                               const QStringList &askFor, Callback done)
{
    struct State
    {
        Result result;
        int pending = 0;
        Callback done;
    };
    auto state = std::make_shared<State>();
    state->done = std::move(done);
    QStringList viaProvider;
    for (const QString &alias : aliases) {
        const SecretKey key = SecretKey::alias(environmentName, alias);
        const QString variable = SecretProvider::environmentVariableFor(key);
        if (m_environment.contains(variable) && !m_environment.value(variable).isEmpty())
            state->result.passwords.insert(alias, m_environment.value(variable));
        else
            viaProvider << alias;
    }
    if (viaProvider.isEmpty() || !m_provider) {
        for (const QString &alias : std::as_const(viaProvider))
            state->result.missing << QStringLiteral("%1: not in the keychain and %2 is not set")
                                         .arg(SecretKey::alias(environmentName, alias).describe(),
                                              SecretProvider::environmentVariableFor(
                                                  SecretKey::alias(environmentName, alias)));
        QTimer::singleShot(0, this, [state] { state->done(state->result); });
        return;
    }
    state->pending = int(viaProvider.size());
    for (const QString &alias : std::as_const(viaProvider)) {
        const SecretKey key = SecretKey::alias(environmentName, alias);
        auto answered = [state, alias, key](const SecretResolution &resolution) {
            if (resolution.ok())
                state->result.passwords.insert(alias, resolution.secret);
            else
                state->result.missing << key.describe() + QStringLiteral(": ") + resolution.message;
            if (--state->pending == 0)
                state->done(state->result);
        };
        if (askFor.contains(alias))
            m_provider->resolve(key, gateway, this, std::move(answered));
        else
            m_provider->resolveQuietly(key, gateway, this, std::move(answered));
    }
}

} // namespace gw
