// SPDX-License-Identifier: GPL-3.0-or-later
#include "adoption.h"

#include "endpointresolver.h"
#include "plan.h"
#include "syncformat.h"
#include "workspacevalidator.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace gw {

namespace {

const QString UnassignedProject = QStringLiteral("Unassigned");
const QString ResourcePath = QStringLiteral("${sys:resource_path}");

QString withoutTrailingSlash(QString text)
{
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    return text;
}

/// "${name}" at the start of an endpoint, naming an alias (not a ${sys:...} variable).
QString leadingAlias(const QString &endpoint)
{
    if (!endpoint.startsWith(QLatin1String("${")) || endpoint.startsWith(QLatin1String("${sys:")))
        return {};
    const qsizetype close = endpoint.indexOf(QLatin1Char('}'));
    return close > 2 ? endpoint.mid(2, close - 2) : QString();
}

/// The routing actions other than straight-through routing the gateway offers.
bool isOtherRouting(const QString &templateKey)
{
    static const QSet<QString> keys{QStringLiteral("dynamicRouting"), QStringLiteral("contextBasedRouting"),
                                    QStringLiteral("loadBalancerRouting"), QStringLiteral("contentBasedRouting"),
                                    QStringLiteral("customRouting")};
    return keys.contains(templateKey);
}

QString proxyUnmanagedReason(const ObservedProxy &proxy)
{
    QStringList routes;
    for (const ObservedAction &action : proxy.actions) {
        if (isOtherRouting(action.templateKey))
            routes << QStringLiteral("%1 (%2)").arg(action.name, action.templateKey);
    }
    if (!routes.isEmpty())
        return QStringLiteral("it routes with %1; the console manages straight-through routing only")
            .arg(routes.join(QStringLiteral(", ")));
    if (proxy.routingActionId.isEmpty())
        return QStringLiteral("its policy has no straight-through routing action");
    if (!proxy.notes.isEmpty())
        return proxy.notes.join(QStringLiteral("; "));
    return {};
}

QString aliasUnmanagedReason(const ObservedAlias &alias)
{
    if (alias.managedType)
        return {};
    const QString authType = alias.raw.value(QLatin1String("authType")).toString();
    if (alias.gatewayType == QLatin1String("httpTransportSecurityAlias"))
        return QStringLiteral("an httpTransportSecurityAlias with auth type %1; the console manages HTTP_BASIC only")
            .arg(authType.isEmpty() ? QStringLiteral("(none)") : authType);
    return QStringLiteral(
               "a %1 alias; the console manages simple, endpoint and httpTransportSecurityAlias (HTTP_BASIC)")
        .arg(alias.gatewayType.isEmpty() ? QStringLiteral("typeless") : alias.gatewayType);
}

QString aliasSummary(const ObservedAlias &alias)
{
    switch (alias.alias.type) {
    case Alias::Type::HttpTransportSecurity:
        return QStringLiteral("%1, user %2").arg(alias.gatewayType, alias.alias.technicalUser);
    case Alias::Type::Simple:
        return QStringLiteral("simple: %1").arg(alias.alias.value);
    case Alias::Type::Endpoint:
        return QStringLiteral("endpoint: %1").arg(alias.alias.endpointUri);
    }
    return alias.gatewayType;
}

/// The value to keep in the workspace for `concrete`: the placeholder form when it expands back to
/// exactly `concrete` in this environment, so the workspace moves between environments.
QString templated(const QString &concrete, const Environment &environment)
{
    const QString tenant = withoutTrailingSlash(environment.ioTenantUrl);
    const QString gateway = withoutTrailingSlash(environment.gatewayUrl);
    QString candidate;
    if (!tenant.isEmpty() && concrete.startsWith(tenant))
        candidate = QStringLiteral("{{ioTenantUrl}}") + concrete.mid(tenant.size());
    else if (!gateway.isEmpty() && concrete.startsWith(gateway))
        candidate = QStringLiteral("{{gatewayUrl}}") + concrete.mid(gateway.size());
    if (!candidate.isEmpty() && EndpointResolver::expand(candidate, environment) == concrete)
        return candidate;
    return concrete;
}

QString lineKindText(AdoptionLine::Kind kind)
{
    switch (kind) {
    case AdoptionLine::Kind::Proxy:
        return QStringLiteral("proxy");
    case AdoptionLine::Kind::Alias:
        return QStringLiteral("alias");
    case AdoptionLine::Kind::Project:
        return QStringLiteral("project");
    case AdoptionLine::Kind::Integration:
        return QStringLiteral("integration");
    case AdoptionLine::Kind::TechnicalUser:
        return QStringLiteral("technical user");
    }
    return {};
}

QString outcomeText(AdoptionLine::Outcome outcome)
{
    switch (outcome) {
    case AdoptionLine::Outcome::Adopted:
        return QStringLiteral("adopted");
    case AdoptionLine::Outcome::AlreadyManaged:
        return QStringLiteral("already in the workspace");
    case AdoptionLine::Outcome::Unmanaged:
        return QStringLiteral("left unmanaged");
    }
    return {};
}

QString outcomeName(AdoptionLine::Outcome outcome)
{
    switch (outcome) {
    case AdoptionLine::Outcome::Adopted:
        return QStringLiteral("adopted");
    case AdoptionLine::Outcome::AlreadyManaged:
        return QStringLiteral("already-managed");
    case AdoptionLine::Outcome::Unmanaged:
        return QStringLiteral("unmanaged");
    }
    return {};
}

/// Works on a copy of the base workspace, one item at a time, and writes the report.
class Adopter
{
public:
    Adopter(const Workspace &base, const Environment &environment, const ObservedState &observed,
            const AdoptionRequest &request)
        : m_workspace(base)
        , m_environment(environment)
        , m_observed(observed)
        , m_request(request)
    {}

