// SPDX-License-Identifier: GPL-3.0-or-later
#include "credentialflowscene.h"

#include "syncformat.h"

#include <QFontMetricsF>
#include <QGraphicsPathItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPainterPath>
#include <QPen>

#include <algorithm>

namespace gw {

namespace {

constexpr qreal ColumnPitch = 220;
constexpr qreal NodeWidth = 175;
constexpr qreal NodeHeight = 24;
constexpr qreal RowPitch = 31;
constexpr int ColumnCount = 5;

enum Column { OAuthColumn, ProxyColumn, AliasColumn, UserColumn, ProjectColumn };

QPen penFor(CredentialFlowScene::EdgeKind kind)
{
    using Kind = CredentialFlowScene::EdgeKind;
    switch (kind) {
    case Kind::Normal:
        return QPen(QColor(0x7a, 0x86, 0x9a), 1.4);
    case Kind::MissingRole:
        return QPen(QColor(0xd3, 0x2f, 0x2f), 2.2, Qt::DashLine);
    case Kind::NoOutboundAuth:
        return QPen(QColor(0xd3, 0x2f, 0x2f), 2.2, Qt::DashDotLine);
    case Kind::ExcessPrivilege:
        return QPen(QColor(0xef, 0x8c, 0x00), 2.2, Qt::DotLine);
    case Kind::LiveFailed:
        return QPen(QColor(0x8e, 0x24, 0xaa), 2.6);
    }
    return {};
}

QColor fillFor(int column, Sensitivity sensitivity)
{
    switch (column) {
    case OAuthColumn:
        return QColor(0xe8, 0xe0, 0xf5);
    case ProxyColumn:
        return QColor(0xde, 0xeb, 0xf7);
    case AliasColumn:
        return QColor(0xfd, 0xf3, 0xd0);
    case UserColumn:
        return QColor(0xdf, 0xf0, 0xdc);
    default:
        break;
    }
    switch (sensitivity) {
    case Sensitivity::Public:
        return QColor(0xf4, 0xf4, 0xf4);
    case Sensitivity::Internal:
        return QColor(0xe3, 0xe8, 0xee);
    case Sensitivity::Confidential:
        return QColor(0xfd, 0xe2, 0xc4);
    case Sensitivity::Restricted:
        return QColor(0xf8, 0xcf, 0xcf);
    }
    return Qt::white;
}

qreal columnX(int column)
{
    return column * ColumnPitch;
}

} // namespace

CredentialFlowScene::CredentialFlowScene(QObject *parent)
    : QGraphicsScene(parent)
{
    setBackgroundBrush(Qt::white);
    connect(this, &QGraphicsScene::selectionChanged, this, &CredentialFlowScene::selectionChanged);
}

CredentialFlowScene::~CredentialFlowScene()
{
    // ~QGraphicsScene removes the selected items and signals it, after this part of the object is gone.
    disconnect(this, &QGraphicsScene::selectionChanged, this, &CredentialFlowScene::selectionChanged);
}

void CredentialFlowScene::addNode(const QString &id, const QString &label, int column, int row, const QString &tooltip)
{
    Sensitivity sensitivity = Sensitivity::Internal;
    if (column == ProjectColumn) {
        if (const IoProject *project = m_workspace.project(id.section(QLatin1Char(':'), 1, -1)))
            sensitivity = Advisor::sensitivityOf(*project);
    }
    auto *node =
        addRect(QRectF(0, 0, NodeWidth, NodeHeight), QPen(QColor(0x55, 0x5f, 0x6d), 1), fillFor(column, sensitivity));
    node->setPos(columnX(column), row * RowPitch);
    node->setFlag(QGraphicsItem::ItemIsSelectable);
    node->setData(0, id);
    node->setToolTip(tooltip);
    node->setZValue(2);
    const QString user = id.section(QLatin1Char(':'), 1, -1);
    if (column == UserColumn && m_failedUsers.contains(user))
        node->setPen(QPen(penFor(EdgeKind::LiveFailed).color(), 2.6));
    auto *text = new QGraphicsSimpleTextItem(node);
    const QFontMetricsF metrics(text->font());
    text->setText(metrics.elidedText(label, Qt::ElideMiddle, NodeWidth - 12));
    text->setPos(6, (NodeHeight - metrics.height()) / 2);
    m_nodes.insert(id, node);
}

void CredentialFlowScene::addEdge(const QString &from, const QString &to, EdgeKind kind, const QString &tooltip)
{
    const QGraphicsRectItem *a = m_nodes.value(from);
    const QGraphicsRectItem *b = m_nodes.value(to);
    if (!a || !b)
        return;
    const QPointF start = a->pos() + QPointF(NodeWidth, NodeHeight / 2);
    const QPointF end = b->pos() + QPointF(0, NodeHeight / 2);
    QPainterPath path(start);
    const qreal bend = (end.x() - start.x()) / 2;
    path.cubicTo(start + QPointF(bend, 0), end - QPointF(bend, 0), end);
    auto *item = addPath(path, penFor(kind));
    item->setZValue(kind == EdgeKind::Normal ? 0 : 1);
    item->setToolTip(tooltip);
    m_edges << Edge{from, to, kind, item};
}

void CredentialFlowScene::addLegend(qreal top)
{
    struct Entry
    {
        EdgeKind kind;
        QString text;
    };
    const QList<Entry> entries{
        {EdgeKind::Normal, tr("credential in use")},
        {EdgeKind::MissingRole, tr("missing role: the call answers 401")},
        {EdgeKind::NoOutboundAuth, tr("no outbound auth: native provider 401")},
        {EdgeKind::ExcessPrivilege, tr("excess privilege: reached, not needed")},
        {EdgeKind::LiveFailed, tr("live check failed")},
    };
    qreal x = 0;
    for (const Entry &entry : entries) {
        auto *line = addLine(x, top + 8, x + 36, top + 8, penFor(entry.kind));
        line->setData(1, QStringLiteral("legend"));
        auto *text = addSimpleText(entry.text);
        text->setPos(x + 42, top);
        text->setData(1, QStringLiteral("legend"));
        x += 42 + text->boundingRect().width() + 28;
    }
    const QStringList levels{tr("public"), tr("internal"), tr("confidential"), tr("restricted")};
    x = 0;
    for (int i = 0; i < levels.size(); ++i) {
        auto *swatch = addRect(QRectF(x, top + 24, 16, 14), QPen(QColor(0x55, 0x5f, 0x6d)),
                               fillFor(ProjectColumn, Sensitivity(i)));
        swatch->setData(1, QStringLiteral("legend"));
        auto *text = addSimpleText(tr("project: %1").arg(levels.at(i)));
        text->setPos(x + 22, top + 24);
        text->setData(1, QStringLiteral("legend"));
        x += 22 + text->boundingRect().width() + 28;
    }
}

void CredentialFlowScene::setContent(const Workspace &workspace, const Advisor::Analysis &analysis)
{
    m_rebuilding = true;
    clear();
    m_nodes.clear();
    m_edges.clear();
    m_lit.clear();
    m_workspace = workspace;
    m_analysis = analysis;
    m_failedUsers.clear();
    QHash<QString, const Advisor::LiveAccess *> liveOf;
    for (const Advisor::LiveAccess &live : std::as_const(m_analysis.live)) {
        liveOf.insert(live.user, &live);
        // A mismatch shows as missing or excess edges; the user is marked when signing in failed.
        if (live.status != Advisor::LiveAccess::Status::Matches && live.status != Advisor::LiveAccess::Status::Mismatch)
            m_failedUsers.insert(live.user);
    }

    // Order each column by where its neighbours sit in the next one, so that edges mostly run straight.
    QHash<QString, qreal> projectRank;
    for (qsizetype i = 0; i < m_workspace.projects.size(); ++i)
        projectRank.insert(m_workspace.projects.at(i).name, qreal(i));
    struct Ranked
    {
        QString name;
        qreal rank;
    };
    auto sorted = [](QList<Ranked> list) {
        std::stable_sort(list.begin(), list.end(), [](const Ranked &a, const Ranked &b) { return a.rank < b.rank; });
        return list;
    };
    auto meanRank = [](const QStringList &names, const QHash<QString, qreal> &ranks, qreal fallback) {
        qreal sum = 0;
        int n = 0;
        for (const QString &name : names) {
            if (ranks.contains(name)) {
                sum += ranks.value(name);
                ++n;
            }
        }
        return n ? sum / n : fallback;
    };

    QList<Ranked> users;
    for (const Advisor::UserExposure &user : std::as_const(m_analysis.users)) {
        QStringList reach = user.projects;
        reach << user.missingProjects;
        users << Ranked{user.user, meanRank(reach, projectRank, 1e6)};
    }
    users = sorted(users);
    QHash<QString, qreal> userRank;
    for (qsizetype i = 0; i < users.size(); ++i)
        userRank.insert(users.at(i).name, qreal(i));

    QList<Ranked> aliases;
    for (const Alias &alias : std::as_const(m_workspace.aliases)) {
        if (alias.type == Alias::Type::HttpTransportSecurity)
            aliases << Ranked{alias.name, userRank.value(alias.technicalUser, 1e6)};
    }
    aliases = sorted(aliases);
    QHash<QString, qreal> aliasRank;
    for (qsizetype i = 0; i < aliases.size(); ++i)
        aliasRank.insert(aliases.at(i).name, qreal(i));

    // Proxies without a working alias sit next to their project's row, scaled to the alias column.
    const qreal scale = m_workspace.projects.isEmpty()
                            ? 1.0
                            : qreal(std::max<qsizetype>(1, aliases.size())) / qreal(m_workspace.projects.size());
    QList<Ranked> proxies;
    for (const GatewayProxy &proxy : std::as_const(m_workspace.proxies)) {
        const bool bound = proxy.outbound.kind == OutboundAuth::Kind::Alias && aliasRank.contains(proxy.outbound.alias);
        proxies << Ranked{SyncFormat::proxyKey(proxy), bound ? aliasRank.value(proxy.outbound.alias)
                                                             : projectRank.value(proxy.project, 1e6) * scale + 0.5};
    }
    proxies = sorted(proxies);

    const qsizetype tallest =
        std::max({qsizetype(1), proxies.size(), aliases.size(), users.size(), qsizetype(m_workspace.projects.size())});
    auto firstRow = [tallest](qsizetype count) { return int((tallest - count) / 2); };

    QString oauthId;
    const Environment *environment = m_workspace.environment(m_analysis.environment);
    const QString issuer =
        environment && !environment->oauth.issuer.isEmpty() ? environment->oauth.issuer : tr("OAuth 2.0 server");
    oauthId = nodeId(QStringLiteral("oauth"), issuer);
    addNode(oauthId, issuer, OAuthColumn, firstRow(1),
            tr("Issues the tokens the proxies' Identify & Authorize checks"));

    int row = firstRow(proxies.size());
    for (const Ranked &ranked : std::as_const(proxies)) {
        const GatewayProxy *proxy =
            m_workspace.proxy(ranked.name.section(QLatin1Char('/'), 0, -2), ranked.name.section(QLatin1Char('/'), -1));
        const QString scopes = proxy ? proxy->inbound.scopes.join(QLatin1Char(' ')) : QString();
        addNode(nodeId(QStringLiteral("proxy"), ranked.name), ranked.name, ProxyColumn, row++,
                tr("Proxy %1 -> %2/%3\nscopes: %4")
                    .arg(ranked.name, proxy ? proxy->project : QString(), proxy ? proxy->integration : QString(),
                         scopes.isEmpty() ? tr("none") : scopes));
    }
    row = firstRow(aliases.size());
    for (const Ranked &ranked : std::as_const(aliases)) {
        const Alias *alias = m_workspace.alias(ranked.name);
        addNode(nodeId(QStringLiteral("alias"), ranked.name), ranked.name, AliasColumn, row++,
                tr("Alias %1 carries the Basic credentials of %2").arg(ranked.name, alias->technicalUser));
    }
    row = firstRow(users.size());
    for (const Ranked &ranked : std::as_const(users)) {
        const Advisor::UserExposure *user = m_analysis.user(ranked.name);
        QString tooltip = user->leakText + QLatin1Char('\n') + user->lockOutText;
        if (const Advisor::LiveAccess *live = liveOf.value(ranked.name))
            tooltip += QLatin1Char('\n') + tr("Live: %1").arg(live->message);
        addNode(nodeId(QStringLiteral("user"), ranked.name), ranked.name, UserColumn, row++, tooltip);
    }
    row = firstRow(m_workspace.projects.size());
    for (const IoProject &project : std::as_const(m_workspace.projects)) {
        const QString level = Advisor::sensitivityName(Advisor::sensitivityOf(project));
        addNode(nodeId(QStringLiteral("project"), project.name), QStringLiteral("%1 (%2)").arg(project.name, level),
                ProjectColumn, row++,
                tr(".io project %1, %2, %3 integrations").arg(project.name, level).arg(project.integrations.size()));
    }

    for (const GatewayProxy &proxy : std::as_const(m_workspace.proxies)) {
        const QString id = nodeId(QStringLiteral("proxy"), SyncFormat::proxyKey(proxy));
        if (proxy.inbound.kind != InboundAuth::Kind::None)
            addEdge(oauthId, id, EdgeKind::Normal);
        const bool bound = proxy.outbound.kind == OutboundAuth::Kind::Alias &&
                           m_nodes.contains(nodeId(QStringLiteral("alias"), proxy.outbound.alias));
        if (bound)
            addEdge(id, nodeId(QStringLiteral("alias"), proxy.outbound.alias), EdgeKind::Normal);
        else
            addEdge(id, nodeId(QStringLiteral("project"), proxy.project), EdgeKind::NoOutboundAuth,
                    tr("%1 calls %2 without technical-user credentials: .io answers 401")
                        .arg(SyncFormat::proxyKey(proxy), proxy.project));
    }
    for (const Alias &alias : std::as_const(m_workspace.aliases)) {
        if (alias.type != Alias::Type::HttpTransportSecurity)
            continue;
        addEdge(nodeId(QStringLiteral("alias"), alias.name), nodeId(QStringLiteral("user"), alias.technicalUser),
                m_failedUsers.contains(alias.technicalUser) ? EdgeKind::LiveFailed : EdgeKind::Normal,
                m_failedUsers.contains(alias.technicalUser) ? liveOf.value(alias.technicalUser)->message : QString());
    }
    for (const Advisor::UserExposure &user : std::as_const(m_analysis.users)) {
        const QString id = nodeId(QStringLiteral("user"), user.user);
        const Advisor::LiveAccess *live = liveOf.value(user.user);
        QStringList missing = user.missingProjects;
        QStringList excess = user.excessProjects;
        QStringList granted = user.projects;
        if (live && (live->status == Advisor::LiveAccess::Status::Matches ||
                     live->status == Advisor::LiveAccess::Status::Mismatch)) {
            // What the tenant said wins over what the workspace declares.
            granted = live->actual;
            missing = live->missing;
            excess = live->excess;
        }
        for (const QString &project : std::as_const(granted)) {
            const bool extra = excess.contains(project);
            addEdge(id, nodeId(QStringLiteral("project"), project),
                    extra ? EdgeKind::ExcessPrivilege : EdgeKind::Normal,
                    extra ? tr("%1 reaches %2, which no proxy needs through it").arg(user.user, project) : QString());
        }
        for (const QString &project : std::as_const(missing))
            addEdge(id, nodeId(QStringLiteral("project"), project), EdgeKind::MissingRole,
                    tr("%1 has no role on %2, which its proxies call").arg(user.user, project));
    }

    // Column headings and the legend above the columns.
    const qreal headingY = firstRow(tallest) * RowPitch - 34;
    const QStringList headings{tr("OAuth server"), tr("Proxies"), tr("Aliases"), tr("Technical users"),
                               tr(".io projects")};
    for (int column = 0; column < ColumnCount; ++column) {
        auto *heading = addSimpleText(headings.at(column));
        QFont font = heading->font();
        font.setBold(true);
        heading->setFont(font);
        heading->setPos(columnX(column), headingY);
    }
    addLegend(headingY - 56);
    setSceneRect(itemsBoundingRect().adjusted(-20, -20, 20, 20));
    m_rebuilding = false;
    if (!m_highlighted.isEmpty() && !m_nodes.contains(m_highlighted))
        m_highlighted.clear();
    applyHighlight();
}

QStringList CredentialFlowScene::nodeIds() const
{
    QStringList ids = m_nodes.keys();
    ids.sort();
    return ids;
}

QRectF CredentialFlowScene::nodeRect(const QString &id) const
{
    const QGraphicsRectItem *node = m_nodes.value(id);
    return node ? node->sceneBoundingRect() : QRectF();
}

QList<CredentialFlowScene::Edge> CredentialFlowScene::edgesOfKind(EdgeKind kind) const
{
    QList<Edge> out;
    for (const Edge &edge : m_edges) {
        if (edge.kind == kind)
            out << edge;
    }
    return out;
}

QSet<QString> CredentialFlowScene::blastRadius(const QString &id) const
{
    QSet<QString> lit{id};
    const QString kind = id.section(QLatin1Char(':'), 0, 0);
    const QString name = id.section(QLatin1Char(':'), 1, -1);
    auto addUser = [&](const QString &userName) {
        const Advisor::UserExposure *user = m_analysis.user(userName);
        if (!user)
            return;
        lit.insert(nodeId(QStringLiteral("user"), userName));
        for (const QString &alias : user->aliases)
            lit.insert(nodeId(QStringLiteral("alias"), alias));
        for (const QString &proxy : user->proxiesUsing)
            lit.insert(nodeId(QStringLiteral("proxy"), proxy));
        for (const QString &project : user->projects)
            lit.insert(nodeId(QStringLiteral("project"), project));
        for (const Advisor::LiveAccess &live : m_analysis.live) {
            if (live.user == userName) {
                for (const QString &project : live.actual)
                    lit.insert(nodeId(QStringLiteral("project"), project));
            }
        }
    };
    if (kind == QLatin1String("user")) {
        addUser(name);
    } else if (kind == QLatin1String("alias")) {
        if (const Alias *alias = m_workspace.alias(name)) {
            addUser(alias->technicalUser);
            // Only this alias's proxies: the user's other aliases are not this credential.
            const Advisor::UserExposure *user = m_analysis.user(alias->technicalUser);
            if (user) {
                for (const QString &other : user->aliases) {
                    if (other != name)
                        lit.remove(nodeId(QStringLiteral("alias"), other));
                }
            }
            for (const GatewayProxy &proxy : m_workspace.proxies) {
                const QString proxyId = nodeId(QStringLiteral("proxy"), SyncFormat::proxyKey(proxy));
                if (proxy.outbound.kind == OutboundAuth::Kind::Alias && proxy.outbound.alias != name)
                    lit.remove(proxyId);
            }
        }
    } else if (kind == QLatin1String("proxy")) {
        for (const GatewayProxy &proxy : m_workspace.proxies) {
            if (SyncFormat::proxyKey(proxy) != name)
                continue;
            lit.insert(nodeId(QStringLiteral("project"), proxy.project));
            if (proxy.outbound.kind == OutboundAuth::Kind::Alias) {
                lit.insert(nodeId(QStringLiteral("alias"), proxy.outbound.alias));
                if (const Alias *alias = m_workspace.alias(proxy.outbound.alias))
                    lit.insert(nodeId(QStringLiteral("user"), alias->technicalUser));
            }
        }
    } else if (kind == QLatin1String("project")) {
        for (const Advisor::UserExposure &user : m_analysis.users) {
            if (user.projects.contains(name)) {
                lit.insert(nodeId(QStringLiteral("user"), user.user));
                for (const QString &alias : user.aliases)
                    lit.insert(nodeId(QStringLiteral("alias"), alias));
            }
        }
        for (const GatewayProxy &proxy : m_workspace.proxies) {
            if (proxy.project == name)
                lit.insert(nodeId(QStringLiteral("proxy"), SyncFormat::proxyKey(proxy)));
        }
    } else if (kind == QLatin1String("oauth")) {
        for (const QString &node : m_nodes.keys()) {
            if (node.startsWith(QLatin1String("proxy:")))
                lit.insert(node);
        }
    }
    bool anyProxy = false;
    for (const QString &node : std::as_const(lit))
        anyProxy |= node.startsWith(QLatin1String("proxy:"));
    if (anyProxy) {
        for (const QString &node : m_nodes.keys()) {
            if (node.startsWith(QLatin1String("oauth:")))
                lit.insert(node);
        }
    }
    QSet<QString> known;
    for (const QString &node : std::as_const(lit)) {
        if (m_nodes.contains(node))
            known.insert(node);
    }
    return known;
}

void CredentialFlowScene::highlight(const QString &id)
{
    m_highlighted = m_nodes.contains(id) ? id : QString();
    applyHighlight();
}

QStringList CredentialFlowScene::highlightedIds() const
{
    QStringList ids(m_lit.cbegin(), m_lit.cend());
    ids.sort();
    return ids;
}

void CredentialFlowScene::applyHighlight()
{
    m_lit = m_highlighted.isEmpty() ? QSet<QString>() : blastRadius(m_highlighted);
    const bool dimming = !m_lit.isEmpty();
    for (auto it = m_nodes.cbegin(); it != m_nodes.cend(); ++it) {
        it.value()->setOpacity(!dimming || m_lit.contains(it.key()) ? 1.0 : 0.2);
        QPen pen = it.value()->pen();
        const bool failed = m_failedUsers.contains(it.key().section(QLatin1Char(':'), 1, -1)) &&
                            it.key().startsWith(QLatin1String("user:"));
        if (it.key() == m_highlighted)
            pen = QPen(QColor(0x15, 0x65, 0xc0), 3);
        else
            pen = failed ? QPen(penFor(EdgeKind::LiveFailed).color(), 2.6) : QPen(QColor(0x55, 0x5f, 0x6d), 1);
        it.value()->setPen(pen);
    }
    for (const Edge &edge : std::as_const(m_edges)) {
        const bool lit = m_lit.contains(edge.from) && m_lit.contains(edge.to);
        edge.item->setOpacity(!dimming || lit ? 1.0 : 0.12);
        QPen pen = penFor(edge.kind);
        if (dimming && lit)
            pen.setWidthF(pen.widthF() + 1.2);
        edge.item->setPen(pen);
    }
}

void CredentialFlowScene::selectionChanged()
{
    if (m_rebuilding)
        return;
    const QList<QGraphicsItem *> items = selectedItems();
    const QString id = items.isEmpty() ? QString() : items.constFirst()->data(0).toString();
    if (id.isEmpty() && m_highlighted.isEmpty())
        return;
    highlight(id);
    Q_EMIT nodeActivated(id);
}

} // namespace gw
