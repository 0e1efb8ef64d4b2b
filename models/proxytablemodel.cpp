// SPDX-License-Identifier: GPL-3.0-or-later
#include "proxytablemodel.h"

#include "crossreferences.h"

using namespace Qt::StringLiterals;

namespace gw {

ProxyTableModel::ProxyTableModel(QObject *parent)
    : RowTableModel<GatewayProxy>(parent)
{}

int ProxyTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProxyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Name:
        return tr("Proxy");
    case Version:
        return tr("Version");
    case Project:
        return tr(".io project");
    case Integration:
        return tr("Integration");
    case Inbound:
        return tr("Inbound auth");
    case Outbound:
        return tr("Outbound (alias → user)");
    case Active:
        return tr("State");
    case ColumnCount:
        break;
    }
    return {};
}

QString ProxyTableModel::key(const GatewayProxy &proxy)
{
    return proxy.name + u' ' + proxy.version;
}

QString ProxyTableModel::inboundText(const InboundAuth &inbound)
{
    const QString scopes = inbound.scopes.join(u' ');
    switch (inbound.kind) {
    case InboundAuth::Kind::None:
        return tr("none (open)");
    case InboundAuth::Kind::OAuth2Token:
        return scopes.isEmpty() ? tr("OAuth2 token") : tr("OAuth2: %1").arg(scopes);
    case InboundAuth::Kind::JwtClaims:
        return scopes.isEmpty() ? tr("JWT") : tr("JWT: %1").arg(scopes);
    }
    return {};
}

void ProxyTableModel::setWorkspace(const Workspace &workspace)
{
    setWorkspace(workspace, CrossReferences(workspace));
}

void ProxyTableModel::setWorkspace(const Workspace &workspace, const CrossReferences &references)
{
    QList<Row> rows;
    rows.reserve(workspace.proxies.size());
    for (const GatewayProxy &proxy : workspace.proxies) {
        QString outbound;
        if (proxy.outbound.kind == OutboundAuth::Kind::None) {
            outbound = tr("none — .io will answer 401");
        } else {
            const QString user = references.technicalUserOfProxy(proxy);
            outbound = user.isEmpty() ? proxy.outbound.alias : tr("%1 → %2").arg(proxy.outbound.alias, user);
        }
        Row row;
        row.key = key(proxy);
        row.item = proxy;
        row.cells = QStringList{proxy.name,
                                proxy.version,
                                proxy.project,
                                proxy.integration,
                                inboundText(proxy.inbound),
                                outbound,
                                proxy.active ? tr("active") : tr("inactive")};
        row.problem = references.problemsOfProxy(proxy).join(u' ');
        rows.append(std::move(row));
    }
    mergeRows(std::move(rows));
}

QModelIndex ProxyTableModel::indexOf(const QString &name, const QString &version) const
{
    return indexOfKey(name + u' ' + version);
}

QModelIndex ProxyTableModel::indexOf(const QString &name) const
{
    const auto &all = rows();
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (all.at(i).item.name == name)
            return index(int(i), 0);
    }
    return {};
}

} // namespace gw
