#pragma once
// QChartView with the 6.4 traps closed (STYLE-ANCHORS Part 3): a click where no graphics
// item is under the cursor no longer crashes (QTBUG-118669), antialiasing is on, no OpenGL.
// Overlays (event markers) are painted in drawForeground by a callback, so there are no
// per-frame QGraphicsItems and export can call the same painter.
//
// Interaction (TensorBoard's habits): a left-button drag inside the plot area draws a band
// and asks for a zoom on release (zoomRequested, scene coordinates); a double-click asks to
// reset (resetRequested); the pointer over the plot is reported for a hover readout
// (hoverMoved, scene coordinates; hoverLeft when it leaves). Only the viewport is updated:
// nothing here touches the series.
#include <QChartView>

#include <functional>

class ChartView : public QChartView {
    Q_OBJECT
public:
    // Paints in scene coordinates.
    using OverlayPainter = std::function<void(QPainter*)>;

    explicit ChartView(QChart* chart, QWidget* parent = nullptr);
    void setOverlayPainter(OverlayPainter painter) { m_overlay = std::move(painter); }
    void paintOverlay(QPainter* painter) const;
    // How long the last repaint took (wide antialiased curves are costly to paint; the
    // chart panel slows its refresh rate down to keep the GUI responsive).
    qint64 lastPaintNs() const { return m_lastPaintNs; }
    // The right-click menu of a chart at `pos` (view coordinates): "Export image" and
    // "Export data"; runs the one chosen.
    // copy: "Copy image" (omitted when empty).
    void execExportMenu(const QPoint& pos, const std::function<void()>& image, const std::function<void()>& data,
                        const std::function<void()>& copy = {});
    // Qt lays out only what is shown: a chart on a tab that is not shown has no size. For
    // export, this lays it out now at its tab's size (the view's parent widget takes its own
    // parent's size). Does nothing when the view is visible.
    void layOutIfHidden();
    // The band being dragged, in view coordinates (empty when none).
    QRect band() const { return m_dragging ? QRect(m_pressPos, m_dragPos).normalized() : QRect(); }
    static constexpr int kMinBandPx = 5; // a smaller drag is a click, not a zoom

signals:
    void zoomRequested(const QRectF& sceneRect);
    void resetRequested();
    void hoverMoved(const QPointF& scenePos);
    void hoverLeft();

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    void paintEvent(QPaintEvent* event) override;

private:
    OverlayPainter m_overlay;
    qint64 m_lastPaintNs = 0;
    bool m_dragging = false;
    QPoint m_pressPos, m_dragPos;
    QRectF plotInView() const;
};
