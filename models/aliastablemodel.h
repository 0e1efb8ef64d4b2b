// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rowtablemodel.h"
#include "workspace.h"

namespace gw {

class CrossReferences;

/// The gateway aliases the console manages. Never shows a secret: an HTTP transport security
/// alias only says whether its password has a keychain reference.
class AliasTableModel : public RowTableModel<Alias>
{
    Q_OBJECT
public:
    enum Column { Name, Type, Target, Secret, UsedBy, ColumnCount };

    explicit AliasTableModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setWorkspace(const Workspace &workspace);
    /// The same with an index already built for `workspace` (several models share one).
    void setWorkspace(const Workspace &workspace, const CrossReferences &references);
    QModelIndex indexOf(const QString &name) const { return indexOfKey(name); }

    static QString typeText(Alias::Type type);
};

} // namespace gw
