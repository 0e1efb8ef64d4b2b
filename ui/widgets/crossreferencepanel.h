// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace.h"

#include <QTextBrowser>

namespace gw {

/// The details of the selected inventory item and everything that depends on it or that it
/// depends on: for a technical user the aliases, proxies and projects; for an alias the proxies
/// using it; for a proxy its whole chain with what is wrong in it. Names are links.
class CrossReferencePanel : public QTextBrowser
{
    Q_OBJECT
public:
    enum class Kind { Proxy, Project, TechnicalUser, Alias };

    explicit CrossReferencePanel(QWidget *parent = nullptr);

    void showNothing();
    /// `key` is the model key: a name, or "name version" for a proxy.
    void showItem(const Workspace &workspace, Kind kind, const QString &key);

    /// The link the panel writes for an item; linkActivated() gives back kind and key.
    static QString link(Kind kind, const QString &key);

Q_SIGNALS:
    void itemActivated(gw::CrossReferencePanel::Kind kind, const QString &key);

private:
    QString proxyHtml(const Workspace &workspace, const GatewayProxy &proxy) const;
    QString projectHtml(const Workspace &workspace, const IoProject &project) const;
    QString userHtml(const Workspace &workspace, const TechnicalUser &user) const;
    QString aliasHtml(const Workspace &workspace, const Alias &alias) const;
};

} // namespace gw
