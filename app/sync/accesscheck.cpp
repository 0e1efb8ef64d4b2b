// SPDX-License-Identifier: GPL-3.0-or-later
#include "accesscheck.h"

#include "secrets/secretprovider.h"
#include "tenantreader.h"
#include "net/transport.h"

#include <QUrl>

namespace gw {

AccessCheck::AccessCheck(QNetworkAccessManager *network, SecretProvider *secrets, Environment environment,
                         Workspace workspace, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_secrets(secrets)
    , m_environment(std::move(environment))
    , m_workspace(std::move(workspace))
{}

AccessCheck::~AccessCheck() = default; // the readers are children: deleting them aborts their requests

void AccessCheck::start(const QList<Advisor::UserExposure> &users)
{
    m_users = users;
    m_results.clear();
    m_results.resize(users.size());
    m_pending = int(users.size());
    if (m_pending == 0) {
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT finished(m_results); }, Qt::QueuedConnection);
        return;
    }
    for (qsizetype row = 0; row < users.size(); ++row)
        checkUser(row);
}

void AccessCheck::checkUser(qsizetype row)
{
    const Advisor::UserExposure &user = m_users.at(row);
    Advisor::LiveAccess access;
    access.user = user.user;
    access.expected = user.projects;
    access.needed = user.projectsNeeded;

    const QUrl tenant(m_environment.ioTenantUrl);
    if (m_environment.ioTenantUrl.isEmpty() || !tenant.isValid() || tenant.host().isEmpty()) {
        access.status = Advisor::LiveAccess::Status::Error;
        access.message = tr("Environment %1 has no .io tenant URL: set it on the Environments page (or --set "
                            "tenant.url=URL) to check live.")
                             .arg(m_environment.name);
        return done(row, access);
    }
    const Alias *alias = nullptr;
    for (const QString &name : user.aliases) {
        const Alias *candidate = m_workspace.alias(name);
        if (candidate && candidate->password.isSet()) {
            alias = candidate;
            break;
        }
    }
    if (!alias || !m_secrets) {
        access.status = Advisor::LiveAccess::Status::NoPassword;
        access.message = user.aliases.isEmpty()
                             ? tr("No alias carries %1's password: nothing to sign in with.").arg(user.user)
                             : tr("No alias of %1 (%2) names a keychain password.")
                                   .arg(user.user, user.aliases.join(QLatin1String(", ")));
        return done(row, access);
    }
    const SecretKey key = SecretKey::fromReference(m_environment.name, alias->password.key);
    const QString aliasName = alias->name;
    m_secrets->resolve(
        key, tenant, QStringLiteral("tenant"), this,
        [this, row, access, aliasName, key](const SecretResolution &resolution) mutable {
            if (!resolution.ok()) {
                access.status = Advisor::LiveAccess::Status::NoPassword;
                access.message = resolution.message.isEmpty()
                                     ? tr("Not signed in: %1 is not stored (Secrets page, or %2).")
                                           .arg(key.describe(), SecretProvider::environmentVariableFor(key))
                                     : tr("Not signed in: %1").arg(resolution.message);
                return done(row, access);
            }
            Transport::of(m_network)->useEnvironment(m_environment); // the tenant host gets its TLS settings
            auto *reader = new TenantReader(m_network, m_environment.ioTenantUrl, access.user, resolution.secret, this);
            m_readers << reader;
            connect(reader, &TenantReader::finished, this,
                    [this, row, access, aliasName, reader](const TenantReadResult &result) mutable {
                        reader->deleteLater();
                        if (result.ok()) {
                            QStringList actual;
                            for (const IoProject &project : result.inventory->projects)
                                actual << project.name;
                            const Advisor::LiveAccess compared = Advisor::compareAccess(m_users.at(row), actual);
                            return done(row, compared);
                        }
                        if (result.locked) {
                            access.status = Advisor::LiveAccess::Status::Locked;
                            access.message = tr("Locked on the tenant: %1 Every proxy calling .io as %2 answers "
                                                "401 until the lock ends; find the stale password first (alias "
                                                "%3, on every environment).")
                                                 .arg(result.tenantMessage, access.user, aliasName);
                        } else if (result.status == 401) {
                            access.status = Advisor::LiveAccess::Status::Refused;
                            access.message = tr("The tenant refused %1's password from alias %2 (wrong, or the "
                                                "user is locked after successive wrong attempts). The proxies "
                                                "using it answer 401; set the right password in the keychain "
                                                "and on the gateway (plan and apply), and do not retry blindly: "
                                                "each try counts towards a lock-out.")
                                                 .arg(access.user, aliasName);
                        } else {
                            access.status = Advisor::LiveAccess::Status::Error;
                            access.message = result.error;
                        }
                        done(row, access);
                    });
            reader->checkLogin();
        });
}

void AccessCheck::done(qsizetype row, const Advisor::LiveAccess &access)
{
    m_results[row] = access;
    Q_EMIT userChecked(access);
    if (--m_pending == 0)
        Q_EMIT finished(m_results);
}

} // namespace gw
