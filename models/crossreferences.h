// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringList>

namespace gw {

/// Who depends on whom in a workspace, indexed once so that every lookup is cheap:
/// proxy -> project/integration, proxy -> alias -> technical user -> projects. Answers the
/// questions the inventory asks ("which proxies use this alias?") and says, in words, what an
/// item's deletion would break and what is wrong with a proxy's chain.
/// Holds a reference to the workspace: build it again after every change.
class CrossReferences
{
    Q_DECLARE_TR_FUNCTIONS(gw::CrossReferences)
public:
    explicit CrossReferences(const Workspace &workspace);

    const IoProject *project(const QString &name) const;
    const TechnicalUser *technicalUser(const QString &name) const;
    const Alias *alias(const QString &name) const;

    /// Names of the proxies (in workspace order) whose outbound auth uses the alias.
    QStringList proxiesUsingAlias(const QString &alias) const;
    /// Names of the proxies whose routing endpoint goes through the alias ("${io-tenant-url}/...").
    QStringList proxiesRoutedThrough(const QString &alias) const;
    /// Both: every proxy that needs the alias, each once, in workspace order.
    QStringList proxiesReferencingAlias(const QString &alias) const;
    /// The alias a routing endpoint starts with ("${name}..."), empty for a URL or a ${sys:...} variable.
    static QString routingAlias(const QString &routingEndpoint);
    /// Names of the aliases carrying this user's credentials.
    QStringList aliasesOfUser(const QString &user) const;
    /// Names of the proxies that call .io as this user (through one of its aliases).
    QStringList proxiesOfUser(const QString &user) const;
    /// Names of the proxies fronting an integration of this project.
    QStringList proxiesOfProject(const QString &project) const;
    /// Names of the technical users whose role grants execute on the project.
    QStringList usersWithAccess(const QString &project) const;

    /// One sentence per thing that breaks when the item is deleted the way WorkspaceEdits deletes it;
    /// empty when nothing refers to it.
    QStringList breakageOfDeletingAlias(const QString &alias) const;
    QStringList breakageOfDeletingTechnicalUser(const QString &user) const;
    QStringList breakageOfDeletingProject(const QString &project) const;

    /// What is wrong with the proxy's chain (unknown project/integration/alias, no outbound auth,
    /// a technical user without a role on the project), one sentence each.
    QStringList problemsOfProxy(const GatewayProxy &proxy) const;
    /// The technical user a proxy calls .io as, or an empty string.
    QString technicalUserOfProxy(const GatewayProxy &proxy) const;

    /// "A", "A and B", "A, B and C"; beyond `max` names: "A, B, C and 7 more".
    static QString joinNames(const QStringList &names, int max = 8);
    /// "1 proxy", "3 proxies".
    static QString proxyCount(int count);

private:
    const Workspace &m_workspace;
    QHash<QString, qsizetype> m_projectIndex;
    QHash<QString, qsizetype> m_userIndex;
    QHash<QString, qsizetype> m_aliasIndex;
    QHash<QString, QStringList> m_proxiesByAlias;
    QHash<QString, QStringList> m_proxiesRoutedByAlias;
    QHash<QString, QStringList> m_proxiesByProject;
    QHash<QString, QStringList> m_aliasesByUser;
    QHash<QString, QStringList> m_usersByProject;
};

} // namespace gw
