// SPDX-License-Identifier: GPL-3.0-or-later
#include "aliastablemodel.h"

#include "crossreferences.h"

using namespace Qt::StringLiterals;

namespace gw {

AliasTableModel::AliasTableModel(QObject *parent)
    : RowTableModel<Alias>(parent)
{}

int AliasTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AliasTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Name:
        return tr("Alias");
    case Type:
        return tr("Type");
    case Target:
        return tr("Technical user / value");
    case Secret:
        return tr("Secret");
    case UsedBy:
        return tr("Used by");
    case ColumnCount:
        break;
    }
    return {};
}

QString AliasTableModel::typeText(Alias::Type type)
{
    switch (type) {
    case Alias::Type::HttpTransportSecurity:
        return tr("HTTP transport security (Basic)");
    case Alias::Type::Simple:
        return tr("simple");
    case Alias::Type::Endpoint:
        return tr("endpoint");
    }
    return {};
}

void AliasTableModel::setWorkspace(const Workspace &workspace)
{
    setWorkspace(workspace, CrossReferences(workspace));
}

void AliasTableModel::setWorkspace(const Workspace &workspace, const CrossReferences &references)
{
    QList<Row> rows;
    rows.reserve(workspace.aliases.size());
    for (const Alias &alias : workspace.aliases) {
        const QStringList proxies = references.proxiesReferencingAlias(alias.name);
        QString target;
        QString secret = tr("—");
        QString problem;
        switch (alias.type) {
        case Alias::Type::HttpTransportSecurity:
            target = alias.technicalUser;
            secret = alias.password.isSet() ? tr("secret: in keychain") : tr("secret: not set");
            if (!references.technicalUser(alias.technicalUser))
                problem = tr("Technical user %1 does not exist.").arg(alias.technicalUser);
            else if (!alias.password.isSet())
                problem = tr("No keychain reference for the password: the gateway cannot call .io as %1.")
                              .arg(alias.technicalUser);
            break;
        case Alias::Type::Simple:
            target = alias.value;
            break;
        case Alias::Type::Endpoint:
            target = alias.endpointUri;
            break;
        }
        Row row;
        row.key = alias.name;
        row.item = alias;
        row.cells = QStringList{alias.name, typeText(alias.type), target, secret,
                                CrossReferences::proxyCount(int(proxies.size()))};
        row.sortValues = QList<QVariant>(ColumnCount);
        row.sortValues[UsedBy] = proxies.size();
        row.problem = problem;
        rows.append(std::move(row));
    }
    mergeRows(std::move(rows));
}

} // namespace gw
