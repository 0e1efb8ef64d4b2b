// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QCoreApplication>

namespace gw {

/// What the generic item commands need to know about each kind of workspace item: the list it
/// lives in and how a person calls it ("proxy OrdersCreate 1.0").
template<typename T> struct ItemTraits;

template<> struct ItemTraits<GatewayProxy>
{
    static const QList<GatewayProxy> &list(const Workspace &w) { return w.proxies; }
    static QString describe(const GatewayProxy &p)
    {
        return QCoreApplication::translate("gw::ItemTraits", "proxy %1 %2").arg(p.name, p.version);
    }
};

template<> struct ItemTraits<IoProject>
{
    static const QList<IoProject> &list(const Workspace &w) { return w.projects; }
    static QString describe(const IoProject &p)
    {
        return QCoreApplication::translate("gw::ItemTraits", "project %1").arg(p.name);
    }
};

template<> struct ItemTraits<TechnicalUser>
{
    static const QList<TechnicalUser> &list(const Workspace &w) { return w.technicalUsers; }
    static QString describe(const TechnicalUser &u)
    {
        return QCoreApplication::translate("gw::ItemTraits", "technical user %1").arg(u.name);
    }
};

template<> struct ItemTraits<Alias>
{
    static const QList<Alias> &list(const Workspace &w) { return w.aliases; }
    static QString describe(const Alias &a)
    {
        return QCoreApplication::translate("gw::ItemTraits", "alias %1").arg(a.name);
    }
};

} // namespace gw
