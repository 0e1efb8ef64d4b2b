// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>
#include <QSortFilterProxyModel>

namespace gw {

/// The sort and filter proxy of an inventory table: sorts by SortRole, filters
/// case-insensitively on every column, and marks rows with a problem (ProblemRole) with a
/// warning icon and colour.
class InventoryFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit InventoryFilterModel(QObject *parent = nullptr);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QIcon m_warningIcon;
};

} // namespace gw