    AdoptionResult run()
    {
        const bool hadUsers = !m_workspace.technicalUsers.isEmpty();
        if (m_request.tenant)
            adoptTenantProjects(*m_request.tenant);

        // The aliases the chosen APIs need come with them.
        QSet<QString> aliases = m_request.aliases;
        for (const ObservedProxy &proxy : m_observed.proxies) {
            if (!m_request.proxies.contains(proxy.key()))
                continue;
            if (proxy.proxy.outbound.kind == OutboundAuth::Kind::Alias)
                aliases.insert(proxy.proxy.outbound.alias);
            if (const QString routed = leadingAlias(proxy.proxy.routingEndpoint); !routed.isEmpty())
                aliases.insert(routed);
        }
        QStringList aliasNames = aliases.values();
        aliasNames.sort();
        for (const QString &name : std::as_const(aliasNames))
            adoptAlias(name);
        for (const ObservedProxy &proxy : m_observed.proxies) {
            if (m_request.proxies.contains(proxy.key()))
                adoptProxy(proxy);
        }
        assignUserProjects();
        if (!hadUsers)
            m_workspace.credentialStrategy = inferredStrategy();
        dropInvalid();
        m_report.secretsToSet.sort();
        return {m_workspace, m_report};
    }

private:
    void line(AdoptionLine::Kind kind, const QString &name, AdoptionLine::Outcome outcome, const QString &detail)
    {
        m_report.lines << AdoptionLine{kind, name, outcome, detail};
    }

    void adoptTenantProjects(const TenantInventory &tenant)
    {
        for (const IoProject &project : tenant.projects) {
            IoProject *existing = nullptr;
            for (IoProject &candidate : m_workspace.projects) {
                if (candidate.name == project.name)
                    existing = &candidate;
            }
            if (!existing) {
                m_workspace.projects << project;
                QStringList names;
                for (const Integration &integration : project.integrations)
                    names << integration.name;
                line(AdoptionLine::Kind::Project, project.name, AdoptionLine::Outcome::Adopted,
                     names.isEmpty() ? QStringLiteral("no flow service or webhook")
                                     : QStringLiteral("%1 integrations: %2")
                                           .arg(names.size())
                                           .arg(names.join(QStringLiteral(", "))));
                continue;
            }
            QStringList added;
            for (const Integration &integration : project.integrations) {
                if (!existing->integration(integration.name)) {
                    existing->integrations << integration;
                    added << integration.name;
                }
            }
            line(AdoptionLine::Kind::Project, project.name, AdoptionLine::Outcome::AlreadyManaged,
                 added.isEmpty()
                     ? QStringLiteral("kept as it is")
                     : QStringLiteral("kept; integrations added: %1").arg(added.join(QStringLiteral(", "))));
        }
    }

