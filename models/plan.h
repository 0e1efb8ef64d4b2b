// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "observedstate.h"
#include "workspace.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

/// Plan: the pure comparison of the desired workspace with what a pull observed on an
/// environment's gateway, as an ordered list of steps an apply can run one by one.
namespace gw {

/// One field of one alias or proxy, before and after; secrets are already masked here.
struct PlanChange
{
    QString field;
    QString before;
    QString after;
    friend bool operator==(const PlanChange &, const PlanChange &) = default;
};

struct PlanStep
{
    enum class Action {
        CreateAlias,
        UpdateAlias,
        DeleteAlias,
        CreateApi,
        DeactivateApi,
        CreatePolicyAction,
        UpdatePolicyAction,
        UpdatePolicy,
        ActivateApi,
    };
    /// Which of the proxy's managed policy actions a policy-action step is about.
    enum class Role { None, Inbound, Routing, Outbound };

    Action action = Action::CreateAlias;
    Role role = Role::None;
    QString target; ///< alias name, or proxy key "name/version"
    /// Gateway id of the object the step changes when it already exists (alias, API, policy
    /// action or policy id); empty when an earlier step of the same apply creates it.
    QString gatewayId;
    QList<PlanChange> changes;
    Alias alias;        ///< desired alias (create/update) or the observed one (delete)
    GatewayProxy proxy; ///< desired proxy, routing endpoint resolved for the environment
    /// Why a rollback could not undo this step (an alias whose stored password the gateway masks), empty when it
    /// can: shown before apply starts, so nobody counts on a rollback that cannot happen.
    QString notUndoable;

    QString text() const; ///< one line a person reads: "create alias io-orders-basic"
    /// The state the gateway object is in once this step ran (and was not undone), as a sentence a person reads
    /// after a failed rollback: "InvoicesIssue/1.0 is deactivated: callers get an error until it is activated".
    QString leftStateText() const;
    static QString actionName(Action action); ///< stable JSON name: "create-alias"
    static QString roleText(Role role);
    friend bool operator==(const PlanStep &, const PlanStep &) = default;
};

/// What changes for one alias or proxy, for the readable diff.
struct ResourceDiff
{
    enum class Resource { Alias, Proxy } resource = Resource::Proxy;
    enum class Change { Create, Update, Delete } change = Change::Update;
    QString name; ///< alias name or proxy key
    QList<PlanChange> changes;
    friend bool operator==(const ResourceDiff &, const ResourceDiff &) = default;
};

struct PlanOptions
{
    /// Delete gateway aliases of the managed kinds that the workspace does not name. Off by default:
    /// what the workspace does not manage is left alone.
    bool deleteUnmanagedAliases = false;
    /// Deactivate an active API before changing its policy and reactivate it afterwards, as the
    /// gateway refuses policy changes on active APIs.
    bool deactivateForPolicyChanges = true;
    /// SHA-256 of each desired alias password (by alias name), when the caller read the secrets;
    /// compared with the observed digest so a changed password becomes an update. Never shown.
    QHash<QString, QByteArray> aliasPasswordDigests;
};

struct Plan
{
    QString environment;
    QString gatewayUrl;
    QString error; ///< set when no plan could be made (unknown environment)
    QList<PlanStep> steps;
    QList<ResourceDiff> diffs;
    QStringList unmanaged; ///< what the gateway holds and the workspace does not, left alone
    /// APIs (name and version) or aliases (name) the gateway holds more than once: which one the workspace means
    /// cannot be told, so the plan touches none of them and says so.
    QStringList conflicts;
    /// Existing HTTP transport aliases whose password could not be compared (no password given for it, or the
    /// gateway did not return one): a changed password there would go unnoticed.
    QStringList passwordsNotCompared;
    /// "step N (text): reason" for each step a rollback could not undo.
    QStringList notUndoableSteps() const;

    bool hasChanges() const { return !steps.isEmpty(); }
    /// Names of the aliases this plan creates or updates: the ones whose password it sends.
    QStringList aliasesWritten() const;
    /// The diff per alias and proxy (before → after), then the numbered steps.
    QString toText() const;
    QJsonObject toJson() const;
};

/// Why a step that changes or deletes @p alias cannot be undone when the gateway masks its stored password.
QString maskedPasswordReason(const QString &alias);

/// The routing endpoint a proxy gets in an environment (EndpointResolver::routingEndpoint): its own
/// with the environment's placeholders expanded, or the tenant URL followed by the integration's path.
QString resolvedRoutingEndpoint(const Workspace &workspace, const Environment &environment, const GatewayProxy &proxy);

/// Steps that bring the observed gateway to the workspace: aliases first (the policy actions name
/// them), then per proxy (by key) deactivate, create API, create/update policy actions, update the
/// policy, activate; alias deletions last. Runs in O(n log n) in the number of proxies and aliases.
Plan makePlan(const Workspace &desired, const QString &environment, const ObservedState &observed,
              const PlanOptions &options = {});

} // namespace gw
