#include "charts/ChartView.h"

#include <QElapsedTimer>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QLayout>
#include <QMenu>
#include <QMouseEvent>

#include <algorithm>

ChartView::ChartView(QChart* chart, QWidget* parent) : QChartView(chart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::NoRubberBand);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
}

QRectF ChartView::plotInView() const
{
    if (!chart())
        return {};
    return mapFromScene(chart()->mapToScene(chart()->plotArea()).boundingRect()).boundingRect();
}

void ChartView::mousePressEvent(QMouseEvent* event)
{
    if (chart() && event->button() == Qt::LeftButton && plotInView().contains(event->position())) {
        m_dragging = true;
        m_pressPos = m_dragPos = event->position().toPoint();
        event->accept();
        return;
    }
    // QChartView::mousePressEvent dereferences itemAt(pos) unchecked in 6.4.
    if (!chart() || !scene() || !itemAt(event->pos())) {
        QGraphicsView::mousePressEvent(event);
        return;
    }
    QChartView::mousePressEvent(event);
}

void ChartView::mouseMoveEvent(QMouseEvent* event)
{
    if (!chart()) {
        QGraphicsView::mouseMoveEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    if (m_dragging) {
        // The band stays inside the plot.
        const QRect plot = plotInView().toAlignedRect();
        m_dragPos = QPoint(std::clamp(pos.x(), plot.left(), plot.right()), std::clamp(pos.y(), plot.top(), plot.bottom()));
    }
    if (plotInView().contains(pos))
        emit hoverMoved(mapToScene(pos));
    else
        emit hoverLeft();
    viewport()->update();
    QChartView::mouseMoveEvent(event);
}

void ChartView::mouseReleaseEvent(QMouseEvent* event)
{
    if (!chart()) {
        QGraphicsView::mouseReleaseEvent(event);
        return;
    }
    if (m_dragging && event->button() == Qt::LeftButton) {
        const QRect r = band();
        m_dragging = false;
        viewport()->update();
        if (r.width() >= kMinBandPx)
            emit zoomRequested(mapToScene(r).boundingRect());
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void ChartView::mouseDoubleClickEvent(QMouseEvent* event)
{
    m_dragging = false;
    if (event->button() == Qt::LeftButton) {
        emit resetRequested();
        event->accept();
        return;
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

bool ChartView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::Leave) {
        emit hoverLeft();
        viewport()->update();
    }
    return QChartView::viewportEvent(event);
}

void ChartView::paintEvent(QPaintEvent* event)
{
    QElapsedTimer t;
    t.start();
    QChartView::paintEvent(event);
    m_lastPaintNs = t.nsecsElapsed();
}

void ChartView::drawForeground(QPainter* painter, const QRectF& rect)
{
    QChartView::drawForeground(painter, rect);
    paintOverlay(painter);
    if (m_dragging) {
        const QRect r = band();
        painter->save();
        painter->setPen(QPen(QColor(0x33, 0x66, 0xcc), 1.0, Qt::DashLine));
        painter->setBrush(QColor(0x33, 0x66, 0xcc, 40));
        painter->drawRect(mapToScene(r).boundingRect());
        painter->restore();
    }
}

void ChartView::paintOverlay(QPainter* painter) const
{
    if (m_overlay) {
        painter->save();
        m_overlay(painter);
        painter->restore();
    }
}

void ChartView::execExportMenu(const QPoint& pos, const std::function<void()>& image, const std::function<void()>& data,
                               const std::function<void()>& copy)
{
    QMenu menu(this);
    QAction* img = menu.addAction(tr("Export image (PNG, SVG, PDF)..."));
    QAction* csv = menu.addAction(tr("Export data (CSV)..."));
    QAction* cp = copy ? menu.addAction(tr("Copy image")) : nullptr;
    QAction* chosen = menu.exec(mapToGlobal(pos));
    if (chosen && chosen == cp)
        copy();
    else if (chosen == img)
        image();
    else if (chosen == csv)
        data();
}

void ChartView::layOutIfHidden()
{
    QWidget* page = parentWidget();
    if (isVisible() || !chart() || !page)
        return;
    if (QWidget* tabs = page->parentWidget(); tabs && !page->isVisible())
        page->resize(tabs->size());
    if (page->layout())
        page->layout()->setGeometry(page->contentsRect());
    chart()->resize(size());
    // Axis labels are measured in one pass and placed in the next: two passes, as the
    // event loop would run them.
    for (int pass = 0; pass < 2; ++pass) {
        chart()->layout()->invalidate();
        chart()->layout()->activate();
    }
}
