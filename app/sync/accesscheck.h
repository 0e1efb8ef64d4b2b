// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "advisor.h"
#include "workspace.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace gw {

class SecretProvider;
class TenantReader;

/// The advisor's live check: signs in to the environment's .io tenant as each technical user, with the
/// password its alias holds (keychain or GATEWRIGHT_ALIAS_PASSWORD_<ALIAS>), lists the projects the tenant
/// shows it, and compares them with what its proxies need (Advisor::compareAccess). Read-only: one
/// GET /apis/v1/rest/projects per user and nothing else, never a retry, so a wrong password counts one
/// attempt towards the tenant's lock-out and never more. Nothing is executed on .io.
class AccessCheck : public QObject
{
    Q_OBJECT
public:
    AccessCheck(QNetworkAccessManager *network, SecretProvider *secrets, Environment environment, Workspace workspace,
                QObject *parent = nullptr);
    ~AccessCheck() override;

    /// Checks every user of `users` (the analysis of the same workspace); userChecked() for each, then finished().
    void start(const QList<Advisor::UserExposure> &users);
    bool isRunning() const { return m_pending > 0; }

Q_SIGNALS:
    void userChecked(const gw::Advisor::LiveAccess &access);
    void finished(const QList<gw::Advisor::LiveAccess> &results);

private:
    void checkUser(qsizetype row);
    void done(qsizetype row, const Advisor::LiveAccess &access);

    QNetworkAccessManager *m_network;
    QPointer<SecretProvider> m_secrets;
    Environment m_environment;
    Workspace m_workspace;
    QList<Advisor::UserExposure> m_users;
    QList<Advisor::LiveAccess> m_results;
    QList<QPointer<TenantReader>> m_readers;
    int m_pending = 0;
};

} // namespace gw
