#include "charts/ChartPanel.h"

#include "charts/ChartView.h"
#include "charts/LineChartMenu.h"
#include "charts/StepAxis.h"
#include "settings/AppSettings.h"

#include <QElapsedTimer>
#include <QEvent>

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>
#include <QScrollArea>
#include <QTimer>

#include <algorithm>

ChartPanel::ChartPanel(QWidget* parent) : QWidget(parent)
{
    m_grid = new QGridLayout(this);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(6);
    m_header = buildHeader();
    m_header->hide(); // shown where inScrollArea() puts it
    m_timer = new QTimer(this);
    m_timer->setInterval(kRefreshIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &ChartPanel::refreshDirty);
    m_timer->start();
    m_settleTimer = new QTimer(this);
    m_settleTimer->setSingleShot(true);
    m_settleTimer->setInterval(kSettleMs);
    connect(m_settleTimer, &QTimer::timeout, this, &ChartPanel::settle);
}

void ChartPanel::settle()
{
    m_settleTimer->stop();
    m_streaming = false;
    for (LineChart* c : m_charts)
        c->view()->setRenderHint(QPainter::Antialiasing, true); // repaints when it changes
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
        chart->setFollowSteps(m_follow);
        chart->setLogX(m_logX || chart->prefersLogSteps());
        chart->setIgnoreOutliers(m_robust);
        connect(chart, &LineChart::foldedChanged, this, [this] { placeCharts(); });
        if (groups[i].first == QLatin1String("loss") || chart->prefersLogValues())
            chart->setLogScale(m_log || chart->prefersLogValues());
        connect(chart, &LineChart::exportImageRequested, this, &ChartPanel::exportImageRequested);
        connect(chart, &LineChart::exportDataRequested, this, &ChartPanel::exportDataRequested);
        m_charts.push_back(chart);
    }
    {
        // A lab whose charts start on a log step axis (margin) shows the box ticked.
        const QSignalBlocker block(m_logXBox);
        m_logXBox->setChecked(m_logX || std::any_of(m_charts.begin(), m_charts.end(),
                                                     [](const LineChart* c) { return c->prefersLogSteps(); }));
    }
    rebuildChartsMenu();
    placeCharts();
}

QWidget* ChartPanel::inScrollArea(QWidget* parent)
{
    auto* box = new QWidget(parent);
    auto* column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(4);
    m_header->setParent(box);
    column->addWidget(m_header);
    m_header->show();
    auto* scroll = m_scroll = new QScrollArea(box);
    column->addWidget(scroll, 1);
    scroll->setWidget(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->viewport()->installEventFilter(this); // one column or two, by its width
    return box;
}

bool ChartPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (m_scroll && watched == m_scroll->viewport() && event->type() == QEvent::Resize) {
        size_t shown = 0;
        for (LineChart* c : m_charts)
            shown += (chartShown(c->group()) && !c->isFolded()) ? 1 : 0;
        const int now = m_grid->count() > 0 && m_grid->columnStretch(1) > 0 ? 2 : 1;
        if (columnsFor(shown) != now)
            placeCharts();
    }
    return QWidget::eventFilter(watched, event);
}

int ChartPanel::columnsFor(size_t shown) const
{
    const bool wide = !m_scroll || m_scroll->viewport()->width() >= kTwoColumnsFrom;
    return shown > 1 && wide ? 2 : 1;
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
    for (int r = 0; r < m_grid->rowCount(); ++r)
        m_grid->setRowStretch(r, 0);
    // Charts in a grid of two columns, then the folded ones as strips across it.
    std::vector<LineChart*> shown, strips;
    for (LineChart* c : order) {
        c->setVisible(chartShown(c->group()));
        if (chartShown(c->group()))
            (c->isFolded() ? strips : shown).push_back(c);
    }
    const int columns = columnsFor(shown.size());
    for (size_t i = 0; i < shown.size(); ++i) {
        m_grid->addWidget(shown[i], int(i) / columns, int(i) % columns);
        m_grid->setRowStretch(int(i) / columns, 1);
    }
    int row = int(shown.size() + columns - 1) / columns;
    for (LineChart* c : strips)
        m_grid->addWidget(c, row++, 0, 1, columns);
    for (int c = 0; c < std::max(2, m_grid->columnCount()); ++c)
        m_grid->setColumnStretch(c, c < columns ? 1 : 0);
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
            c->setLogScale(on || c->prefersLogValues());
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
    settle(); // exports and screenshots are antialiased
    for (LineChart* c : m_charts)
        c->refresh(true);
}

int ChartPanel::refreshIntervalMs() const { return m_timer->interval(); }

bool ChartPanel::inView(const QWidget* chart) const
{
    if (!m_scroll)
        return true;
    const QWidget* port = m_scroll->viewport();
    return QRect(chart->mapTo(port, QPoint(0, 0)), chart->size()).intersects(port->rect());
}

