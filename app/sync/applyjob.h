// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "net/gatewayjob.h"
#include "observedstate.h"
#include "plan.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>

#include <functional>
#include <optional>

namespace gw {

class GatewayClient;

struct ApplyStepReport
{
    enum class Status {
        NotRun,
        Done,
        Failed,
        Undone,
        UndoFailed,
        NotUndoable, ///< done, and the rollback could not undo it (PlanStep::notUndoable)
    };
    int number = 0;
    QString text;
    Status status = Status::NotRun;
    QString message;
    QString leftState; ///< UndoFailed: the state the gateway object was left in (PlanStep::leftStateText)
};

struct ApplyResult
{
    enum class Outcome {
        NothingToDo,
        Applied,
        RolledBack,         ///< a step failed or the user cancelled; every completed step was undone
        RollbackIncomplete, ///< ... and at least one undo failed: the gateway is left changed
        NotStarted,         ///< refused before the first request (a missing secret, ...)
    };
    Outcome outcome = Outcome::NothingToDo;
    QString environment;
    bool cancelled = false;
    QString interruption; ///< cancelled from outside the console's controls: "SIGTERM", "the window was closed"
    int total = 0;
    int completed = 0;  ///< steps that succeeded before the stop
    int failedStep = 0; ///< 1-based; 0 when none failed
    QString failure;    ///< the failing request's message
    QStringList rollbackErrors;
    int undoRequests = 0;
    QList<ApplyStepReport> steps;

    int rollbackAttempts = 0; ///< 1 after the first rollback; each "Retry rollback" adds one

    bool ok() const { return outcome == Outcome::Applied || outcome == Outcome::NothingToDo; }
    /// RollbackIncomplete: what each object whose undo failed was left as, one sentence each.
    QStringList leftStates() const;
    static QString outcomeName(Outcome outcome); ///< "applied", "rolled-back", ...
    /// What happened, in words: every step and its fate, the failure, what the rollback did.
    QString report() const;
    QJsonObject toJson() const;
};

/// Runs a plan's steps one at a time on the gateway. Stops at the first failure (or at a cancel,
/// after the running step) and undoes the completed steps in reverse order, so the gateway ends as
/// it began: before-images of updated objects are read just before the change and written back,
/// created objects are deleted, activation is flipped back. Alias passwords are given by the
/// caller for this apply only and never appear in a result, log or report.
class ApplyJob : public QObject
{
    Q_OBJECT
public:
    ApplyJob(GatewayClient *client, Plan plan, ObservedState observed, QHash<QString, QString> aliasPasswords,
             QObject *parent = nullptr);
    ~ApplyJob() override;

    void start();
    /// Stops after the running step and rolls back.
    void cancel();
    /// cancel() for a reason from outside (a signal, the window closing): the result and the audit log name it.
    void interrupt(const QString &why);
    bool isRollingBack() const { return m_rollingBack && !m_finished; }
    /// After RollbackIncomplete: the undos that failed can be sent again (the gateway is back, say).
    bool canRetryRollback() const { return m_finished && !m_failedUndos.isEmpty(); }
    /// Sends the failed undos again, in their order; finished() follows with the new outcome.
    void retryRollback();

    /// The alias passwords a plan's steps need (HTTP transport aliases created or updated).
    static QStringList aliasesNeedingPasswords(const Plan &plan);

Q_SIGNALS:
    void progress(int step, int total, const QString &text);
    void rollbackProgress(int done, int total, const QString &text);
    void finished(const gw::ApplyResult &result);

private:
    struct Undo
    {
        enum class Kind { Plain, RestoreInCreatedApi, DeleteActionOfCreatedApi, DeleteCreatedApi };
        GatewayJob::Method method = GatewayJob::Method::Put;
        QString path;
        std::optional<QJsonObject> body;
        QString text;
        QList<int> toleratedStatuses;
        Kind kind = Kind::Plain;
        QString apiKey;
        int step = 0;
    };
    struct ProxyIds
    {
        QString apiId;
        QString policyId;
        QString inboundId;
        QString routingId;
        QString outboundId;
        QString observedInboundId;
        QString observedOutboundId;
        bool created = false;
    };
    using Ok = std::function<void(const GatewayResult &)>;
    /// Answers a search for what a lost create may have made: the ids found, or the reason the search failed.
    using Found = std::function<void(const QStringList &ids, const QString &error)>;
    using Finder = std::function<void(Found)>;
    using Register = std::function<void(const QString &id)>;

    void runNext();
    void runStep(const PlanStep &step);
    void call(GatewayJob *job, Ok ok);
    /// call() for a create: when its answer is lost (no reply, timeout) the gateway may have made the object,
    /// so `find` looks for it by name; one match is registered for the rollback, then the step fails.
    void createCall(GatewayJob *job, const QString &what, Finder find, Register registerUndo, Ok ok);
    /// Reads the list `job` answers (`envelope` as in GatewayJson::readList) and passes `pick`'s ids to `found`.
    void findIn(GatewayJob *job, const char *envelope, std::function<QStringList(const QList<QJsonObject> &)> pick,
                Found found);
    Finder aliasFinder(const QString &name);
    Finder apiFinder(const QString &name, const QString &version);
    Finder actionFinder(const QJsonObject &sent);
    Undo deleteAliasUndo(const QString &id, const QString &name) const;
    Undo deleteApiUndo(const QString &id, const QString &key) const;
    Undo deleteActionUndo(const QString &id, const QString &key) const;
    void stepDone();
    void stepFailed(const QString &message);
    /// The current state read before a write ({"policy":{...}}, ...), or nullopt after failing the step: apply
    /// never writes an object whose current state it could not read.
    std::optional<QJsonObject> readBefore(const GatewayResult &result, const char *envelope);
    QString unexpected(const GatewayResult &result, const QString &error) const;
    void addUndo(Undo undo);
    void rollBack();
    void runUndo();
    void finish();
    QString apiPath(const QString &apiId) const;
    /// @p before holds a masked secret: the step cannot be undone; records why, true when it did.
    bool markIfMasked(const QJsonObject &before, const QString &alias);
    void createAction(const PlanStep &step, ProxyIds &ids, QString *slot);

    GatewayClient *m_client;
    Plan m_plan;
    QHash<QString, QString> m_passwords;
    QHash<QString, ProxyIds> m_proxies;
    QList<Undo> m_undos;
    QList<Undo> m_rollback;
    QList<Undo> m_failedUndos;
    QHash<int, QString> m_notUndoable; ///< step number -> why a rollback cannot undo it
    ApplyResult m_result;
    qsizetype m_index = 0;
    qsizetype m_undoIndex = 0;
    QPointer<GatewayJob> m_current;
    bool m_cancelRequested = false;
    bool m_rollingBack = false;
    bool m_finished = false;
};

} // namespace gw

Q_DECLARE_METATYPE(gw::ApplyResult)
