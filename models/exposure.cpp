// SPDX-License-Identifier: GPL-3.0-or-later
#include "exposure.h"

#include "advisor.h"
#include "calldiagnosis.h"
#include "workspacevalidator.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>
#include <functional>

namespace gw::Exposure {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("gw::Exposure", text, disambiguation, n);
}

bool readsOnly(const QString &integration)
{
    static const QRegularExpression reading(
        QStringLiteral("^(get|list|lookup|find|read|search|query|fetch|check|status|show|describe)"),
        QRegularExpression::CaseInsensitiveOption);
    return reading.match(integration).hasMatch();
}

QString capitalized(const QString &text)
{
    return text.isEmpty() ? text : text.left(1).toUpper() + text.mid(1);
}

/// An alphanumeric identifier from a project name: "Order Mgmt" -> "OrderMgmt".
QString identifier(const QString &text)
{
    QString out;
    bool upper = true;
    for (const QChar c : text) {
        if (c.isLetterOrNumber() && c.unicode() < 128) {
            out += upper ? c.toUpper() : c;
            upper = false;
        } else {
            upper = true;
        }
    }
    return out;
}

const Alias *aliasOfUser(const Workspace &workspace, const QString &user)
{
    for (const Alias &alias : workspace.aliases) {
        if (alias.type == Alias::Type::HttpTransportSecurity && alias.technicalUser == user)
            return &alias;
    }
    return nullptr;
}

QString freeName(const QString &wanted, const std::function<bool(const QString &)> &taken)
{
    if (!taken(wanted))
        return wanted;
    for (int i = 2;; ++i) {
        const QString candidate = wanted + QString::number(i);
        if (!taken(candidate))
            return candidate;
    }
}

void suggestInbound(const Workspace &workspace, const QString &project, const QString &integration, Suggestion &s)
{
    s.proxyName = freeName(identifier(project) + capitalized(integration),
                           [&](const QString &name) { return workspace.proxy(name, s.version) != nullptr; });
    const bool reading = readsOnly(integration);
    const QString wanted = reading ? QStringLiteral(":read") : QStringLiteral(":write");
    QStringList existing;
    for (const GatewayProxy &proxy : workspace.proxies) {
        if (proxy.project != project)
            continue;
        for (const QString &scope : proxy.inbound.scopes) {
            if (!existing.contains(scope))
                existing << scope;
        }
    }
    for (const QString &scope : std::as_const(existing)) {
        if (scope.endsWith(wanted)) {
            s.scopes = {scope};
            s.scopeReason = tr("%1 is what the project's other proxies ask for to %2.")
                                .arg(scope, reading ? tr("read") : tr("change data"));
            return;
        }
    }
    QString prefix = Advisor::nameSlug(project);
    if (!existing.isEmpty() && existing.constFirst().contains(QLatin1Char(':')))
        prefix = existing.constFirst().section(QLatin1Char(':'), 0, 0);
    s.scopes = {prefix + wanted};
    s.scopeReason = existing.isEmpty() ? tr("No proxy of %1 exists yet: a scope named after the project, for %2.")
                                             .arg(project, reading ? tr("reading") : tr("changing data"))
                                       : tr("The prefix the project's proxies use (%1), for %2.")
                                             .arg(prefix, reading ? tr("reading") : tr("changing data"));
}

void setUser(const Workspace &workspace, const QString &user, Suggestion &s)
{
    s.user = user;
    s.newUser = workspace.technicalUser(user) == nullptr;
    if (const Alias *alias = aliasOfUser(workspace, user)) {
        s.alias = alias->name;
        s.newAlias = false;
    } else {
        s.alias = freeName(QStringLiteral("io-") +
                               Advisor::nameSlug(user.startsWith(QLatin1String("svc-")) ? user.mid(4) : user) +
                               QStringLiteral("-basic"),
                           [&](const QString &name) { return workspace.alias(name) != nullptr; });
        s.newAlias = true;
    }
}

} // namespace

