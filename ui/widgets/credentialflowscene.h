// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "advisor.h"
#include "workspace.h"

#include <QGraphicsScene>
#include <QHash>
#include <QSet>

class QGraphicsPathItem;
class QGraphicsRectItem;

namespace gw {

/// The credential flow of a workspace as a layered diagram: OAuth server -> proxies -> aliases ->
/// technical users -> .io projects, one column each, laid out so that related nodes sit side by side.
/// Problem edges are drawn apart (a missing role, a proxy without outbound auth, excess privilege, a
/// failed live check), with a legend. Selecting a user or an alias highlights its blast radius.
/// Node ids are "<kind>:<name>": "oauth:<issuer>", "proxy:OrdersList/1.0", "alias:io-orders-basic",
/// "user:svc-orders", "project:Orders".
class CredentialFlowScene : public QGraphicsScene
{
    Q_OBJECT
public:
    enum class EdgeKind { Normal, MissingRole, NoOutboundAuth, ExcessPrivilege, LiveFailed };
    struct Edge
    {
        QString from;
        QString to;
        EdgeKind kind = EdgeKind::Normal;
        QGraphicsPathItem *item = nullptr;
    };

    explicit CredentialFlowScene(QObject *parent = nullptr);
    ~CredentialFlowScene() override;

    /// Rebuilds the diagram; the analysis's live results (when checked) mark the users that failed.
    void setContent(const Workspace &workspace, const Advisor::Analysis &analysis);

    QStringList nodeIds() const;
    QRectF nodeRect(const QString &id) const;
    const QList<Edge> &edges() const { return m_edges; }
    QList<Edge> edgesOfKind(EdgeKind kind) const;

    /// Highlights the blast radius of the node (for a user or alias: its aliases, the proxies that use
    /// them and the projects the user reaches; for a proxy or project: the chain through it) and dims
    /// everything else. An empty id clears the highlight.
    void highlight(const QString &id);
    QString highlightedNode() const { return m_highlighted; }
    /// The ids lit by the current highlight, sorted; empty when nothing is highlighted.
    QStringList highlightedIds() const;

    static QString nodeId(const QString &kind, const QString &name) { return kind + QLatin1Char(':') + name; }

Q_SIGNALS:
    /// A node was clicked (its id), or the selection was cleared (empty).
    void nodeActivated(const QString &id);

private:
    void addNode(const QString &id, const QString &label, int column, int row, const QString &tooltip);
    void addEdge(const QString &from, const QString &to, EdgeKind kind, const QString &tooltip = {});
    void addLegend(qreal top);
    void selectionChanged();
    void applyHighlight();
    QSet<QString> blastRadius(const QString &id) const;

    Workspace m_workspace;
    Advisor::Analysis m_analysis;
    QHash<QString, QGraphicsRectItem *> m_nodes;
    QList<Edge> m_edges;
    QSet<QString> m_failedUsers;
    QString m_highlighted;
    QSet<QString> m_lit;
    bool m_rebuilding = false;
};

} // namespace gw
