// SPDX-License-Identifier: GPL-3.0-or-later
#include "plan.h"

#include "endpointresolver.h"
#include "syncformat.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>

namespace gw {

using Action = PlanStep::Action;
using Role = PlanStep::Role;

QString PlanStep::actionName(Action action)
{
    switch (action) {
    case Action::CreateAlias:
        return QStringLiteral("create-alias");
    case Action::UpdateAlias:
        return QStringLiteral("update-alias");
    case Action::DeleteAlias:
        return QStringLiteral("delete-alias");
    case Action::CreateApi:
        return QStringLiteral("create-api");
    case Action::DeactivateApi:
        return QStringLiteral("deactivate-api");
    case Action::CreatePolicyAction:
        return QStringLiteral("create-policy-action");
    case Action::UpdatePolicyAction:
        return QStringLiteral("update-policy-action");
    case Action::UpdatePolicy:
        return QStringLiteral("update-policy");
    case Action::ActivateApi:
        return QStringLiteral("activate-api");
    }
    return {};
}

QString PlanStep::roleText(Role role)
{
    switch (role) {
    case Role::None:
        return {};
    case Role::Inbound:
        return QStringLiteral("Identify & Authorize Application (evaluatePolicy)");
    case Role::Routing:
        return QStringLiteral("Straight Through Routing (straightThroughRouting)");
    case Role::Outbound:
        return QStringLiteral("Outbound Auth - Transport (outboundTransportAuthentication)");
    }
    return {};
}

static QString changesText(const QList<PlanChange> &changes)
{
    QStringList parts;
    for (const PlanChange &change : changes)
        parts << change.field + QStringLiteral(": ") + change.before + QStringLiteral(" → ") + change.after;
    return parts.join(QStringLiteral("; "));
}

QString PlanStep::text() const
{
    QString line;
    switch (action) {
    case Action::CreateAlias:
        line = QStringLiteral("create alias %1 (%2)").arg(target, SyncFormat::aliasTypeText(alias.type));
        break;
    case Action::UpdateAlias:
        line = QStringLiteral("update alias %1").arg(target);
        break;
    case Action::DeleteAlias:
        line = QStringLiteral("delete alias %1 (not in the workspace)").arg(target);
        break;
    case Action::CreateApi:
        line = QStringLiteral("create API %1").arg(target);
        break;
    case Action::DeactivateApi:
        line = QStringLiteral("deactivate API %1 (callers get an error until a later step activates it again)")
                   .arg(target);
        break;
    case Action::CreatePolicyAction:
        line = QStringLiteral("create policy action %1 for %2").arg(roleText(role), target);
        break;
    case Action::UpdatePolicyAction:
        line = QStringLiteral("update policy action %1 of %2").arg(roleText(role), target);
        break;
    case Action::UpdatePolicy:
        line = QStringLiteral("update the policy of %1").arg(target);
        break;
    case Action::ActivateApi:
        line = QStringLiteral("activate API %1").arg(target);
        break;
    }
    if (!changes.isEmpty() && action != Action::CreateAlias && action != Action::CreateApi)
        line += QStringLiteral(": ") + changesText(changes);
    return line;
}

QString PlanStep::leftStateText() const
{
    switch (action) {
    case Action::CreateAlias:
        return QStringLiteral("alias %1 exists (this apply created it)").arg(target);
    case Action::UpdateAlias:
        return QStringLiteral("alias %1 has the workspace's values, not its earlier ones").arg(target);
    case Action::DeleteAlias:
        return QStringLiteral("alias %1 is deleted").arg(target);
    case Action::CreateApi:
        return QStringLiteral("API %1 exists (this apply created it)").arg(target);
    case Action::DeactivateApi:
        return QStringLiteral("%1 is deactivated: callers get an error until it is activated again").arg(target);
    case Action::CreatePolicyAction:
        return QStringLiteral("%1 has the new %2 policy action").arg(target, roleText(role));
    case Action::UpdatePolicyAction:
        return QStringLiteral("the %1 policy action of %2 has the workspace's values").arg(roleText(role), target);
    case Action::UpdatePolicy:
        return QStringLiteral("the policy of %1 lists the workspace's actions").arg(target);
    case Action::ActivateApi:
        return QStringLiteral("%1 is active with the new settings").arg(target);
    }
    return {};
}

static QString routingEndpointFor(const QString &integrationPath, const Environment &environment,
                                  const GatewayProxy &proxy)
{
    if (!proxy.routingEndpoint.isEmpty())
        return EndpointResolver::expand(proxy.routingEndpoint, environment);
    if (integrationPath.isEmpty())
        return {};
    QString base = environment.ioTenantUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base + integrationPath;
}

static QStringList sortedList(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list;
}

static QString integrationKey(const QString &project, const QString &integration)
{
    return project + QChar(0) + integration;
}

static QHash<QString, QString> integrationPaths(const Workspace &workspace)
{
    QHash<QString, QString> paths;
    for (const IoProject &project : workspace.projects) {
        for (const Integration &integration : project.integrations)
            paths.insert(integrationKey(project.name, integration.name), integration.path);
    }
    return paths;
}

QString resolvedRoutingEndpoint(const Workspace &workspace, const Environment &environment, const GatewayProxy &proxy)
{
    return EndpointResolver::routingEndpoint(workspace, proxy, environment);
}

namespace {

const QString None = QStringLiteral("(none)");

QStringList sortedScopes(QStringList scopes)
{
    scopes.removeDuplicates();
    scopes.sort();
    return scopes;
}

bool sameInbound(const InboundAuth &a, const InboundAuth &b)
{
    if (a.kind != b.kind)
        return false;
    return a.kind == InboundAuth::Kind::None || sortedScopes(a.scopes) == sortedScopes(b.scopes);
}

bool hasOutbound(const OutboundAuth &outbound)
{
    return outbound.kind == OutboundAuth::Kind::Alias && !outbound.alias.isEmpty();
}

bool sameOutbound(const OutboundAuth &a, const OutboundAuth &b)
{
    if (hasOutbound(a) != hasOutbound(b))
        return false;
    return !hasOutbound(a) || a.alias == b.alias;
}

QList<PlanChange> aliasChanges(const Alias *before, const Alias &after, bool passwordChanged)
{
    QList<PlanChange> changes;
    auto add = [&](const QString &field, const QString &from, const QString &to) {
        if ((!before && !to.isEmpty()) || (before && from != to))
            changes << PlanChange{field, before ? (from.isEmpty() ? None : from) : None, to.isEmpty() ? None : to};
    };
    add(QStringLiteral("type"), before ? SyncFormat::aliasTypeText(before->type) : QString(),
        SyncFormat::aliasTypeText(after.type));
    add(QStringLiteral("description"), before ? before->description : QString(), after.description);
    switch (after.type) {
    case Alias::Type::HttpTransportSecurity:
        add(QStringLiteral("user"), before ? before->technicalUser : QString(), after.technicalUser);
        if (!before || passwordChanged) {
            changes << PlanChange{QStringLiteral("password"), before ? SyncFormat::maskedSecret(true) : None,
                                  SyncFormat::maskedSecret(after.password.isSet()) +
                                      (before ? QStringLiteral(" (changed)") : QString())};
        }
        break;
    case Alias::Type::Simple:
        add(QStringLiteral("value"), before ? before->value : QString(), after.value);
        break;
    case Alias::Type::Endpoint:
        add(QStringLiteral("endpoint"), before ? before->endpointUri : QString(), after.endpointUri);
        add(QStringLiteral("connection timeout"),
            before ? QString::number(before->connectionTimeoutSeconds) : QString(),
            QString::number(after.connectionTimeoutSeconds));
        add(QStringLiteral("read timeout"), before ? QString::number(before->readTimeoutSeconds) : QString(),
            QString::number(after.readTimeoutSeconds));
        break;
    }
    return changes;
}

bool sameAlias(const Alias &observed, const Alias &desired)
{
    if (observed.type != desired.type || observed.description != desired.description)
        return false;
    switch (desired.type) {
    case Alias::Type::HttpTransportSecurity:
        return observed.technicalUser == desired.technicalUser;
    case Alias::Type::Simple:
        return observed.value == desired.value;
    case Alias::Type::Endpoint:
        return observed.endpointUri == desired.endpointUri &&
               observed.connectionTimeoutSeconds == desired.connectionTimeoutSeconds &&
               observed.readTimeoutSeconds == desired.readTimeoutSeconds;
    }
    return false;
}

PlanStep proxyStep(Action action, Role role, const GatewayProxy &proxy, const QString &id,
                   QList<PlanChange> changes = {})
{
    PlanStep step;
    step.action = action;
    step.role = role;
    step.target = SyncFormat::proxyKey(proxy);
    step.gatewayId = id;
    step.proxy = proxy;
    step.changes = std::move(changes);
    return step;
}

void planProxy(const GatewayProxy &desired, const ObservedProxy *observed, const PlanOptions &options, Plan &plan)
{
    const QString key = SyncFormat::proxyKey(desired);
    const bool wantInbound = desired.inbound.kind != InboundAuth::Kind::None;
    const bool wantOutbound = hasOutbound(desired.outbound);

    if (!observed) {
        ResourceDiff diff{ResourceDiff::Resource::Proxy, ResourceDiff::Change::Create, key, {}};
        diff.changes << PlanChange{QStringLiteral("inbound"), None, SyncFormat::inboundText(desired.inbound)}
                     << PlanChange{QStringLiteral("routing"), None, desired.routingEndpoint}
                     << PlanChange{QStringLiteral("outbound"), None, SyncFormat::outboundText(desired.outbound)}
                     << PlanChange{QStringLiteral("state"), None, SyncFormat::activeText(desired.active)};
        plan.diffs << diff;
        plan.steps << proxyStep(Action::CreateApi, Role::None, desired, {}, diff.changes);
        if (wantInbound)
            plan.steps << proxyStep(Action::CreatePolicyAction, Role::Inbound, desired, {}, {diff.changes.at(0)});
        // A new API comes with a default straight-through routing action; the apply rewrites it (or
        // creates one when the gateway did not).
        plan.steps << proxyStep(Action::UpdatePolicyAction, Role::Routing, desired, {}, {diff.changes.at(1)});
        if (wantOutbound)
            plan.steps << proxyStep(Action::CreatePolicyAction, Role::Outbound, desired, {}, {diff.changes.at(2)});
        plan.steps << proxyStep(Action::UpdatePolicy, Role::None, desired, {});
        if (desired.active)
            plan.steps << proxyStep(Action::ActivateApi, Role::None, desired, {});
        return;
    }

    const GatewayProxy &before = observed->proxy;
    QList<PlanStep> policySteps;
    bool relink = false;
    ResourceDiff diff{ResourceDiff::Resource::Proxy, ResourceDiff::Change::Update, key, {}};

    if (!sameInbound(before.inbound, desired.inbound) || (wantInbound && observed->inboundActionId.isEmpty())) {
        const PlanChange change{QStringLiteral("inbound"),
                                observed->inboundActionId.isEmpty() ? QStringLiteral("none")
                                                                    : SyncFormat::inboundText(before.inbound),
                                SyncFormat::inboundText(desired.inbound)};
        diff.changes << change;
        if (!wantInbound) {
            relink = true;
        } else if (observed->inboundActionId.isEmpty()) {
            policySteps << proxyStep(Action::CreatePolicyAction, Role::Inbound, desired, {}, {change});
            relink = true;
        } else {
            policySteps << proxyStep(Action::UpdatePolicyAction, Role::Inbound, desired, observed->inboundActionId,
                                     {change});
        }
    }
    if (before.routingEndpoint != desired.routingEndpoint || observed->routingActionId.isEmpty()) {
        const PlanChange change{QStringLiteral("routing"),
                                before.routingEndpoint.isEmpty() ? None : before.routingEndpoint,
                                desired.routingEndpoint};
        diff.changes << change;
        if (observed->routingActionId.isEmpty()) {
            policySteps << proxyStep(Action::CreatePolicyAction, Role::Routing, desired, {}, {change});
            relink = true;
        } else {
            policySteps << proxyStep(Action::UpdatePolicyAction, Role::Routing, desired, observed->routingActionId,
                                     {change});
        }
    }
    if (!sameOutbound(before.outbound, desired.outbound) || (wantOutbound && observed->outboundActionId.isEmpty())) {
        const PlanChange change{QStringLiteral("outbound"),
                                observed->outboundActionId.isEmpty() ? QStringLiteral("none")
                                                                     : SyncFormat::outboundText(before.outbound),
                                SyncFormat::outboundText(desired.outbound)};
        diff.changes << change;
        if (!wantOutbound) {
            relink = true;
        } else if (observed->outboundActionId.isEmpty()) {
            policySteps << proxyStep(Action::CreatePolicyAction, Role::Outbound, desired, {}, {change});
            relink = true;
        } else {
            policySteps << proxyStep(Action::UpdatePolicyAction, Role::Outbound, desired, observed->outboundActionId,
                                     {change});
        }
    }
    if (relink)
        policySteps << proxyStep(Action::UpdatePolicy, Role::None, desired, observed->policyId);

    const bool policyChanges = !policySteps.isEmpty();
    const bool wrap = policyChanges && before.active && options.deactivateForPolicyChanges;
    if (before.active != desired.active)
        diff.changes << PlanChange{QStringLiteral("state"), SyncFormat::activeText(before.active),
                                   SyncFormat::activeText(desired.active)};
    if (diff.changes.isEmpty())
        return;
    plan.diffs << diff;

    if (wrap || (before.active && !desired.active))
        plan.steps << proxyStep(Action::DeactivateApi, Role::None, desired, observed->apiId);
    plan.steps << policySteps;
    if (desired.active && (wrap || !before.active))
        plan.steps << proxyStep(Action::ActivateApi, Role::None, desired, observed->apiId);
}

PlanStep aliasStep(Action action, const Alias &alias, const QString &id, QList<PlanChange> changes)
{
    PlanStep step;
    step.action = action;
    step.target = alias.name;
    step.gatewayId = id;
    step.alias = alias;
    step.changes = std::move(changes);
    return step;
}

} // namespace

QString maskedPasswordReason(const QString &alias)
{
    return QStringLiteral("the gateway masks the stored password of alias %1, so a rollback could not write it back")
        .arg(alias);
}

QStringList Plan::notUndoableSteps() const
{
    QStringList lines;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        if (!steps.at(i).notUndoable.isEmpty())
            lines << QStringLiteral("step %1 (%2): %3").arg(i + 1).arg(steps.at(i).text(), steps.at(i).notUndoable);
    }
    return lines;
}

