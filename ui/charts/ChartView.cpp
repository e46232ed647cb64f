#include "charts/ChartView.h"

#include <QElapsedTimer>
#include <QGraphicsScene>
#include <QMouseEvent>

ChartView::ChartView(QChart* chart, QWidget* parent) : QChartView(chart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::NoRubberBand);
    setContextMenuPolicy(Qt::CustomContextMenu);
}

void ChartView::mousePressEvent(QMouseEvent* event)
{
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
    QChartView::mouseMoveEvent(event);
}

void ChartView::mouseReleaseEvent(QMouseEvent* event)
{
    if (!chart()) {
        QGraphicsView::mouseReleaseEvent(event);
        return;
    }
    QChartView::mouseReleaseEvent(event);
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
}

void ChartView::paintOverlay(QPainter* painter) const
{
    if (m_overlay) {
        painter->save();
        m_overlay(painter);
        painter->restore();
    }
}
