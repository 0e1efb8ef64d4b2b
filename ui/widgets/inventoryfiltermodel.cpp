// SPDX-License-Identifier: GPL-3.0-or-later
#include "inventoryfiltermodel.h"
#include "widgets/tones.h"

#include "rowtablemodel.h"

#include <QApplication>
#include <QColor>
#include <QStyle>

namespace gw {

InventoryFilterModel::InventoryFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_warningIcon(QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning))
{
    setFilterKeyColumn(-1);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortRole(SortRole);
}

QVariant InventoryFilterModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::DecorationRole && index.column() == 0) {
        if (!QSortFilterProxyModel::data(index, ProblemRole).toString().isEmpty())
            return m_warningIcon;
    } else if (role == Qt::ForegroundRole) {
        if (!QSortFilterProxyModel::data(index, ProblemRole).toString().isEmpty())
            return toneColour(Tone::Bad);
    }
    return QSortFilterProxyModel::data(index, role);
}

} // namespace gw
