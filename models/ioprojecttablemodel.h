// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rowtablemodel.h"
#include "workspace.h"

namespace gw {

class CrossReferences;

/// The workspace's webMethods.io projects with their integrations, the technical users whose
/// role grants access, and how many proxies front them.
class IoProjectTableModel : public RowTableModel<IoProject>
{
    Q_OBJECT
public:
    enum Column { Name, Uid, Sensitivity, Integrations, UsersWithAccess, Proxies, ColumnCount };

    explicit IoProjectTableModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setWorkspace(const Workspace &workspace);
    /// The same with an index already built for `workspace` (several models share one).
    void setWorkspace(const Workspace &workspace, const CrossReferences &references);
    QModelIndex indexOf(const QString &name) const { return indexOfKey(name); }
};

} // namespace gw