    void adoptAlias(const QString &name)
    {
        const ObservedAlias *observed = m_observed.findAlias(name);
        if (m_workspace.alias(name)) {
            line(AdoptionLine::Kind::Alias, name, AdoptionLine::Outcome::AlreadyManaged,
                 QStringLiteral("kept as it is"));
            m_usable.insert(name);
            return;
        }
        if (!observed) {
            line(AdoptionLine::Kind::Alias, name, AdoptionLine::Outcome::Unmanaged,
                 QStringLiteral("the gateway has no alias of that name"));
            return;
        }
        if (const QString reason = aliasUnmanagedReason(*observed); !reason.isEmpty()) {
            line(AdoptionLine::Kind::Alias, name, AdoptionLine::Outcome::Unmanaged, QStringLiteral("it is ") + reason);
            return;
        }
        Alias alias = observed->alias;
        QString detail;
        switch (alias.type) {
        case Alias::Type::HttpTransportSecurity: {
            alias.password = SecretRef{QStringLiteral("alias/") + alias.name};
            m_report.secretsToSet << alias.password.key;
            detail = QStringLiteral("Basic credentials of %1; the password is not copied: set keychain:%2")
                         .arg(alias.technicalUser, alias.password.key);
            adoptUser(alias.technicalUser, alias.name);
            break;
        }
        case Alias::Type::Simple:
            alias.value = templated(alias.value, m_environment);
            detail = QStringLiteral("simple, value %1").arg(alias.value);
            break;
        case Alias::Type::Endpoint:
            alias.endpointUri = templated(alias.endpointUri, m_environment);
            detail = QStringLiteral("endpoint %1").arg(alias.endpointUri);
            break;
        }
        m_workspace.aliases << alias;
        m_usable.insert(name);
        line(AdoptionLine::Kind::Alias, name, AdoptionLine::Outcome::Adopted, detail);
    }

    void adoptUser(const QString &login, const QString &aliasName)
    {
        if (login.isEmpty() || m_workspace.technicalUser(login))
            return;
        TechnicalUser user;
        user.name = login;
        user.description = QStringLiteral("Adopted from alias %1").arg(aliasName);
        m_workspace.technicalUsers << user;
        m_newUsers.insert(login);
        line(AdoptionLine::Kind::TechnicalUser, login, AdoptionLine::Outcome::Adopted,
             QStringLiteral("the user of alias %1").arg(aliasName));
    }

    const Integration *findIntegration(const QString &path, QString *projectName) const
    {
        if (path.isEmpty())
            return nullptr;
        for (const IoProject &project : m_workspace.projects) {
            for (const Integration &integration : project.integrations) {
                if (withoutTrailingSlash(integration.path) == path) {
                    *projectName = project.name;
                    return &integration;
                }
            }
        }
        return nullptr;
    }

    /// The project of integrations the gateway routes to and the tenant does not list.
    IoProject &unassignedProject()
    {
        for (IoProject &project : m_workspace.projects) {
            if (project.name == UnassignedProject)
                return project;
        }
        IoProject project;
        project.name = UnassignedProject;
        project.uid = QStringLiteral("unassigned");
        m_workspace.projects << project;
        line(AdoptionLine::Kind::Project, UnassignedProject, AdoptionLine::Outcome::Adopted,
             QStringLiteral("holds the integrations adopted proxies route to that no known project lists"));
        return m_workspace.projects.last();
    }