Suggestion suggest(const Workspace &workspace, const QString &project, const QString &integration)
{
    Suggestion s;
    suggestInbound(workspace, project, integration, s);

    if (workspace.credentialStrategy == CredentialStrategy::Shared) {
        // The shared user is the one whose role covers the most projects.
        const TechnicalUser *widest = nullptr;
        for (const TechnicalUser &user : workspace.technicalUsers) {
            if (aliasOfUser(workspace, user.name) && (!widest || user.projects.size() > widest->projects.size()))
                widest = &user;
        }
        if (widest) {
            setUser(workspace, widest->name, s);
            s.outboundReason = tr("The workspace uses one shared technical user: %1.").arg(widest->name);
            return s;
        }
        setUser(workspace, QStringLiteral("svc-gateway-shared"), s);
        s.outboundReason = tr("The workspace uses one shared technical user and has none yet: create it.");
        return s;
    }
    if (workspace.credentialStrategy == CredentialStrategy::PerProject) {
        for (const TechnicalUser &user : workspace.technicalUsers) {
            if (user.projects == QStringList{project} && aliasOfUser(workspace, user.name)) {
                setUser(workspace, user.name, s);
                s.outboundReason = tr("One technical user per project: %1 is %2's.").arg(user.name, project);
                return s;
            }
        }
        const QString name = Advisor::projectUserName(project);
        setUser(workspace, name, s);
        if (s.newUser)
            s.alias = freeName(Advisor::projectAliasName(project),
                               [&](const QString &alias) { return workspace.alias(alias) != nullptr; });
        s.outboundReason = s.newUser ? tr("One technical user per project, and %1 has none yet: create %2 with alias "
                                          "%3.")
                                           .arg(project, s.user, s.alias)
                                     : tr("One technical user per project: %1.").arg(s.user);
        return s;
    }
    // Custom: the alias that fits the project best, or a user of its own.
    const QString best = CallDiagnosis::aliasForProject(workspace, project);
    if (const Alias *alias = workspace.alias(best)) {
        setUser(workspace, alias->technicalUser, s);
        s.alias = alias->name;
        s.newAlias = false;
        s.outboundReason = tr("%1 has a role on %2 and is the most dedicated user that does (alias %3).")
                               .arg(s.user, project, s.alias);
        return s;
    }
    setUser(workspace, Advisor::projectUserName(project), s);
    s.outboundReason =
        tr("No technical user has a role on %1 yet: create %2 with alias %3.").arg(project, s.user, s.alias);
    return s;
}

Suggestion suggestForUser(const Workspace &workspace, const QString &project, const QString &integration,
                          const QString &user)
{
    Suggestion s;
    suggestInbound(workspace, project, integration, s);
    setUser(workspace, user, s);
    s.outboundReason = tr("Chosen: %1.").arg(user);
    return s;
}

Workspace withTenantProjects(const Workspace &workspace, const QList<IoProject> &tenantProjects, QStringList *added)
{
    Workspace w = workspace;
    for (const IoProject &found : tenantProjects) {
        auto known = std::find_if(w.projects.begin(), w.projects.end(),
                                  [&](const IoProject &p) { return p.name == found.name; });
        if (known == w.projects.end()) {
            w.projects << found;
            if (added)
                *added << tr("Project %1 with %n integration(s), read from the tenant", nullptr,
                             int(found.integrations.size()))
                              .arg(found.name);
            continue;
        }
        for (const Integration &integration : found.integrations) {
            if (known->integration(integration.name))
                continue;
            known->integrations << integration;
            if (added)
                *added << tr("Integration %1/%2, read from the tenant").arg(found.name, integration.name);
        }
    }
    return w;
}

Request requestFrom(const QString &project, const QString &integration, const Suggestion &suggestion)
{
    Request r;
    r.project = project;
    r.integration = integration;
    r.proxyName = suggestion.proxyName;
    r.version = suggestion.version;
    r.scopes = suggestion.scopes;
    r.user = suggestion.user;
    r.alias = suggestion.alias;
    r.newUser = suggestion.newUser;
    r.newAlias = suggestion.newAlias;
    return r;
}

