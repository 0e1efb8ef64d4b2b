// SPDX-License-Identifier: GPL-3.0-or-later
#include "ioprojecttablemodel.h"

#include "crossreferences.h"

using namespace Qt::StringLiterals;

namespace gw {

IoProjectTableModel::IoProjectTableModel(QObject *parent)
    : RowTableModel<IoProject>(parent)
{}

int IoProjectTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IoProjectTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Name:
        return tr("Project");
    case Uid:
        return tr("UID");
    case Sensitivity:
        return tr("Sensitivity");
    case Integrations:
        return tr("Integrations");
    case UsersWithAccess:
        return tr("Users with access");
    case Proxies:
        return tr("Proxies");
    case ColumnCount:
        break;
    }
    return {};
}

void IoProjectTableModel::setWorkspace(const Workspace &workspace)
{
    setWorkspace(workspace, CrossReferences(workspace));
}

void IoProjectTableModel::setWorkspace(const Workspace &workspace, const CrossReferences &references)
{
    QList<Row> rows;
    rows.reserve(workspace.projects.size());
    for (const IoProject &project : workspace.projects) {
        QStringList integrations;
        for (const Integration &integration : project.integrations)
            integrations << integration.name;
        const QStringList users = references.usersWithAccess(project.name);
        const qsizetype proxies = references.proxiesOfProject(project.name).size();
        Row row;
        row.key = project.name;
        row.item = project;
        row.cells = QStringList{project.name,
                                project.uid,
                                project.sensitivity,
                                integrations.join(u", "_s),
                                users.isEmpty() ? tr("nobody") : users.join(u", "_s),
                                CrossReferences::proxyCount(int(proxies))};
        row.sortValues = QList<QVariant>(ColumnCount);
        row.sortValues[Integrations] = integrations.size();
        row.sortValues[UsersWithAccess] = users.size();
        row.sortValues[Proxies] = proxies;
        if (users.isEmpty() && proxies > 0)
            row.problem =
                tr("No technical user has a role on %1: .io will answer 401 to its proxies.").arg(project.name);
        rows.append(std::move(row));
    }
    mergeRows(std::move(rows));
}

} // namespace gw
