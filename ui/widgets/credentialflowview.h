// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGraphicsView>

namespace gw {

class CredentialFlowScene;

/// Shows a CredentialFlowScene: Ctrl+wheel or zoomIn()/zoomOut() zoom around the cursor, dragging pans,
/// fitAll() shows the whole diagram. Exports what the scene holds (not just what is visible) to PNG and SVG.
class CredentialFlowView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit CredentialFlowView(CredentialFlowScene *scene, QWidget *parent = nullptr);

    void zoomIn();
    void zoomOut();
    /// Shows the whole diagram (never larger than 1:1). Until the person zooms, the view keeps fitting
    /// itself when it is resized or its content changes (contentChanged()).
    void fitAll();
    void contentChanged();
    qreal zoom() const;

    /// Writes the whole diagram; false and `*error` (what, where) on failure.
    bool exportPng(const QString &path, QString *error) const;
    bool exportSvg(const QString &path, QString *error) const;

protected:
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void zoomBy(qreal factor);
    bool m_autoFit = true;
};

} // namespace gw
