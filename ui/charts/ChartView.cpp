#include "charts/ChartView.h"

#include <QElapsedTimer>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QLayout>
#include <QMenu>
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

void ChartView::execExportMenu(const QPoint& pos, const std::function<void()>& image, const std::function<void()>& data)
{
    QMenu menu(this);
    QAction* img = menu.addAction(tr("Export image (PNG, SVG, PDF)..."));
    QAction* csv = menu.addAction(tr("Export data (CSV)..."));
    QAction* chosen = menu.exec(mapToGlobal(pos));
    if (chosen == img)
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
