// SPDX-License-Identifier: GPL-3.0-or-later
#include "crossreferences.h"

using namespace Qt::StringLiterals;

namespace gw {

CrossReferences::CrossReferences(const Workspace &workspace)
    : m_workspace(workspace)
{
    for (qsizetype i = 0; i < workspace.projects.size(); ++i)
        m_projectIndex.insert(workspace.projects.at(i).name, i);
    for (qsizetype i = 0; i < workspace.technicalUsers.size(); ++i) {
        const TechnicalUser &user = workspace.technicalUsers.at(i);
        m_userIndex.insert(user.name, i);
        for (const QString &project : user.projects)
            m_usersByProject[project].append(user.name);
    }
    for (qsizetype i = 0; i < workspace.aliases.size(); ++i) {
        const Alias &alias = workspace.aliases.at(i);
        m_aliasIndex.insert(alias.name, i);
        if (alias.type == Alias::Type::HttpTransportSecurity && !alias.technicalUser.isEmpty())
            m_aliasesByUser[alias.technicalUser].append(alias.name);
    }
    for (const GatewayProxy &proxy : workspace.proxies) {
        if (proxy.outbound.kind == OutboundAuth::Kind::Alias && !proxy.outbound.alias.isEmpty())
            m_proxiesByAlias[proxy.outbound.alias].append(proxy.name);
        if (const QString routed = routingAlias(proxy.routingEndpoint); !routed.isEmpty())
            m_proxiesRoutedByAlias[routed].append(proxy.name);
        m_proxiesByProject[proxy.project].append(proxy.name);
    }
}

const IoProject *CrossReferences::project(const QString &name) const
{
    const qsizetype i = m_projectIndex.value(name, -1);
    return i < 0 ? nullptr : &m_workspace.projects.at(i);
}

const TechnicalUser *CrossReferences::technicalUser(const QString &name) const
{
    const qsizetype i = m_userIndex.value(name, -1);
    return i < 0 ? nullptr : &m_workspace.technicalUsers.at(i);
}

const Alias *CrossReferences::alias(const QString &name) const
{
    const qsizetype i = m_aliasIndex.value(name, -1);
    return i < 0 ? nullptr : &m_workspace.aliases.at(i);
}

QString CrossReferences::routingAlias(const QString &routingEndpoint)
{
    if (!routingEndpoint.startsWith(QLatin1String("${")) || routingEndpoint.startsWith(QLatin1String("${sys:")))
        return {};
    const qsizetype close = routingEndpoint.indexOf(QLatin1Char('}'));
    return close > 2 ? routingEndpoint.mid(2, close - 2) : QString();
}

QStringList CrossReferences::proxiesRoutedThrough(const QString &alias) const
{
    return m_proxiesRoutedByAlias.value(alias);
}

QStringList CrossReferences::proxiesReferencingAlias(const QString &alias) const
{
    QStringList names = m_proxiesByAlias.value(alias);
    for (const QString &name : m_proxiesRoutedByAlias.value(alias)) {
        if (!names.contains(name))
            names << name;
    }
    QStringList ordered;
    for (const GatewayProxy &proxy : m_workspace.proxies) {
        if (names.contains(proxy.name) && !ordered.contains(proxy.name))
            ordered << proxy.name;
    }
    return ordered;
}

QStringList CrossReferences::proxiesUsingAlias(const QString &alias) const
{
    return m_proxiesByAlias.value(alias);
}

QStringList CrossReferences::aliasesOfUser(const QString &user) const
{
    return m_aliasesByUser.value(user);
}

QStringList CrossReferences::proxiesOfUser(const QString &user) const
{
    QStringList proxies;
    for (const QString &alias : m_aliasesByUser.value(user))
        proxies += m_proxiesByAlias.value(alias);
    return proxies;
}

QStringList CrossReferences::proxiesOfProject(const QString &project) const
{
    return m_proxiesByProject.value(project);
}

QStringList CrossReferences::usersWithAccess(const QString &project) const
{
    return m_usersByProject.value(project);
}

QStringList CrossReferences::breakageOfDeletingAlias(const QString &alias) const
{
    const QStringList proxies = proxiesUsingAlias(alias);
    if (proxies.isEmpty())
        return {};
    return {tr("Deleting alias %1 breaks the outbound auth of %2: .io will answer 401 to their calls.")
                .arg(alias, joinNames(proxies))};
}

QStringList CrossReferences::breakageOfDeletingTechnicalUser(const QString &user) const
{
    QStringList sentences;
    for (const QString &alias : aliasesOfUser(user)) {
        const QStringList proxies = proxiesUsingAlias(alias);
        if (proxies.isEmpty())
            sentences << tr("Deleting technical user %1 also deletes alias %2.").arg(user, alias);
        else
            sentences << tr("Deleting technical user %1 also deletes alias %2, which breaks the outbound auth of %3.")
                             .arg(user, alias, joinNames(proxies));
    }
    return sentences;
}

QStringList CrossReferences::breakageOfDeletingProject(const QString &project) const
{
    QStringList sentences;
    const QStringList proxies = proxiesOfProject(project);
    if (!proxies.isEmpty())
        sentences
            << tr("Deleting project %1 also deletes the proxies that front it: %2.").arg(project, joinNames(proxies));
    const QStringList users = usersWithAccess(project);
    if (!users.isEmpty())
        sentences << tr("Deleting project %1 removes it from the access of %2.").arg(project, joinNames(users));
    return sentences;
}

QString CrossReferences::technicalUserOfProxy(const GatewayProxy &proxy) const
{
    if (proxy.outbound.kind != OutboundAuth::Kind::Alias)
        return {};
    const Alias *a = alias(proxy.outbound.alias);
    return a ? a->technicalUser : QString();
}

QStringList CrossReferences::problemsOfProxy(const GatewayProxy &proxy) const
{
    QStringList problems;
    const IoProject *p = project(proxy.project);
    if (!p) {
        problems << tr("Project %1 does not exist.").arg(proxy.project);
    } else if (std::none_of(p->integrations.cbegin(), p->integrations.cend(),
                            [&](const Integration &i) { return i.name == proxy.integration; })) {
        problems << tr("Project %1 has no integration %2.").arg(proxy.project, proxy.integration);
    }
    if (proxy.outbound.kind == OutboundAuth::Kind::None) {
        problems << tr("No Outbound Auth - Transport: the gateway calls .io without credentials, .io answers 401 "
                       "and callers see a native provider 401.");
        return problems;
    }
    const Alias *a = alias(proxy.outbound.alias);
    if (!a) {
        problems << tr("Alias %1 does not exist.").arg(proxy.outbound.alias);
        return problems;
    }
    if (a->type != Alias::Type::HttpTransportSecurity) {
        problems << tr("Alias %1 is not an HTTP transport security alias.").arg(a->name);
        return problems;
    }
    const TechnicalUser *user = technicalUser(a->technicalUser);
    if (!user)
        problems << tr("Alias %1 names technical user %2, which does not exist.").arg(a->name, a->technicalUser);
    else if (p && !user->projects.contains(p->name))
        problems << tr("Technical user %1 has no role on project %2: .io will answer 401.").arg(user->name, p->name);
    return problems;
}

QString CrossReferences::proxyCount(int count)
{
    return count == 1 ? tr("1 proxy") : tr("%1 proxies").arg(count);
}

QString CrossReferences::joinNames(const QStringList &names, int max)
{
    if (names.isEmpty())
        return {};
    if (names.size() == 1)
        return names.constFirst();
    if (names.size() > max)
        return tr("%1 and %2 more").arg(names.first(max).join(u", "_s)).arg(names.size() - max);
    return tr("%1 and %2").arg(names.first(names.size() - 1).join(u", "_s), names.constLast());
}

} // namespace gw
