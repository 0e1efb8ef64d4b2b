// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

#include <functional>

namespace gw {

class SecretProvider;

/// Reads the passwords of an environment's HTTP transport aliases for one plan/apply: from the
/// environment variable GATEWRIGHT_ALIAS_PASSWORD_<NAME> when it is set, otherwise through the
/// SecretProvider (keychain, then a prompt in the GUI for the ones that must be sent). The result lives as
/// long as the caller keeps it.
class AliasPasswordReader : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        QHash<QString, QString> passwords; ///< alias name -> password
        QStringList missing;               ///< "the password of alias ... : why"
    };
    using Callback = std::function<void(const Result &)>;

    AliasPasswordReader(SecretProvider *provider, QProcessEnvironment environment, QObject *parent = nullptr);

    /// Calls `done` once, later, with what could be read for every name of `aliases`.
    /// `gateway` is where the passwords go: keychain entries are bound to its origin. Only the passwords of
    /// `askFor` (the aliases a plan will send) may be asked of a person; the others are read quietly
    /// (keychain, environment, typed earlier) and, when absent, listed as missing.
    void read(const QString &environmentName, const QUrl &gateway, const QStringList &aliases,
              const QStringList &askFor, Callback done);

private:
    QPointer<SecretProvider> m_provider;
    QProcessEnvironment m_environment;
};

} // namespace gw