    void adoptProxy(const ObservedProxy &observed)
    {
        const QString key = observed.key();
        if (m_workspace.proxy(observed.proxy.name, observed.proxy.version)) {
            line(AdoptionLine::Kind::Proxy, key, AdoptionLine::Outcome::AlreadyManaged,
                 QStringLiteral("kept as it is"));
            return;
        }
        if (const QString reason = proxyUnmanagedReason(observed); !reason.isEmpty()) {
            line(AdoptionLine::Kind::Proxy, key, AdoptionLine::Outcome::Unmanaged, reason);
            return;
        }
        GatewayProxy proxy = observed.proxy;
        if (proxy.outbound.kind == OutboundAuth::Kind::Alias && !m_usable.contains(proxy.outbound.alias)) {
            line(AdoptionLine::Kind::Proxy, key, AdoptionLine::Outcome::Unmanaged,
                 QStringLiteral("its Outbound Auth - Transport uses alias %1, which is not adopted")
                     .arg(proxy.outbound.alias));
            return;
        }
        const QString routedAlias = leadingAlias(observed.proxy.routingEndpoint);
        if (!routedAlias.isEmpty() && !m_usable.contains(routedAlias)) {
            line(AdoptionLine::Kind::Proxy, key, AdoptionLine::Outcome::Unmanaged,
                 QStringLiteral("its routing endpoint names alias %1, which is not adopted").arg(routedAlias));
            return;
        }

        // The integration it routes to, by the path on the tenant.
        bool onTenant = false;
        const QString endpoint = observed.proxy.routingEndpoint;
        const QString path = routingPathOnTenant(endpoint, m_environment, m_observed, &onTenant);
        QString projectName;
        const Integration *integration = onTenant ? findIntegration(path, &projectName) : nullptr;
        QString detail;
        if (integration) {
            proxy.project = projectName;
            proxy.integration = integration->name;
            detail = QStringLiteral("routes to %1 in project %2").arg(integration->name, projectName);
        } else {
            IoProject &project = unassignedProject();
            const QString validPath =
                path.startsWith(QLatin1Char('/')) && !path.contains(QLatin1Char(' ')) ? path : QStringLiteral("/");
            QString name = validPath.section(QLatin1Char('/'), -1);
            if (name.isEmpty())
                name = proxy.name;
            const Integration *same = project.integration(name);
            if (same && same->path != validPath) {
                name = proxy.name + QLatin1Char('-') + proxy.version;
                same = project.integration(name);
            }
            if (!same)
                project.integrations << Integration{name, Integration::Kind::FlowService, validPath};
            proxy.project = project.name;
            proxy.integration = name;
            m_report.unknownTargets
                << QStringLiteral("%1 -> %2").arg(key, endpoint.isEmpty() ? QStringLiteral("(none)") : endpoint);
            detail = QStringLiteral("routes to %1, which no known project lists (put under %2)")
                         .arg(endpoint.isEmpty() ? QStringLiteral("nothing") : endpoint, UnassignedProject);
        }

        // Keep the routing endpoint in the shortest form that resolves back to what the gateway holds.
        proxy.routingEndpoint.clear();
        Workspace probe;
        probe.projects = m_workspace.projects;
        if (resolvedRoutingEndpoint(probe, m_environment, proxy) != endpoint) {
            proxy.routingEndpoint = templated(endpoint, m_environment);
            if (resolvedRoutingEndpoint(probe, m_environment, proxy) != endpoint)
                proxy.routingEndpoint = endpoint;
        }

        QStringList kept;
        for (const ObservedAction &action : observed.unmanagedActions()) {
            if (action.templateKey != QLatin1String("entryProtocolPolicy"))
                kept << QStringLiteral("%1 (%2)").arg(action.name, action.templateKey);
        }
        if (!kept.isEmpty())
            detail += QStringLiteral("; kept on the gateway as they are, not managed: %1")
                          .arg(kept.join(QStringLiteral(", ")));
        m_workspace.proxies << proxy;
        m_newProxies.insert(key);
        line(AdoptionLine::Kind::Proxy, key, AdoptionLine::Outcome::Adopted, detail);
    }

    /// A new technical user gets the projects its tenant roles grant when they could be read,
    /// otherwise the projects of the adopted proxies whose alias carries it.
    void assignUserProjects()
    {
        QSet<QString> known;
        for (const IoProject &project : m_workspace.projects)
            known.insert(project.name);
        const bool fromRoles = m_request.tenant && m_request.tenant->rolesRead;
        for (TechnicalUser &user : m_workspace.technicalUsers) {
            if (!m_newUsers.contains(user.name))
                continue;
            QStringList projects;
            if (fromRoles) {
                for (const QString &project : m_request.tenant->userProjects.value(user.name)) {
                    if (known.contains(project) && !projects.contains(project))
                        projects << project;
                }
            } else {
                for (const GatewayProxy &proxy : std::as_const(m_workspace.proxies)) {
                    const Alias *alias = m_workspace.alias(proxy.outbound.alias);
                    if (proxy.outbound.kind == OutboundAuth::Kind::Alias && alias &&
                        alias->technicalUser == user.name && proxy.project != UnassignedProject &&
                        !projects.contains(proxy.project))
                        projects << proxy.project;
                }
            }
            projects.sort();
            user.projects = projects;
        }
    }

    CredentialStrategy inferredStrategy() const
    {
        if (m_workspace.technicalUsers.size() <= 1)
            return CredentialStrategy::Shared;
        QSet<QString> seen;
        for (const TechnicalUser &user : m_workspace.technicalUsers) {
            if (user.projects.size() != 1 || seen.contains(user.projects.first()))
                return CredentialStrategy::Custom;
            seen.insert(user.projects.first());
        }
        return CredentialStrategy::PerProject;
    }

