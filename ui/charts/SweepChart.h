#pragma once
// A sweep's picture (issue 13): the chosen final metric against the swept param. Every
// seed's point is drawn faint, the median over the seeds of each value as a bold line with
// markers. The x axis is the param's numbers (linear or log) or, for a choice param, its
// names in the order swept; y is linear or log. The x axis is laid out from the values at
// setup(), so a sweep that fills in live does not move it.
//
// A sweep with curves (issue 14) draws one line per curve, in the class colours. With a
// metric on x (a frontier: accuracy on A against accuracy on B), each curve joins its
// values' median points in the order swept, each labelled with its value; both axes then
// follow the data.
//
// One paint path for screen and export (paintTo), like every chart of the window; the
// right-click menu exports the image (PNG, SVG, PDF), copies it, or exports the data.
#include "run/Sweep.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class ChartView;
class QAbstractAxis;
class QChart;
class QGraphicsSimpleTextItem;
class QLineSeries;
class QPainter;
class QScatterSeries;

struct SweepChartSetup {
    QString paramLabel;  // x axis title ("L2 penalty"), or the x metric's label
    QString metricLabel; // y axis title ("val loss")
    QString title;       // above the chart
    QStringList values;  // the swept values as texts, in order
    std::vector<double> xs; // their numbers; empty for a choice param (categorical axis)
    QStringList curves;  // "penalty ewc", ...: one line each; empty for one
    int xMetric = -1;    // >= 0: x is this metric (an index into SweepPoint::finals)
    bool xFraction = false, yFraction = false; // an accuracy: the axis stops at 1
    int seeds = 1;
    bool logX = false, logY = false;

    bool categorical() const { return xs.empty() && xMetric < 0; }
    bool xIsMetric() const { return xMetric >= 0; }
    int curveCount() const { return std::max(1, int(curves.size())); }
    // For `sweep` (prepared) charting metric `metric` (an index into sweep.metrics())
    // against the param, or against metric xMetric when it is >= 0.
    static SweepChartSetup of(const reglab::Sweep& sweep, int metric, bool logX, bool logY, int xMetric = -1);
};

class SweepChart : public QWidget {
    Q_OBJECT
public:
    static constexpr double kLogFloor = 1e-12;

    explicit SweepChart(QWidget* parent = nullptr);
    ~SweepChart() override;

    // A new, empty chart for these values, curves and axes.
    void setup(const SweepChartSetup& setup);
    const SweepChartSetup& currentSetup() const { return m_setup; }
    // The points trained so far (any order; those not done are skipped): their final value
    // of `metric` (an index into SweepPoint::finals).
    void setPoints(const std::vector<reglab::SweepPoint>& points, int metric);

    // For tests: one curve's seed points and median line as drawn (x in axis units: the
    // value's index for a categorical axis), and the value labels of a frontier shown.
    QList<QPointF> seedPoints(int curve = 0) const;
    QList<QPointF> medianPoints(int curve = 0) const;
    QStringList valueLabels(int curve = 0) const;
    ChartView* view() const { return m_view; }
    QChart* chart() const { return m_chart; }

    void paintTo(QPainter* painter, const QRectF& target);
    QSize chartSize() const;

signals:
    void exportImageRequested();
    void exportDataRequested();

private:
    struct Curve {
        QScatterSeries* seeds = nullptr;
        QLineSeries* median = nullptr;
        std::vector<QGraphicsSimpleTextItem*> labels; // a frontier's value labels, one per median point
        QStringList values;                           // their values
    };
    void restyle();
    void rescale();
    void placeLabels();
    void setAxis(Qt::Alignment side, QAbstractAxis* axis);
    void setCurves(int count);
    double xOf(size_t valueIndex) const;

    SweepChartSetup m_setup;
    QChart* m_chart = nullptr;
    ChartView* m_view = nullptr;
    std::vector<Curve> m_curves;
    QAbstractAxis* m_x = nullptr;
    QAbstractAxis* m_y = nullptr;
};