Plan makePlan(const Workspace &desired, const QString &environmentName, const ObservedState &observed,
              const PlanOptions &options)
{
    Plan plan;
    plan.environment = environmentName;
    const Environment *environment = nullptr;
    for (const Environment &candidate : desired.environments) {
        if (candidate.name == environmentName)
            environment = &candidate;
    }
    if (!environment) {
        QStringList names;
        for (const Environment &candidate : desired.environments)
            names << candidate.name;
        plan.error =
            QStringLiteral("The workspace has no environment \"%1\" (it has: %2).")
                .arg(environmentName, names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", ")));
        return plan;
    }
    plan.gatewayUrl = environment->gatewayUrl;

    // Aliases, by name; a name the gateway holds twice is a conflict no step touches.
    QHash<QString, const ObservedAlias *> observedAliases;
    QHash<QString, QStringList> aliasIds;
    observedAliases.reserve(observed.aliases.size());
    for (const ObservedAlias &alias : observed.aliases) {
        observedAliases.insert(alias.alias.name, &alias);
        aliasIds[alias.alias.name] << alias.id;
    }
    QSet<QString> conflictingAliases;
    for (auto it = aliasIds.cbegin(); it != aliasIds.cend(); ++it) {
        if (it.value().size() > 1)
            conflictingAliases.insert(it.key());
    }
    QList<Alias> desiredAliases = desired.aliases;
    std::sort(desiredAliases.begin(), desiredAliases.end(),
              [](const Alias &a, const Alias &b) { return a.name < b.name; });
    QSet<QString> desiredAliasNames;
    for (Alias alias : std::as_const(desiredAliases)) {
        // Simple and endpoint aliases may name the environment's URLs ({{ioTenantUrl}}).
        if (alias.type == Alias::Type::Simple)
            alias.value = EndpointResolver::aliasValue(alias, *environment);
        else if (alias.type == Alias::Type::Endpoint)
            alias.endpointUri = EndpointResolver::aliasValue(alias, *environment);
        if (desiredAliasNames.contains(alias.name))
            continue;
        desiredAliasNames.insert(alias.name);
        if (conflictingAliases.contains(alias.name))
            continue;
        const ObservedAlias *before = observedAliases.value(alias.name);
        if (!before) {
            const QList<PlanChange> changes = aliasChanges(nullptr, alias, false);
            plan.diffs << ResourceDiff{ResourceDiff::Resource::Alias, ResourceDiff::Change::Create, alias.name,
                                       changes};
            plan.steps << aliasStep(Action::CreateAlias, alias, {}, changes);
            continue;
        }
        const QByteArray wanted = options.aliasPasswordDigests.value(alias.name);
        if (alias.type == Alias::Type::HttpTransportSecurity && (wanted.isEmpty() || before->passwordDigest.isEmpty()))
            plan.passwordsNotCompared << alias.name;
        const bool passwordChanged = alias.type == Alias::Type::HttpTransportSecurity && !wanted.isEmpty() &&
                                     !before->passwordDigest.isEmpty() && wanted != before->passwordDigest;
        if (sameAlias(before->alias, alias) && !passwordChanged)
            continue;
        const QList<PlanChange> changes = aliasChanges(&before->alias, alias, passwordChanged);
        plan.diffs << ResourceDiff{ResourceDiff::Resource::Alias, ResourceDiff::Change::Update, alias.name, changes};
        plan.steps << aliasStep(Action::UpdateAlias, alias, before->id, changes);
        if (before->passwordMasked)
            plan.steps.last().notUndoable = maskedPasswordReason(alias.name);
    }

    // Proxies, by key.
    QHash<QString, const ObservedProxy *> observedProxies;
    QHash<QString, QStringList> apiIds;
    observedProxies.reserve(observed.proxies.size());
    for (const ObservedProxy &proxy : observed.proxies) {
        observedProxies.insert(proxy.key(), &proxy);
        apiIds[proxy.key()] << proxy.apiId;
    }
    QSet<QString> conflictingKeys;
    for (auto it = apiIds.cbegin(); it != apiIds.cend(); ++it) {
        if (it.value().size() > 1)
            conflictingKeys.insert(it.key());
    }
    QList<GatewayProxy> desiredProxies;
    desiredProxies.reserve(desired.proxies.size());
    const QHash<QString, QString> paths = integrationPaths(desired);
    for (GatewayProxy proxy : desired.proxies) {
        proxy.routingEndpoint =
            routingEndpointFor(paths.value(integrationKey(proxy.project, proxy.integration)), *environment, proxy);
        desiredProxies << proxy;
    }
    std::sort(desiredProxies.begin(), desiredProxies.end(), [](const GatewayProxy &a, const GatewayProxy &b) {
        return a.name != b.name ? a.name < b.name : a.version < b.version;
    });
    QSet<QString> desiredKeys;
    desiredKeys.reserve(desiredProxies.size());
    for (const GatewayProxy &proxy : std::as_const(desiredProxies)) {
        const QString key = SyncFormat::proxyKey(proxy);
        if (desiredKeys.contains(key))
            continue;
        desiredKeys.insert(key);
        if (!conflictingKeys.contains(key))
            planProxy(proxy, observedProxies.value(key), options, plan);
    }
    for (const QString &key : sortedList(conflictingKeys)) {
        QStringList ids = apiIds.value(key);
        ids.sort();
        plan.conflicts << QStringLiteral("API %1: the gateway holds %2 APIs with this name and version (ids %3); "
                                         "delete or rename all but one on the gateway")
                              .arg(key)
                              .arg(ids.size())
                              .arg(ids.join(QStringLiteral(", ")));
    }
    for (const QString &name : sortedList(conflictingAliases)) {
        QStringList ids = aliasIds.value(name);
        ids.sort();
        plan.conflicts << QStringLiteral("alias %1: the gateway holds %2 aliases with this name (ids %3); delete or "
                                         "rename all but one on the gateway")
                              .arg(name)
                              .arg(ids.size())
                              .arg(ids.join(QStringLiteral(", ")));
    }

    // What the workspace does not manage: left alone, or (aliases, when asked) deleted last.
    QSet<QString> stillNamed;
    for (const ObservedProxy &proxy : observed.proxies) {
        if (!desiredKeys.contains(proxy.key()) && !conflictingKeys.contains(proxy.key())) {
            plan.unmanaged << QStringLiteral("API %1").arg(proxy.key());
            if (hasOutbound(proxy.proxy.outbound))
                stillNamed.insert(proxy.proxy.outbound.alias);
        }
    }
    for (const ObservedAlias &alias : observed.aliases) {
        if (desiredAliasNames.contains(alias.alias.name) || conflictingAliases.contains(alias.alias.name))
            continue;
        if (options.deleteUnmanagedAliases && alias.managedType && !stillNamed.contains(alias.alias.name)) {
            const QList<PlanChange> changes{
                PlanChange{QStringLiteral("type"), SyncFormat::aliasTypeText(alias.alias.type), None}};
            plan.diffs << ResourceDiff{ResourceDiff::Resource::Alias, ResourceDiff::Change::Delete, alias.alias.name,
                                       changes};
            plan.steps << aliasStep(Action::DeleteAlias, alias.alias, alias.id, changes);
            if (alias.passwordMasked)
                plan.steps.last().notUndoable = maskedPasswordReason(alias.alias.name);
        } else {
            plan.unmanaged << QStringLiteral("alias %1").arg(alias.alias.name);
        }
    }
    return plan;
}