void ChartPanel::refreshDirty()
{
    if (!isVisible())
        return; // offscreen export calls refreshNow() itself
    QElapsedTimer t;
    t.start();
    qint64 paintNs = 0;
    bool any = false;
    for (LineChart* c : m_charts)
        // A chart hidden by the picker, or scrolled out of view, waits until it shows: with
        // a twin most charts are below the fold, and refreshing them cost half a frame.
        if (c->isDirty() && !c->isHidden() && inView(c)) {
            c->view()->setRenderHint(QPainter::Antialiasing, false); // streaming: see kSettleMs
            c->refresh();
            paintNs += c->view()->lastPaintNs(); // the previous frame's: a good guess for this one
            any = true;
        }
    if (!any)
        return;
    m_streaming = true;
    m_settleTimer->start();
    // Noisy curves with wide antialiased pens can take tens of ms to paint: then refresh
    // less often rather than leave the GUI no time for input.
    const double frameMs = (t.nsecsElapsed() + paintNs) / 1e6;
    const int interval = std::clamp(int(frameMs / kGuiShare), kRefreshIntervalMs, kSlowestIntervalMs);
    if (std::abs(interval - m_timer->interval()) > 5)
        m_timer->setInterval(interval);
}

// ---- The header row: which charts, follow, log steps, outliers ----

QWidget* ChartPanel::buildHeader()
{
    auto* header = new QWidget(this);
    auto* row = new QHBoxLayout(header);
    row->setContentsMargins(0, 0, 0, 0);
    auto* charts = new QToolButton(header);
    charts->setText(tr("Charts..."));
    charts->setToolTip(tr("Choose which charts are shown"));
    charts->setPopupMode(QToolButton::InstantPopup);
    m_chartsMenu = new QMenu(charts);
    charts->setMenu(m_chartsMenu);
    row->addWidget(charts);
    row->addSpacing(4);
    row->addWidget(new QLabel(tr("Steps:"), header));
    m_followBox = new QComboBox(header);
    for (long long n : LineChartMenu::kFollowChoices)
        m_followBox->addItem(n == 0 ? tr("all") : tr("last %1").arg(StepAxis::label(double(n))), QVariant(qint64(n)));
    m_followBox->setToolTip(tr("Follow the last N steps (drag on a chart to zoom, double-click to reset)"));
    connect(m_followBox, &QComboBox::currentIndexChanged, this,
            [this](int i) { setFollowSteps(m_followBox->itemData(i).toLongLong()); });
    row->addWidget(m_followBox);
    m_logXBox = new QCheckBox(tr("Log x"), header);
    m_logXBox->setToolTip(tr("Steps on a logarithmic axis"));
    connect(m_logXBox, &QCheckBox::toggled, this, &ChartPanel::setLogX);
    row->addWidget(m_logXBox);
    m_robustBox = new QCheckBox(tr("Clip outliers"), header);
    m_robustBox->setToolTip(tr("Fit the y range to the bulk of the data (2nd to 98th percentile), not to rare spikes"));
    m_robustBox->setChecked(m_robust);
    connect(m_robustBox, &QCheckBox::toggled, this, &ChartPanel::setIgnoreOutliers);
    row->addWidget(m_robustBox);
    row->addStretch(1);
    return header;
}

void ChartPanel::rebuildChartsMenu()
{
    m_chartsMenu->clear();
    for (LineChart* c : m_charts) {
        QAction* a = m_chartsMenu->addAction(c->title());
        a->setCheckable(true);
        a->setChecked(chartShown(c->group()));
        a->setData(c->group());
        const QString group = c->group();
        connect(a, &QAction::toggled, this, [this, group](bool on) { setChartShown(group, on); });
    }
}

void ChartPanel::setSettings(AppSettings* settings)
{
    m_settings = nullptr; // no writes while reading
    if (settings) {
        m_hidden = settings->hiddenCharts();
        setFollowSteps(settings->followSteps());
        setLogX(settings->logSteps());
        setIgnoreOutliers(settings->ignoreOutliers());
        rebuildChartsMenu();
        placeCharts();
    }
    m_settings = settings;
}

void ChartPanel::saveView()
{
    if (!m_settings)
        return;
    m_settings->setHiddenCharts(m_hidden);
    m_settings->setFollowSteps(m_follow);
    m_settings->setLogSteps(m_logX);
    m_settings->setIgnoreOutliers(m_robust);
}

void ChartPanel::setChartShown(const QString& group, bool shown)
{
    if (shown == chartShown(group))
        return;
    if (shown)
        m_hidden.removeAll(group);
    else
        m_hidden.append(group);
    for (QAction* a : m_chartsMenu->actions())
        if (a->data().toString() == group) {
            const QSignalBlocker block(a);
            a->setChecked(shown);
        }
    placeCharts();
    saveView();
}

void ChartPanel::setFollowSteps(int64_t n)
{
    m_follow = std::max<int64_t>(0, n);
    {
        const QSignalBlocker block(m_followBox);
        const int i = m_followBox->findData(QVariant(qint64(m_follow)));
        if (i >= 0)
            m_followBox->setCurrentIndex(i);
    }
    for (LineChart* c : m_charts)
        c->setFollowSteps(m_follow);
    saveView();
}

void ChartPanel::setLogX(bool on)
{
    m_logX = on;
    {
        const QSignalBlocker block(m_logXBox);
        m_logXBox->setChecked(on);
    }
    for (LineChart* c : m_charts)
        c->setLogX(on);
    saveView();
}

void ChartPanel::setIgnoreOutliers(bool on)
{
    m_robust = on;
    {
        const QSignalBlocker block(m_robustBox);
        m_robustBox->setChecked(on);
    }
    for (LineChart* c : m_charts)
        c->setIgnoreOutliers(on);
    saveView();
}
