// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspaceedits.h"

namespace gw::WorkspaceEdits {

namespace {

template<typename T> void put(QList<T> &list, qsizetype row, const T &item)
{
    if (row < 0 || row >= list.size())
        list.append(item);
    else
        list[row] = item;
}

void renameAliasReferences(Workspace &w, const QString &from, const QString &to)
{
    for (GatewayProxy &proxy : w.proxies) {
        if (proxy.outbound.kind == OutboundAuth::Kind::Alias && proxy.outbound.alias == from)
            proxy.outbound.alias = to;
    }
}

} // namespace

Workspace removeAlias(Workspace w, const QString &alias)
{
    w.aliases.removeIf([&](const Alias &a) { return a.name == alias; });
    for (GatewayProxy &proxy : w.proxies) {
        if (proxy.outbound.kind == OutboundAuth::Kind::Alias && proxy.outbound.alias == alias)
            proxy.outbound = OutboundAuth{OutboundAuth::Kind::None, QString()};
    }
    return w;
}

Workspace removeTechnicalUser(Workspace w, const QString &user)
{
    QStringList aliases;
    for (const Alias &alias : std::as_const(w.aliases)) {
        if (alias.type == Alias::Type::HttpTransportSecurity && alias.technicalUser == user)
            aliases << alias.name;
    }
    for (const QString &alias : std::as_const(aliases))
        w = removeAlias(std::move(w), alias);
    w.technicalUsers.removeIf([&](const TechnicalUser &u) { return u.name == user; });
    return w;
}

Workspace removeProject(Workspace w, const QString &project)
{
    w.projects.removeIf([&](const IoProject &p) { return p.name == project; });
    w.proxies.removeIf([&](const GatewayProxy &p) { return p.project == project; });
    for (TechnicalUser &user : w.technicalUsers)
        user.projects.removeAll(project);
    return w;
}

Workspace removeProxy(Workspace w, const QString &name, const QString &version)
{
    w.proxies.removeIf([&](const GatewayProxy &p) { return p.name == name && p.version == version; });
    return w;
}

Workspace putAlias(Workspace w, qsizetype row, const Alias &alias)
{
    if (row >= 0 && row < w.aliases.size() && w.aliases.at(row).name != alias.name)
        renameAliasReferences(w, w.aliases.at(row).name, alias.name);
    put(w.aliases, row, alias);
    return w;
}

Workspace putTechnicalUser(Workspace w, qsizetype row, const TechnicalUser &user)
{
    if (row >= 0 && row < w.technicalUsers.size() && w.technicalUsers.at(row).name != user.name) {
        const QString from = w.technicalUsers.at(row).name;
        for (Alias &alias : w.aliases) {
            if (alias.technicalUser == from)
                alias.technicalUser = user.name;
        }
    }
    put(w.technicalUsers, row, user);
    return w;
}

Workspace putProject(Workspace w, qsizetype row, const IoProject &project)
{
    if (row >= 0 && row < w.projects.size() && w.projects.at(row).name != project.name) {
        const QString from = w.projects.at(row).name;
        for (GatewayProxy &proxy : w.proxies) {
            if (proxy.project == from)
                proxy.project = project.name;
        }
        for (TechnicalUser &user : w.technicalUsers) {
            for (QString &name : user.projects) {
                if (name == from)
                    name = project.name;
            }
        }
    }
    put(w.projects, row, project);
    return w;
}

Workspace putProxy(Workspace w, qsizetype row, const GatewayProxy &proxy)
{
    put(w.proxies, row, proxy);
    return w;
}

} // namespace gw::WorkspaceEdits
