// SPDX-License-Identifier: GPL-3.0-or-later
#include "credentialflowview.h"

#include "credentialflowscene.h"

#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWheelEvent>

#include <algorithm>

namespace gw {

namespace {
constexpr qreal MinimumFitZoom = 0.55;
}

CredentialFlowView::CredentialFlowView(CredentialFlowScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);
}

qreal CredentialFlowView::zoom() const
{
    return transform().m11();
}

void CredentialFlowView::zoomBy(qreal factor)
{
    const qreal next = zoom() * factor;
    if (next < 0.05 || next > 8)
        return;
    m_autoFit = false;
    scale(factor, factor);
}

void CredentialFlowView::zoomIn()
{
    zoomBy(1.25);
}

void CredentialFlowView::zoomOut()
{
    zoomBy(0.8);
}

void CredentialFlowView::fitAll()
{
    m_autoFit = true;
    if (!scene())
        return;
    const QRectF rect = scene()->sceneRect();
    fitInView(rect, Qt::KeepAspectRatio);
    if (zoom() > 1) { // a small diagram is shown at its size, not blown up
        setTransform(QTransform());
    } else if (zoom() < MinimumFitZoom) {
        // A tall diagram (many proxies) fitted whole would be too small to read: fit its width, start at the top.
        const qreal factor = std::min(1.0, viewport()->width() / std::max(1.0, rect.width()));
        setTransform(QTransform::fromScale(factor, factor));
        centerOn(rect.center().x(), rect.top() + viewport()->height() / (2 * factor));
    }
}

void CredentialFlowView::contentChanged()
{
    if (m_autoFit)
        fitAll();
}

void CredentialFlowView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_autoFit)
        fitAll();
}

void CredentialFlowView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        zoomBy(event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15);
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

bool CredentialFlowView::exportPng(const QString &path, QString *error) const
{
    const QRectF source = scene()->sceneRect();
    // Twice the scene's size keeps the text sharp when the image is zoomed or printed.
    QImage image((source.size() * 2).toSize(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        scene()->render(&painter, QRectF(QPointF(0, 0), image.size()), source);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(QFileInfo(path).absoluteFilePath(), file.errorString());
        return false;
    }
    return true;
}

bool CredentialFlowView::exportSvg(const QString &path, QString *error) const
{
    const QRectF source = scene()->sceneRect();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Could not write %1: %2").arg(QFileInfo(path).absoluteFilePath(), file.errorString());
        return false;
    }
    QSvgGenerator generator;
    generator.setOutputDevice(&file);
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
    generator.setTitle(tr("Gatewright credential flow"));
    generator.setDescription(tr("OAuth server, proxies, aliases, technical users and .io projects"));
    {
        QPainter painter(&generator);
        scene()->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    }
    if (!file.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(QFileInfo(path).absoluteFilePath(), file.errorString());
        return false;
    }
    return true;
}

} // namespace gw
