#include "charts/ChartPanel.h"

#include "charts/ChartView.h"

#include <QElapsedTimer>

#include <QGridLayout>
#include <QScrollArea>
#include <QTimer>

#include <algorithm>

ChartPanel::ChartPanel(QWidget* parent) : QWidget(parent)
{
    m_grid = new QGridLayout(this);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(6);
    m_timer = new QTimer(this);
    m_timer->setInterval(kRefreshIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &ChartPanel::refreshDirty);
    m_timer->start();
}

std::vector<ChartPanel::Group> ChartPanel::groupMetrics(const std::vector<reglab::MetricSpec>& metrics)
{
    std::vector<Group> groups;
    for (size_t i = 0; i < metrics.size(); ++i) {
        const auto& m = metrics[i];
        const QString name = QString::fromStdString(m.chart.empty() ? m.id : m.chart);
        auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.first == name; });
        if (it == groups.end()) {
            groups.push_back({name, {}});
            it = groups.end() - 1;
        }
        it->second.push_back({int(i), m});
    }
    return groups;
}

void ChartPanel::setMetrics(const std::vector<reglab::MetricSpec>& metrics)
{
    auto same = [](const reglab::MetricSpec& a, const reglab::MetricSpec& b) {
        return a.id == b.id && a.chart == b.chart && a.label == b.label && a.unit == b.unit;
    };
    bool unchanged = metrics.size() == m_metrics.size() && !m_charts.empty();
    for (size_t i = 0; unchanged && i < metrics.size(); ++i)
        unchanged = same(metrics[i], m_metrics[i]);
    if (unchanged) {
        clearData();
        return;
    }
    m_metrics = metrics;
    for (LineChart* c : m_charts)
        delete c;
    m_charts.clear();
    const auto groups = groupMetrics(metrics);
    for (size_t i = 0; i < groups.size(); ++i) {
        auto* chart = new LineChart(groups[i].first, groups[i].second, this);
        chart->setSmoothing(m_smoothing);
        if (groups[i].first == QLatin1String("loss"))
            chart->setLogScale(m_log);
        connect(chart, &LineChart::exportImageRequested, this, &ChartPanel::exportImageRequested);
        connect(chart, &LineChart::exportDataRequested, this, &ChartPanel::exportDataRequested);
        m_charts.push_back(chart);
    }
    placeCharts();
}

QScrollArea* ChartPanel::inScrollArea(QWidget* parent)
{
    auto* scroll = m_scroll = new QScrollArea(parent);
    scroll->setWidget(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return scroll;
}

void ChartPanel::setFirstMetrics(const std::vector<std::string>& metricIds)
{
    if (metricIds == m_first)
        return;
    m_first = metricIds;
    placeCharts();
    if (m_scroll)
        m_scroll->ensureVisible(0, 0);
}

void ChartPanel::placeCharts()
{
    // Rank of a chart: the first of m_first it shows, else after all of them.
    auto rank = [&](const LineChart* c) {
        for (size_t k = 0; k < m_first.size(); ++k)
            for (const auto& col : c->columns())
                if (col.spec.id == m_first[k])
                    return k;
        return m_first.size();
    };
    std::vector<LineChart*> order = m_charts;
    std::stable_sort(order.begin(), order.end(), [&](auto* a, auto* b) { return rank(a) < rank(b); });
    for (LineChart* c : order)
        m_grid->removeWidget(c);
    const int columns = order.size() > 1 ? 2 : 1;
    for (size_t i = 0; i < order.size(); ++i)
        m_grid->addWidget(order[i], int(i) / columns, int(i) % columns);
    for (int r = 0; r < m_grid->rowCount(); ++r)
        m_grid->setRowStretch(r, 1);
    for (int c = 0; c < columns; ++c)
        m_grid->setColumnStretch(c, 1);
}

void ChartPanel::clearData()
{
    for (LineChart* c : m_charts)
        c->clear();
}

void ChartPanel::addRows(const std::vector<reglab::MetricRow>& rows)
{
    for (LineChart* c : m_charts)
        for (const auto& r : rows)
            c->addRow(r);
}

void ChartPanel::addEvents(const std::vector<reglab::ParamEvent>& events)
{
    for (LineChart* c : m_charts)
        c->addEvents(events);
}

void ChartPanel::truncateAfter(int64_t step)
{
    for (LineChart* c : m_charts)
        c->truncateAfter(step);
}

void ChartPanel::setLogScale(bool on)
{
    m_log = on;
    for (LineChart* c : m_charts)
        if (c->group() == QLatin1String("loss"))
            c->setLogScale(on);
}

void ChartPanel::setSmoothing(double weight)
{
    m_smoothing = weight;
    for (LineChart* c : m_charts)
        c->setSmoothing(weight);
}

LineChart* ChartPanel::chart(const QString& group) const
{
    for (LineChart* c : m_charts)
        if (c->group() == group)
            return c;
    return nullptr;
}

void ChartPanel::refreshNow()
{
    for (LineChart* c : m_charts)
        c->refresh(true);
}

int ChartPanel::refreshIntervalMs() const { return m_timer->interval(); }

void ChartPanel::refreshDirty()
{
    if (!isVisible())
        return; // offscreen export calls refreshNow() itself
    QElapsedTimer t;
    t.start();
    qint64 paintNs = 0;
    bool any = false;
    for (LineChart* c : m_charts)
        if (c->isDirty()) {
            c->refresh();
            paintNs += c->view()->lastPaintNs(); // the previous frame's: a good guess for this one
            any = true;
        }
    if (!any)
        return;
    // Noisy curves with wide antialiased pens can take tens of ms to paint: then refresh
    // less often rather than leave the GUI no time for input.
    const double frameMs = (t.nsecsElapsed() + paintNs) / 1e6;
    const int interval = std::clamp(int(frameMs / kGuiShare), kRefreshIntervalMs, kSlowestIntervalMs);
    if (std::abs(interval - m_timer->interval()) > 5)
        m_timer->setInterval(interval);
}