QStringList Plan::aliasesWritten() const
{
    QStringList names;
    for (const ResourceDiff &diff : diffs) {
        if (diff.resource == ResourceDiff::Resource::Alias && diff.change != ResourceDiff::Change::Delete)
            names << diff.name;
    }
    return names;
}

QString Plan::toText() const
{
    if (!error.isEmpty())
        return error + QLatin1Char('\n');
    QString text;
    if (steps.isEmpty()) {
        text = QStringLiteral("No changes: the gateway of environment \"%1\" (%2) matches the workspace.\n")
                   .arg(environment, gatewayUrl);
    } else {
        text = QStringLiteral("Plan for environment \"%1\" (%2): %3 step%4.\n")
                   .arg(environment, gatewayUrl)
                   .arg(steps.size())
                   .arg(steps.size() == 1 ? QString() : QStringLiteral("s"));
        for (const auto resource : {ResourceDiff::Resource::Alias, ResourceDiff::Resource::Proxy}) {
            bool heading = false;
            for (const ResourceDiff &diff : diffs) {
                if (diff.resource != resource)
                    continue;
                if (!heading) {
                    text += resource == ResourceDiff::Resource::Alias ? QStringLiteral("\nAliases\n")
                                                                      : QStringLiteral("\nProxies\n");
                    heading = true;
                }
                const QChar sign = diff.change == ResourceDiff::Change::Create   ? QLatin1Char('+')
                                   : diff.change == ResourceDiff::Change::Delete ? QLatin1Char('-')
                                                                                 : QLatin1Char('~');
                text += QStringLiteral("  %1 %2\n").arg(sign).arg(diff.name);
                for (const PlanChange &change : diff.changes)
                    text += QStringLiteral("      %1 %2 → %3\n")
                                .arg(QString(change.field + QLatin1Char(':')).leftJustified(12), change.before,
                                     change.after);
            }
        }
        text += QStringLiteral("\nSteps\n");
        for (qsizetype i = 0; i < steps.size(); ++i)
            text += QStringLiteral("  %1. %2\n").arg(i + 1, 3).arg(steps.at(i).text());
    }
    if (!conflicts.isEmpty())
        text += QStringLiteral("\nConflicts, left alone:\n  %1\n").arg(conflicts.join(QStringLiteral("\n  ")));
    if (!unmanaged.isEmpty())
        text += QStringLiteral("\nNot in the workspace, left alone: %1\n").arg(unmanaged.join(QStringLiteral(", ")));
    if (const QStringList lines = notUndoableSteps(); !lines.isEmpty())
        text += QStringLiteral("\nNot undoable if a later step fails:\n  %1\n").arg(lines.join(QStringLiteral("\n  ")));
    if (!passwordsNotCompared.isEmpty())
        text += QStringLiteral("\nPasswords not compared (no password at hand for them: keychain or "
                               "GATEWRIGHT_ALIAS_PASSWORD_<ALIAS>; or the gateway masks the stored one), so a changed "
                               "one would not show: %1\n")
                    .arg(passwordsNotCompared.join(QStringLiteral(", ")));
    return text;
}

