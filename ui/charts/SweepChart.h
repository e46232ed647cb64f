#pragma once
// A sweep's picture (issue 13): the chosen final metric against the swept param. Every
// seed's point is drawn faint, the median over the seeds of each value as a bold line with
// markers. The x axis is the param's numbers (linear or log) or, for a choice param, its
// names in the order swept; y is linear or log. The x axis is laid out from the values at
// setup(), so a sweep that fills in live does not move it.
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
class QLineSeries;
class QPainter;
class QScatterSeries;

struct SweepChartSetup {
    QString paramLabel;  // x axis title ("L2 penalty")
    QString metricLabel; // y axis title ("val loss")
    QString title;       // above the chart
    QStringList values;  // the swept values as texts, in order
    std::vector<double> xs; // their numbers; empty for a choice param (categorical axis)
    int seeds = 1;
    bool logX = false, logY = false;

    bool categorical() const { return xs.empty(); }
    // For `sweep` (prepared) charting metric `metric` (an index into sweep.metrics()).
    static SweepChartSetup of(const reglab::Sweep& sweep, int metric, bool logX, bool logY);
};

class SweepChart : public QWidget {
    Q_OBJECT
public:
    static constexpr double kLogFloor = 1e-12;

    explicit SweepChart(QWidget* parent = nullptr);
    ~SweepChart() override;

    // A new, empty chart for these values and axes.
    void setup(const SweepChartSetup& setup);
    const SweepChartSetup& currentSetup() const { return m_setup; }
    // The points trained so far (any order; those not done are skipped): their final value
    // of `metric` (an index into SweepPoint::finals).
    void setPoints(const std::vector<reglab::SweepPoint>& points, int metric);

    // For tests: the seeds' points and the median line as drawn (x in axis units: the
    // value's index for a categorical axis).
    QList<QPointF> seedPoints() const;
    QList<QPointF> medianPoints() const;
    ChartView* view() const { return m_view; }
    QChart* chart() const { return m_chart; }

    void paintTo(QPainter* painter, const QRectF& target);
    QSize chartSize() const;

signals:
    void exportImageRequested();
    void exportDataRequested();

private:
    void restyle();
    void rescaleY();
    void setAxis(Qt::Alignment side, QAbstractAxis* axis);
    double xOf(size_t valueIndex) const;

    SweepChartSetup m_setup;
    QChart* m_chart = nullptr;
    ChartView* m_view = nullptr;
    QScatterSeries* m_seeds = nullptr;
    QLineSeries* m_median = nullptr;
    QAbstractAxis* m_x = nullptr;
    QAbstractAxis* m_y = nullptr;
};
