#pragma once
// One chart group (MetricSpec::chart, e.g. "loss"): a line per metric, train blue, val
// orange. The history lives in SeriesBuffers; the QLineSeries only ever get a decimated copy
// through replace() when refresh() runs (at most ~30 times a second, from ChartPanel).
//
// With smoothing > 0 each metric shows its raw curve faint and a debiased EMA solid on top.
// A log y-axis clamps values to >= 1e-12 (a single 0 would blank a QLogValueAxis series).
// Title and legend are painted by us above the plot (QLegend elides labels instead of
// wrapping them, which loses names on a narrow chart with many curves).
//
// TensorBoard's habits: drag a band to zoom (steps and values), double-click to go back to
// the auto range; "follow the last N steps"; a hover readout; a log step axis; a y range
// that ignores outliers (on by default). While zoomed, new data does not move the view.
// A chart whose every curve is constant or changes at a few steps only (a learning rate)
// folds into one line of text ("learning rate 0.01 (changed at step 500 to 0.001)") and
// unfolds when a curve starts to vary.
#include "charts/ChartLegend.h"
#include "charts/EmaSmoother.h"
#include "charts/FlatSeries.h"
#include "charts/HoverReadout.h"
#include "charts/NiceScale.h"
#include "charts/SeriesBuffer.h"
#include "labs/MetricSpec.h"
#include "labs/ParamEvent.h"

#include <QColor>
#include <QList>
#include <QPointF>
#include <QWidget>

#include <algorithm>

#include <vector>

class ChartView;
class QCategoryAxis;
class QChart;
class QLabel;
class QLineSeries;
class QLogValueAxis;
class QPainter;
class QValueAxis;

class LineChart : public QWidget {
    Q_OBJECT
public:
    static constexpr double kLogFloor = 1e-12;
    static constexpr double kColumnPx = 2.0;       // decimation column width
    static constexpr double kSmoothColumnPx = 6.0; // the same for smoothed curves

    struct Column {
        int index = 0;             // position in MetricRow::values
        reglab::MetricSpec spec;
    };

    LineChart(const QString& group, std::vector<Column> columns, QWidget* parent = nullptr);
    ~LineChart() override;

    QString group() const { return m_group; }
    QString title() const;
    const std::vector<Column>& columns() const { return m_columns; }
    ChartView* view() const { return m_view; }

    void addRow(const reglab::MetricRow& row);
    void addEvents(const std::vector<reglab::ParamEvent>& events);
    void clear();
    // Rollback to `step`: drops rows after it and the events the lab drops too
    // (reglab::eventSurvivesRollback).
    void truncateAfter(int64_t step);

    void setLogScale(bool on);
    bool logScale() const { return m_log; }
    void setSmoothing(double weight);
    double smoothing() const { return m_smoothing; }

    // The view. followSteps: show only the last n steps (0: all).
    void setFollowSteps(int64_t n);
    int64_t followSteps() const { return m_follow; }
    void setLogX(bool on);
    bool logX() const { return m_logX; }
    // The lab's wish for this chart's axes (MetricSpec::logSteps, logValues): how it starts.
    bool prefersLogSteps() const
    {
        return std::any_of(m_columns.begin(), m_columns.end(), [](const Column& c) { return c.spec.logSteps; });
    }
    // The step axis' title: the lab's (MetricSpec::stepLabel, e.g. "width p") or "step".
    QString stepTitle() const
    {
        for (const Column& c : m_columns)
            if (!c.spec.stepLabel.empty())
                return QString::fromStdString(c.spec.stepLabel);
        return QStringLiteral("step");
    }
    bool prefersLogValues() const
    {
        return std::any_of(m_columns.begin(), m_columns.end(), [](const Column& c) { return c.spec.logValues; });
    }
    void setIgnoreOutliers(bool on);
    bool ignoreOutliers() const { return m_robust; }
    // Zoom on steps [x0, x1] and, when y1 > y0, values [y0, y1] (else y fits the data).
    void zoomTo(double x0, double x1, double y0 = 0.0, double y1 = 0.0);
    void resetZoom();
    bool isZoomed() const { return m_zoomed; }
    // The hover readout for the pointer at `scenePos` (what the view reports), or none.
    void setHover(const QPointF& scenePos);
    void clearHover();
    const HoverReadout& readout() const { return m_readout; }
    // Folded into a text strip (see above); allowFolding(false) keeps it a chart.
    bool isFolded() const { return m_folded; }
    QString stripText() const;
    void allowFolding(bool on);