static QJsonArray changesToJson(const QList<PlanChange> &changes)
{
    QJsonArray array;
    for (const PlanChange &change : changes)
        array.append(QJsonObject{{QStringLiteral("field"), change.field},
                                 {QStringLiteral("before"), change.before},
                                 {QStringLiteral("after"), change.after}});
    return array;
}

QJsonObject Plan::toJson() const
{
    QJsonObject root{{QStringLiteral("environment"), environment}, {QStringLiteral("gatewayUrl"), gatewayUrl}};
    if (!error.isEmpty()) {
        root.insert(QStringLiteral("error"), error);
        return root;
    }
    QJsonArray stepArray;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const PlanStep &step = steps.at(i);
        QJsonObject object{{QStringLiteral("number"), int(i + 1)},
                           {QStringLiteral("action"), PlanStep::actionName(step.action)},
                           {QStringLiteral("target"), step.target},
                           {QStringLiteral("text"), step.text()},
                           {QStringLiteral("changes"), changesToJson(step.changes)}};
        if (step.role != Role::None)
            object.insert(QStringLiteral("role"), PlanStep::roleText(step.role));
        if (!step.gatewayId.isEmpty())
            object.insert(QStringLiteral("gatewayId"), step.gatewayId);
        if (!step.notUndoable.isEmpty())
            object.insert(QStringLiteral("notUndoable"), step.notUndoable);
        stepArray.append(object);
    }
    QJsonArray diffArray;
    for (const ResourceDiff &diff : diffs) {
        diffArray.append(QJsonObject{
            {QStringLiteral("resource"),
             diff.resource == ResourceDiff::Resource::Alias ? QStringLiteral("alias") : QStringLiteral("proxy")},
            {QStringLiteral("change"), diff.change == ResourceDiff::Change::Create   ? QStringLiteral("create")
                                       : diff.change == ResourceDiff::Change::Delete ? QStringLiteral("delete")
                                                                                     : QStringLiteral("update")},
            {QStringLiteral("name"), diff.name},
            {QStringLiteral("changes"), changesToJson(diff.changes)}});
    }
    root.insert(QStringLiteral("hasChanges"), hasChanges());
    root.insert(QStringLiteral("passwordsNotCompared"), QJsonArray::fromStringList(passwordsNotCompared));
    root.insert(QStringLiteral("steps"), stepArray);
    root.insert(QStringLiteral("diff"), diffArray);
    root.insert(QStringLiteral("unmanaged"), QJsonArray::fromStringList(unmanaged));
    root.insert(QStringLiteral("conflicts"), QJsonArray::fromStringList(conflicts));
    return root;
}

} // namespace gw