Change expose(const Workspace &workspace, const Request &request)
{
    Change change;
    Workspace w = workspace;
    const IoProject *project = w.project(request.project);
    if (!project) {
        change.errors << tr("Project \"%1\" is not in the workspace: add it (Inventory) or adopt it from the tenant.")
                             .arg(request.project);
        return change;
    }
    if (!project->integration(request.integration)) {
        change.errors << tr("Project %1 has no integration \"%2\".").arg(request.project, request.integration);
        return change;
    }
    if (w.proxy(request.proxyName, request.version)) {
        change.errors << tr("A proxy %1 %2 exists already: choose another name or version.")
                             .arg(request.proxyName, request.version);
        return change;
    }
    if (request.scopes.isEmpty())
        change.errors << tr("Give at least one scope: a proxy behind OAuth 2.0 without one lets every token in.");

    if (request.newUser) {
        if (w.technicalUser(request.user)) {
            change.errors << tr("Technical user %1 exists already.").arg(request.user);
        } else {
            w.technicalUsers << TechnicalUser{
                request.user, tr("Gateway technical user: execute on %1").arg(request.project), {request.project}};
            change.lines << tr("Technical user %1: new, role grants execute on %2").arg(request.user, request.project);
            change.tenantSteps << tr("Create user %1 on the tenant (Integration access only) with a role that has "
                                     "execute on project %2.")
                                      .arg(request.user, request.project);
        }
    } else if (const TechnicalUser *user = w.technicalUser(request.user)) {
        change.roleDeclared = user->projects.contains(request.project);
        if (!change.roleDeclared)
            change.tenantSteps << tr("On .io, give %1's role execute on project %2, then add %2 to its projects here: "
                                     "until then the call answers 401.")
                                      .arg(request.user, request.project);
    } else {
        change.errors << tr("Technical user \"%1\" is not in the workspace.").arg(request.user);
    }
    if (request.newAlias) {
        Alias alias;
        alias.name = request.alias;
        alias.description = tr("Basic credentials of the .io technical user %1").arg(request.user);
        alias.technicalUser = request.user;
        alias.password.key = QStringLiteral("alias/") + request.alias;
        w.aliases << alias;
        change.aliasSecretRef = alias.password.key;
        change.lines << tr("Alias %1: new, carries %2 (password: keychain %3)")
                            .arg(request.alias, request.user, alias.password.key);
    } else if (const Alias *alias = w.alias(request.alias); !alias || alias->technicalUser != request.user) {
        change.errors << tr("Alias \"%1\" does not carry technical user %2.").arg(request.alias, request.user);
    }

    GatewayProxy proxy;
    proxy.name = request.proxyName;
    proxy.version = request.version;
    proxy.description = tr("%1 (.io project %2) behind OAuth 2.0").arg(request.integration, request.project);
    proxy.project = request.project;
    proxy.integration = request.integration;
    proxy.inbound.kind = InboundAuth::Kind::OAuth2Token;
    proxy.inbound.scopes = request.scopes;
    proxy.outbound.kind = OutboundAuth::Kind::Alias;
    proxy.outbound.alias = request.alias;
    w.proxies << proxy;
    change.proxy = proxy;
    change.lines << tr("Proxy %1/%2: new, fronts %3/%4, needs scope %5, calls .io as %6 through alias %7")
                        .arg(request.proxyName, request.version, request.project, request.integration,
                             request.scopes.join(QLatin1Char(' ')), request.user, request.alias);

    // The reader's rules, worded as the reader words them, for the items this change added.
    const QString proxyPointer = QStringLiteral("/proxies/%1").arg(w.proxies.size() - 1);
    const QString userPointer = QStringLiteral("/technicalUsers/%1").arg(w.technicalUsers.size() - 1);
    const QString aliasPointer = QStringLiteral("/aliases/%1").arg(w.aliases.size() - 1);
    for (const WorkspaceError &error : WorkspaceValidator::validate(w)) {
        const bool ours = error.pointer.startsWith(proxyPointer) ||
                          (request.newUser && error.pointer.startsWith(userPointer)) ||
                          (request.newAlias && error.pointer.startsWith(aliasPointer));
        if (ours)
            change.errors << error.toString();
    }
    change.workspace = w;
    return change;
}

QJsonObject Change::toJson() const
{
    return QJsonObject{{QStringLiteral("proxy"), proxyKey()},
                       {QStringLiteral("project"), proxy.project},
                       {QStringLiteral("integration"), proxy.integration},
                       {QStringLiteral("scopes"), QJsonArray::fromStringList(proxy.inbound.scopes)},
                       {QStringLiteral("alias"), proxy.outbound.alias},
                       {QStringLiteral("changes"), QJsonArray::fromStringList(lines)},
                       {QStringLiteral("tenantSteps"), QJsonArray::fromStringList(tenantSteps)},
                       {QStringLiteral("roleDeclared"), roleDeclared},
                       {QStringLiteral("errors"), QJsonArray::fromStringList(errors)}};
}

} // namespace gw::Exposure
