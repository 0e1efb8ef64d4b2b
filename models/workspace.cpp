// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspace.h"

#include <algorithm>

namespace gw {

namespace {

template<typename T, typename Pred> const T *findIn(const QList<T> &list, Pred pred)
{
    const auto it = std::find_if(list.cbegin(), list.cend(), pred);
    return it == list.cend() ? nullptr : &*it;
}

} // namespace

const Integration *IoProject::integration(const QString &name) const
{
    return findIn(integrations, [&](const Integration &i) { return i.name == name; });
}

const Environment *Workspace::environment(const QString &name) const
{
    return findIn(environments, [&](const Environment &e) { return e.name == name; });
}

const IoProject *Workspace::project(const QString &name) const
{
    return findIn(projects, [&](const IoProject &p) { return p.name == name; });
}

const TechnicalUser *Workspace::technicalUser(const QString &name) const
{
    return findIn(technicalUsers, [&](const TechnicalUser &u) { return u.name == name; });
}

const Alias *Workspace::alias(const QString &name) const
{
    return findIn(aliases, [&](const Alias &a) { return a.name == name; });
}

const GatewayProxy *Workspace::proxy(const QString &name, const QString &version) const
{
    return findIn(proxies, [&](const GatewayProxy &p) { return p.name == name && p.version == version; });
}

} // namespace gw