    /// The safety net: an adopted item the file reader would refuse is taken out again and reported,
    /// so adoption never leaves a workspace that cannot be saved.
    void dropInvalid()
    {
        for (int round = 0; round < 8; ++round) {
            const QList<WorkspaceError> errors = WorkspaceValidator::validate(m_workspace);
            bool dropped = false;
            for (const WorkspaceError &error : errors) {
                static const QRegularExpression item(QStringLiteral("^/proxies/(\\d+)"));
                const auto match = item.match(error.pointer);
                if (!match.hasMatch())
                    continue;
                const int index = match.captured(1).toInt();
                if (index < 0 || index >= m_workspace.proxies.size())
                    continue;
                const QString key = SyncFormat::proxyKey(m_workspace.proxies.at(index));
                if (!m_newProxies.contains(key))
                    continue;
                m_workspace.proxies.removeAt(index);
                m_newProxies.remove(key);
                for (AdoptionLine &line : m_report.lines) {
                    if (line.kind == AdoptionLine::Kind::Proxy && line.name == key) {
                        line.outcome = AdoptionLine::Outcome::Unmanaged;
                        line.detail = QStringLiteral("the workspace cannot hold it as it is: %1").arg(error.message);
                    }
                }
                dropped = true;
                break;
            }
            if (!dropped)
                return;
        }
    }

    Workspace m_workspace;
    const Environment &m_environment;
    const ObservedState &m_observed;
    const AdoptionRequest &m_request;
    AdoptionReport m_report;
    QSet<QString> m_usable; ///< aliases the workspace holds after adoption
    QSet<QString> m_newUsers;
    QSet<QString> m_newProxies;
};

} // namespace

QList<AdoptionCandidate> adoptionCandidates(const Workspace &workspace, const ObservedState &observed)
{
    QList<AdoptionCandidate> candidates;
    for (const ObservedProxy &proxy : observed.proxies) {
        AdoptionCandidate candidate;
        candidate.kind = AdoptionCandidate::Kind::Proxy;
        candidate.name = proxy.key();
        candidate.tags = proxy.tags;
        candidate.summary = QStringLiteral("%1; %2 -> %3; outbound %4")
                                .arg(SyncFormat::activeText(proxy.proxy.active),
                                     proxy.inboundActionId.isEmpty() ? QStringLiteral("no inbound auth")
                                                                     : SyncFormat::inboundText(proxy.proxy.inbound),
                                     proxy.proxy.routingEndpoint.isEmpty() ? QStringLiteral("(no routing)")
                                                                           : proxy.proxy.routingEndpoint,
                                     SyncFormat::outboundText(proxy.proxy.outbound));
        candidate.reason = proxyUnmanagedReason(proxy);
        candidate.adoptable = candidate.reason.isEmpty();
        candidate.inWorkspace = workspace.proxy(proxy.proxy.name, proxy.proxy.version) != nullptr;
        candidates << candidate;
    }
    for (const ObservedAlias &alias : observed.aliases) {
        AdoptionCandidate candidate;
        candidate.kind = AdoptionCandidate::Kind::Alias;
        candidate.name = alias.alias.name;
        candidate.summary = alias.managedType ? aliasSummary(alias) : alias.gatewayType;
        candidate.reason = aliasUnmanagedReason(alias);
        candidate.adoptable = candidate.reason.isEmpty();
        candidate.inWorkspace = workspace.alias(alias.alias.name) != nullptr;
        candidates << candidate;
    }
    return candidates;
}

bool matchesSelection(const AdoptionCandidate &candidate, const QString &patterns)
{
    const QStringList parts = patterns.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString pattern : parts) {
        pattern = pattern.trimmed();
        if (pattern.isEmpty())
            continue;
        if (pattern.startsWith(QLatin1String("tag:"), Qt::CaseInsensitive)) {
            const QString tag = pattern.mid(4);
            for (const QString &candidateTag : candidate.tags) {
                if (candidateTag.compare(tag, Qt::CaseInsensitive) == 0)
                    return true;
            }
            continue;
        }
        // '/' separates name and version here, not path segments: '*' may cross it.
        QString expression = QRegularExpression::escape(pattern);
        expression.replace(QLatin1String("\\*"), QLatin1String(".*")).replace(QLatin1String("\\?"), QLatin1String("."));
        const QRegularExpression glob(QRegularExpression::anchoredPattern(expression),
                                      QRegularExpression::CaseInsensitiveOption);
        // A pattern without a version matches every version of the API ("OrdersCreate").
        const QString name = candidate.name.section(QLatin1Char('/'), 0, 0);
        if (glob.match(candidate.name).hasMatch() ||
            (candidate.kind == AdoptionCandidate::Kind::Proxy && glob.match(name).hasMatch()))
            return true;
    }
    return false;
}