    // Pushes dirty data to the series (decimated) and rescales the axes.
    void refresh(bool force = false);
    bool isDirty() const { return m_dirty; }

    // For export: paints the chart and its event markers into `target`.
    void paintTo(QPainter* painter, const QRectF& target);
    QSize chartSize() const;
    // step + one column per metric, full-resolution history (see SeriesBuffer).
    QString toCsv() const;

    // Read-only access for tests and export.
    const SeriesBuffer& buffer(int i) const { return m_raw[size_t(i)]; }
    QList<QPointF> seriesPoints(int i, bool smoothed = false) const;
    QColor rawLineColor(int i) const; // the raw curve's pen: full colour, or faint under smoothing
    const std::vector<reglab::ParamEvent>& events() const { return m_events; }
    NiceRange xRange() const { return m_xRange; }
    NiceRange yRange() const { return m_yRange; }

signals:
    void exportImageRequested(LineChart* chart);
    void exportDataRequested(LineChart* chart);
    void logScaleToggled(LineChart* chart, bool on);
    void foldedChanged(LineChart* chart, bool folded);

private:
    static bool isTwinColumn(const Column& c); // a twin run's curve (id twin_<metric>)
    void rebuildSmoothed();
    void applyStyles();
    void restyle(); // colours, fonts and pens from ChartPalette again
    void attachY();
    void paintOverlay(QPainter* painter, bool live = true) const;
    QList<QPointF> visiblePoints(const SeriesBuffer& b, int pixels) const;
    void updateXAxis(double xMax);
    void updateReadout();
    bool updateFold(); // true when folded
    void zoomToScene(const QRectF& sceneRect);
    void updateHeader();
    static constexpr int kMinPlotHeight = 170; // px under the header: axes, labels, curves

    QString m_group;
    std::vector<Column> m_columns;
    ChartView* m_view = nullptr;
    QChart* m_chart = nullptr;
    QCategoryAxis* m_x = nullptr;
    QCategoryAxis* m_yLinear = nullptr;
    QLogValueAxis* m_yLog = nullptr;
    std::vector<QLineSeries*> m_rawSeries, m_smoothSeries;
    std::vector<QColor> m_colors; // one per metric
    ChartLegend m_legend;         // every main curve, the first twin one
    std::vector<SeriesBuffer> m_raw, m_smooth;
    std::vector<EmaSmoother> m_ema;
    std::vector<reglab::ParamEvent> m_events;
    bool m_log = false;
    double m_smoothing = 0.0;
    bool m_dirty = true;
    NiceRange m_xRange, m_yRange;
    bool m_yRangeSet = false;
    int m_headerHeight = -1;
    // The view: follow, log x, outliers, zoom; the x axis' range in its own coordinates.
    int64_t m_follow = 0;
    bool m_logX = false, m_robust = true, m_zoomed = false;
    double m_zoomX0 = 0, m_zoomX1 = 0, m_zoomY0 = 0, m_zoomY1 = 0;
    NiceRange m_xAxis;
    int m_xAxisMode = -1; // 0: StepAxis::update, 1: updateRange (forces a rebuild on change)
    bool m_hovering = false;
    QPointF m_hoverScene;
    HoverReadout m_readout;
    std::vector<FlatSeries> m_flat;
    QLabel* m_strip = nullptr;
    bool m_folded = false, m_foldAllowed = true;

protected:
    void resizeEvent(QResizeEvent* event) override;
};
