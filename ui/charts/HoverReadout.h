#pragma once
// The hover readout of a line chart (TensorBoard's tooltip): a vertical line at the step
// under the pointer and a small box listing that step and each visible curve's value there,
// the smoothed value first and the raw one beside it when smoothing is on. Values are read
// from what the chart draws (the decimated series), nearest point in x.
#include <QColor>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <vector>

class QPainter;

class HoverReadout {
public:
    struct Row {
        QString label;
        QColor color;
        bool dashed = false;  // a twin run's curve
        double value = 0.0;   // smoothed when smoothing, else raw
        double raw = 0.0;
        bool hasRaw = false;  // show "raw ..." beside the value
    };
    bool valid = false;
    double step = 0.0;   // the step shown
    QString heading;     // the box's first line; empty: "step <step>"
    double axisX = 0.0;  // where its line is, in axis coordinates
    std::vector<Row> rows;

    // Index of the point of `pts` (sorted by x) nearest to x; -1 when empty.
    static int nearest(const QList<QPointF>& pts, double x);
    // "step 1200\ntrain loss 0.31 (raw 0.35)\n...": what the box shows, one line per row.
    QString text() const;
    // px: the line's x in the painter's coordinates; plot: the plot area there; the box may
    // reach over the axes into `bounds` (the chart) when the plot is narrower than it.
    void paint(QPainter* painter, const QRectF& plot, const QRectF& bounds, double px) const;
};
