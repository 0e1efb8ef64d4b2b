// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "observedstate.h"
#include "plan.h"
#include "sync/applyjob.h"
#include "sync/auditlog.h"
#include "workspace.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>

#include <memory>

class QNetworkAccessManager;

namespace gw {

class AliasPasswordReader;
class GatewayClient;
class ProviderCredentialSource;
class PullJob;
class SecretProvider;
struct PullResult;

/// Pull, plan and apply for the GUI: one environment at a time, one operation at a time. Reads the
/// admin password and the alias passwords through the SecretProvider when a request needs them,
/// and appends every apply to the audit log.
class SyncService : public QObject
{
    Q_OBJECT
public:
    SyncService(QNetworkAccessManager *network, SecretProvider *secrets, QString auditLogPath,
                QObject *parent = nullptr);
    ~SyncService() override;

    bool isBusy() const { return m_busy; }
    /// An apply, its rollback or a retried rollback is running: stopping needs interrupt() (a rollback is seen
    /// through) and a wait for applyFinished.
    bool isApplying() const { return m_apply != nullptr || (m_busy && m_unfinishedRollback); }
    /// The environment of the running or last pull, plan or apply.
    QString environmentName() const { return m_environment.name; }
    const Plan &plan() const { return m_plan; }
    const ObservedState &observed() const { return m_observed; }
    AuditLog auditLog() const { return AuditLog(m_auditLogPath); }
    void setClientOptions(int timeoutMs, int maxConcurrent);

    /// Pulls the environment's gateway and plans the workspace against it: planReady or failed.
    void pullAndPlan(const Workspace &workspace, const QString &environment);
    /// Applies the plan of the last pullAndPlan: applyFinished.
    void apply();
    /// Stops a pull at once, an apply after its running step (then rolls back).
    void cancel();
    /// cancel() for a reason from outside the page ("the window was closed"): the audit log entry names it.
    void interrupt(const QString &why);
    /// After an apply whose rollback did not complete: whether its failed undos can be sent again.
    bool canRetryRollback() const;
    /// Sends the failed undos of the last apply again: applyFinished follows, and the audit log gets an entry.
    void retryRollback();

Q_SIGNALS:
    void busyChanged(bool busy);
    void progress(int done, int total, const QString &text);
    void planReady(const gw::Plan &plan);
    void failed(const QString &message);
    void applyFinished(const gw::ApplyResult &result);
    void auditLogChanged();

private:
    void setBusy(bool busy);
    void pulled(const PullResult &result);
    void applyEnded(const ApplyResult &result, bool retry);

    QNetworkAccessManager *m_network;
    QPointer<SecretProvider> m_secrets;
    QString m_auditLogPath;
    int m_timeoutMs = 30000;
    int m_maxConcurrent = 6;
    Workspace m_workspace;
    Environment m_environment;
    std::unique_ptr<ProviderCredentialSource> m_credentials;
    std::unique_ptr<GatewayClient> m_client;
    std::unique_ptr<AliasPasswordReader> m_aliasReader;
    QPointer<PullJob> m_pull;
    QPointer<ApplyJob> m_apply;
    QPointer<ApplyJob> m_unfinishedRollback; ///< kept after RollbackIncomplete, for retryRollback()
    ObservedState m_observed;
    Plan m_plan;
    QHash<QString, QString> m_passwords;
    bool m_busy = false;
};

} // namespace gw
