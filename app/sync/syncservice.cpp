// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncservice.h"

#include "net/gatewayclient.h"
#include "net/providercredentialsource.h"
#include "secrets/secretkey.h"
#include "secrets/secretprovider.h"
#include "secrets/secretstore.h"
#include "sync/aliaspasswordreader.h"
#include "sync/pulljob.h"

#include <QCryptographicHash>

namespace gw {

SyncService::SyncService(QNetworkAccessManager *network, SecretProvider *secrets, QString auditLogPath, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_secrets(secrets)
    , m_auditLogPath(std::move(auditLogPath))
{}

SyncService::~SyncService()
{
    delete m_pull;
    delete m_apply;
}

void SyncService::setClientOptions(int timeoutMs, int maxConcurrent)
{
    m_timeoutMs = timeoutMs;
    m_maxConcurrent = maxConcurrent;
}

void SyncService::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

void SyncService::pullAndPlan(const Workspace &workspace, const QString &environment)
{
    if (m_busy)
        return;
    const Environment *found = workspace.environment(environment);
    if (!found) {
        Q_EMIT failed(QStringLiteral("The workspace has no environment \"%1\".").arg(environment));
        return;
    }
    // A new plan starts from what the gateway holds now: a rollback left unfinished is not retried after it.
    delete m_unfinishedRollback;
    m_workspace = workspace;
    m_environment = *found;
    m_plan = Plan{};
    m_passwords.clear();
    m_credentials = std::make_unique<ProviderCredentialSource>(
        m_secrets, SecretKey::gatewayAdmin(m_environment.name, m_environment.adminUser),
        QUrl(m_environment.gatewayUrl));
    GatewayClientOptions options;
    options.timeoutMs = m_timeoutMs;
    options.maxConcurrent = m_maxConcurrent;
    m_client = std::make_unique<GatewayClient>(m_network, m_environment, m_credentials.get(), options);
    m_aliasReader = std::make_unique<AliasPasswordReader>(m_secrets, QProcessEnvironment::systemEnvironment());
    setBusy(true);
    m_pull = new PullJob(m_client.get(), this);
    connect(m_pull, &PullJob::progress, this, [this](int done, int total, const QString &text) {
        Q_EMIT progress(done, total,
                        text == QLatin1String("done") ? tr("Read the gateway")
                                                      : QStringLiteral("Reading %1").arg(text));
    });
    connect(m_pull, &PullJob::finished, this, &SyncService::pulled);
    m_pull->start();
}

void SyncService::pulled(const PullResult &result)
{
    if (m_pull)
        m_pull->deleteLater();
    if (!result.ok()) {
        setBusy(false);
        Q_EMIT failed(result.error);
        return;
    }
    m_observed = *result.state;
    QStringList aliases;
    for (const Alias &alias : std::as_const(m_workspace.aliases)) {
        if (alias.type == Alias::Type::HttpTransportSecurity)
            aliases << alias.name;
    }
    // Passwords are asked for only where the plan sends them (a new alias, a changed one); the others are
    // read quietly, to compare, and reported as not compared when there is none.
    const QStringList written =
        aliases.isEmpty() ? QStringList() : makePlan(m_workspace, m_environment.name, m_observed).aliasesWritten();
    m_aliasReader->read(m_environment.name, QUrl(m_environment.gatewayUrl), aliases, written,
                        [this](const AliasPasswordReader::Result &passwords) {
                            m_passwords = passwords.passwords;
                            PlanOptions options;
                            for (auto it = m_passwords.cbegin(); it != m_passwords.cend(); ++it)
                                options.aliasPasswordDigests.insert(
                                    it.key(),
                                    QCryptographicHash::hash(it.value().toUtf8(), QCryptographicHash::Sha256));
                            m_plan = makePlan(m_workspace, m_environment.name, m_observed, options);
                            setBusy(false);
                            if (!m_plan.error.isEmpty())
                                Q_EMIT failed(m_plan.error);
                            else
                                Q_EMIT planReady(m_plan);
                        });
}

void SyncService::apply()
{
    if (m_busy || !m_client || !m_plan.hasChanges())
        return;
    setBusy(true);
    m_apply = new ApplyJob(m_client.get(), m_plan, m_observed, m_passwords, this);
    m_passwords.clear();
    connect(m_apply, &ApplyJob::progress, this, [this](int step, int total, const QString &text) {
        Q_EMIT progress(step - 1, total, QStringLiteral("Step %1 of %2: %3").arg(step).arg(total).arg(text));
    });
    connect(m_apply, &ApplyJob::rollbackProgress, this, [this](int step, int total, const QString &text) {
        Q_EMIT progress(step - 1, total, QStringLiteral("Rolling back %1 of %2: %3").arg(step).arg(total).arg(text));
    });
    if (m_unfinishedRollback)
        m_unfinishedRollback->deleteLater(); // a new apply: the old rollback is not retried any more
    connect(m_apply, &ApplyJob::finished, this, [this](const ApplyResult &result) { applyEnded(result, false); });
    m_apply->start();
}

void SyncService::applyEnded(const ApplyResult &result, bool retry)
{
    ApplyJob *job = m_apply ? m_apply.data() : m_unfinishedRollback.data();
    QString error;
    if (result.outcome != ApplyResult::Outcome::NothingToDo) {
        AuditEntry entry =
            AuditEntry::fromApply(result, m_environment.gatewayUrl, AuditLog::operatorName(m_environment.adminUser));
        if (retry)
            entry.action = QStringLiteral("rollback-retry");
        if (!AuditLog(m_auditLogPath).append(entry, &error))
            Q_EMIT failed(error);
        Q_EMIT auditLogChanged();
    }
    if (job && job->canRetryRollback()) {
        m_unfinishedRollback = job;
    } else if (job) {
        job->deleteLater();
        m_unfinishedRollback = nullptr;
    }
    m_apply = nullptr;
    m_plan = Plan{};
    setBusy(false);
    Q_EMIT applyFinished(result);
}

bool SyncService::canRetryRollback() const
{
    return !m_busy && m_unfinishedRollback && m_unfinishedRollback->canRetryRollback();
}

void SyncService::retryRollback()
{
    if (!canRetryRollback())
        return;
    setBusy(true);
    ApplyJob *job = m_unfinishedRollback;
    job->disconnect(this);
    connect(job, &ApplyJob::rollbackProgress, this, [this](int step, int total, const QString &text) {
        Q_EMIT progress(step - 1, total,
                        QStringLiteral("Retrying the rollback, %1 of %2: %3").arg(step).arg(total).arg(text));
    });
    connect(job, &ApplyJob::finished, this, [this](const ApplyResult &result) { applyEnded(result, true); });
    job->retryRollback();
}

void SyncService::cancel()
{
    if (m_pull)
        m_pull->cancel();
    if (m_apply)
        m_apply->cancel();
}

void SyncService::interrupt(const QString &why)
{
    if (m_pull)
        m_pull->cancel();
    if (m_apply)
        m_apply->interrupt(why);
}

} // namespace gw
