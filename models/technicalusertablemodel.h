// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rowtablemodel.h"
#include "workspace.h"

namespace gw {

class CrossReferences;

/// The .io technical users the gateway calls as: the projects they may execute on, the aliases
/// that carry their credentials and how many proxies depend on them.
class TechnicalUserTableModel : public RowTableModel<TechnicalUser>
{
    Q_OBJECT
public:
    enum Column { Name, Projects, Aliases, UsedBy, Description, ColumnCount };

    explicit TechnicalUserTableModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setWorkspace(const Workspace &workspace);
    /// The same with an index already built for `workspace` (several models share one).
    void setWorkspace(const Workspace &workspace, const CrossReferences &references);
    QModelIndex indexOf(const QString &name) const { return indexOfKey(name); }
};

} // namespace gw
