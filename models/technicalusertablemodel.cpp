// SPDX-License-Identifier: GPL-3.0-or-later
#include "technicalusertablemodel.h"

#include "crossreferences.h"

using namespace Qt::StringLiterals;

namespace gw {

TechnicalUserTableModel::TechnicalUserTableModel(QObject *parent)
    : RowTableModel<TechnicalUser>(parent)
{}

int TechnicalUserTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TechnicalUserTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Name:
        return tr("Technical user");
    case Projects:
        return tr("Projects (role grants execute)");
    case Aliases:
        return tr("Aliases");
    case UsedBy:
        return tr("Used by");
    case Description:
        return tr("Description");
    case ColumnCount:
        break;
    }
    return {};
}

void TechnicalUserTableModel::setWorkspace(const Workspace &workspace)
{
    setWorkspace(workspace, CrossReferences(workspace));
}

void TechnicalUserTableModel::setWorkspace(const Workspace &workspace, const CrossReferences &references)
{
    QList<Row> rows;
    rows.reserve(workspace.technicalUsers.size());
    for (const TechnicalUser &user : workspace.technicalUsers) {
        const QStringList aliases = references.aliasesOfUser(user.name);
        const qsizetype proxies = references.proxiesOfUser(user.name).size();
        Row row;
        row.key = user.name;
        row.item = user;
        row.cells = QStringList{user.name, user.projects.isEmpty() ? tr("none") : user.projects.join(u", "_s),
                                aliases.isEmpty() ? tr("none") : aliases.join(u", "_s),
                                CrossReferences::proxyCount(int(proxies)), user.description};
        row.sortValues = QList<QVariant>(ColumnCount);
        row.sortValues[Projects] = user.projects.size();
        row.sortValues[Aliases] = aliases.size();
        row.sortValues[UsedBy] = proxies;
        if (user.projects.isEmpty() && proxies > 0)
            row.problem = tr("%1 has no role on any project: .io will answer 401 to its proxies.").arg(user.name);
        rows.append(std::move(row));
    }
    mergeRows(std::move(rows));
}

} // namespace gw
