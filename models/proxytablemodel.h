// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rowtablemodel.h"
#include "workspace.h"

namespace gw {

class CrossReferences;

/// The workspace's gateway proxies, one row each, with the chain they depend on spelled out:
/// the .io project and integration, the inbound OAuth rule and the outbound alias (and its user).
class ProxyTableModel : public RowTableModel<GatewayProxy>
{
    Q_OBJECT
public:
    enum Column { Name, Version, Project, Integration, Inbound, Outbound, Active, ColumnCount };

    explicit ProxyTableModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setWorkspace(const Workspace &workspace);
    /// The same with an index already built for `workspace` (several models share one).
    void setWorkspace(const Workspace &workspace, const CrossReferences &references);
    QModelIndex indexOf(const QString &name, const QString &version) const;
    /// The first proxy with this name, whatever its version.
    QModelIndex indexOf(const QString &name) const;

    static QString key(const GatewayProxy &proxy);
    static QString inboundText(const InboundAuth &inbound);
};

} // namespace gw
