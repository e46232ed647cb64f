#pragma once
// The curve charts of a lab, built generically from Lab::metrics(): one LineChart per
// MetricSpec::chart group, in order of first appearance, in a two-column grid. A single
// timer (<= 30 Hz) refreshes only the charts whose data changed.
//
// A header row (header(), placed above the scroll area by inScrollArea()): "Charts..." (which charts are shown), "Steps" (all, or
// follow the last 100 / 1k / 10k), "Log steps" (log x axis), "Ignore outliers" (robust y
// range). Folded charts (constant or piecewise-constant curves, see LineChart) sit as
// one-line strips under the grid. With setSettings() these choices persist.
#include "charts/LineChart.h"
#include "labs/MetricSpec.h"
#include "labs/ParamEvent.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <utility>
#include <vector>

class AppSettings;
class QCheckBox;
class QComboBox;
class QGridLayout;
class QMenu;
class QTimer;

class QScrollArea;

class ChartPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRefreshIntervalMs = 25;   // fastest: 40 Hz, so 30+ frames a second show new data
    static constexpr int kSlowestIntervalMs = 500;  // slowest, however costly the frames
    // Refreshing and repainting the charts may use this share of the GUI thread (the trainer
    // has the other core; input still waits under 50 ms at the 99th percentile with a twin).
    static constexpr double kGuiShare = 0.7;
    // Below this width of the chart area the charts stack in one column: two would be squeezed
    // under 250 px each, their legends in many rows (on a 1024-pixel screen).
    static constexpr int kTwoColumnsFrom = 520;
    using Group = std::pair<QString, std::vector<LineChart::Column>>;

    explicit ChartPanel(QWidget* parent = nullptr);

    // Metrics grouped by chart, in order of first appearance (metrics without a group go
    // to one named after the metric).
    static std::vector<Group> groupMetrics(const std::vector<reglab::MetricSpec>& metrics);

    // Rebuilds the charts when the groups or columns differ, else only clears the data.
    void setMetrics(const std::vector<reglab::MetricSpec>& metrics);
    void clearData();
    void addRows(const std::vector<reglab::MetricRow>& rows);
    void addEvents(const std::vector<reglab::ParamEvent>& events);
    void truncateAfter(int64_t step);
    // The charts of these metrics come first (a lesson's claim), the others after them in
    // their own order, and the panel scrolls to its top. Empty: the lab's order.
    void setFirstMetrics(const std::vector<std::string>& metricIds);
    // This panel in a vertical scroll area (many charts scroll rather than squeeze), under
    // its header row (which stays in view).
    QWidget* inScrollArea(QWidget* parent);
    QWidget* header() const { return m_header; }

    // The log toggle applies to the "loss" charts (the other groups keep their own state).
    void setLogScale(bool on);
    bool logScale() const { return m_log; }
    void setSmoothing(double weight);
    double smoothing() const { return m_smoothing; }

    // Reads the view choices from `settings` and writes them back when they change.
    void setSettings(AppSettings* settings);
    void setChartShown(const QString& group, bool shown);
    bool chartShown(const QString& group) const { return !m_hidden.contains(group); }
    QMenu* chartsMenu() const { return m_chartsMenu; }
    void setFollowSteps(int64_t n); // 0: all steps
    int64_t followSteps() const { return m_follow; }
    void setLogX(bool on);
    bool logX() const { return m_logX; }
    void setIgnoreOutliers(bool on);
    bool ignoreOutliers() const { return m_robust; }

    const std::vector<LineChart*>& charts() const { return m_charts; }
    LineChart* chart(const QString& group) const;
    void refreshNow();
    int refreshIntervalMs() const;
    // While curves stream in (a refresh in the last kSettleMs), the charts paint without
    // antialiasing: the antialiased stroke of every curve was two thirds of a frame, and
    // with a twin the window fell to 15 redraws a second. Once the data stop, and before any
    // screenshot or export, they paint antialiased again.
    static constexpr int kSettleMs = 400;
    bool streaming() const { return m_streaming; }
    // True when some of chart lies inside the scroll area's viewport (always without one).
    bool inView(const QWidget* chart) const;
    void settle();

signals:
    void exportImageRequested(LineChart* chart);
    void exportDataRequested(LineChart* chart);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    int columnsFor(size_t shown) const;
    void refreshDirty();
    void placeCharts();
    QWidget* buildHeader();
    void rebuildChartsMenu();
    void saveView();

    std::vector<reglab::MetricSpec> m_metrics;
    std::vector<LineChart*> m_charts;
    QGridLayout* m_grid = nullptr;
    std::vector<std::string> m_first;
    QScrollArea* m_scroll = nullptr;
    QTimer* m_timer = nullptr;
    QTimer* m_settleTimer = nullptr;
    bool m_streaming = false;
    bool m_log = false;
    double m_smoothing = 0.0;
    AppSettings* m_settings = nullptr;
    QStringList m_hidden;
    int64_t m_follow = 0;
    bool m_logX = false, m_robust = true;
    QWidget* m_header = nullptr;
    QMenu* m_chartsMenu = nullptr;
    QComboBox* m_followBox = nullptr;
    QCheckBox* m_logXBox = nullptr;
    QCheckBox* m_robustBox = nullptr;
};