QString routingPathOnTenant(const QString &endpoint, const Environment &environment, const ObservedState &observed,
                            bool *onTenant)
{
    const QString tenant = withoutTrailingSlash(environment.ioTenantUrl);
    QString rest;
    bool tenantSide = false;
    if (const QString alias = leadingAlias(endpoint); !alias.isEmpty()) {
        const ObservedAlias *found = observed.findAlias(alias);
        const QString value =
            found ? withoutTrailingSlash(found->alias.type == Alias::Type::Endpoint ? found->alias.endpointUri
                                                                                    : found->alias.value)
                  : QString();
        rest = endpoint.mid(endpoint.indexOf(QLatin1Char('}')) + 1);
        tenantSide = !tenant.isEmpty() && value == tenant;
    } else if (!tenant.isEmpty() && endpoint.startsWith(tenant)) {
        rest = endpoint.mid(tenant.size());
        tenantSide = true;
    } else {
        rest = QUrl(endpoint).path();
    }
    if (rest.endsWith(ResourcePath))
        rest.chop(ResourcePath.size());
    rest = withoutTrailingSlash(rest.section(QLatin1Char('?'), 0, 0));
    if (onTenant)
        *onTenant = tenantSide;
    return rest;
}

int AdoptionReport::count(AdoptionLine::Outcome outcome) const
{
    return int(
        std::count_if(lines.cbegin(), lines.cend(), [outcome](const AdoptionLine &l) { return l.outcome == outcome; }));
}

QString AdoptionReport::toText() const
{
    if (!error.isEmpty())
        return error + QLatin1Char('\n');
    QString text = QStringLiteral("Adopted %1, already in the workspace %2, left unmanaged %3.\n")
                       .arg(count(AdoptionLine::Outcome::Adopted))
                       .arg(count(AdoptionLine::Outcome::AlreadyManaged))
                       .arg(count(AdoptionLine::Outcome::Unmanaged));
    for (const AdoptionLine &line : lines)
        text += QStringLiteral("  %1 %2: %3 — %4\n")
                    .arg(lineKindText(line.kind), line.name, outcomeText(line.outcome), line.detail);
    if (!unknownTargets.isEmpty()) {
        text += QStringLiteral("\nProxies routed to nothing the tenant lists:\n");
        for (const QString &target : unknownTargets)
            text += QStringLiteral("  %1\n").arg(target);
    }
    if (!secretsToSet.isEmpty()) {
        text += QStringLiteral("\nSecrets to set (the Secrets page, or the keychain entry \"<environment>/<key>\"):\n");
        for (const QString &secret : secretsToSet)
            text += QStringLiteral("  keychain:%1\n").arg(secret);
    }
    return text;
}

QJsonObject AdoptionReport::toJson() const
{
    QJsonArray items;
    for (const AdoptionLine &line : lines)
        items.append(QJsonObject{{QStringLiteral("kind"), lineKindText(line.kind)},
                                 {QStringLiteral("name"), line.name},
                                 {QStringLiteral("outcome"), outcomeName(line.outcome)},
                                 {QStringLiteral("detail"), line.detail}});
    QJsonObject object{{QStringLiteral("items"), items},
                       {QStringLiteral("adopted"), count(AdoptionLine::Outcome::Adopted)},
                       {QStringLiteral("alreadyManaged"), count(AdoptionLine::Outcome::AlreadyManaged)},
                       {QStringLiteral("unmanaged"), count(AdoptionLine::Outcome::Unmanaged)},
                       {QStringLiteral("unknownTargets"), QJsonArray::fromStringList(unknownTargets)},
                       {QStringLiteral("secretsToSet"), QJsonArray::fromStringList(secretsToSet)}};
    if (!error.isEmpty())
        object.insert(QStringLiteral("error"), error);
    return object;
}

AdoptionResult adopt(const Workspace &base, const QString &environment, const ObservedState &observed,
                     const AdoptionRequest &request)
{
    const Environment *env = base.environment(environment);
    if (!env) {
        AdoptionResult result{base, {}};
        result.report.error = QStringLiteral("The workspace has no environment \"%1\"; add it first.").arg(environment);
        return result;
    }
    const Environment copy = *env;
    return Adopter(base, copy, observed, request).run();
}

} // namespace gw
