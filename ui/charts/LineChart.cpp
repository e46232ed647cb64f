#include "charts/LineChart.h"

#include "charts/ChartPalette.h"
#include "charts/ChartStyle.h"
#include "charts/ChartView.h"
#include "charts/EventMarkers.h"
#include "charts/LineChartMenu.h"
#include "charts/RobustRange.h"
#include "charts/StepAxis.h"
#include "charts/ValueTicks.h"

#include <QCategoryAxis>
#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMenu>
#include <QPainter>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

LineChart::LineChart(const QString& group, std::vector<Column> columns, QWidget* parent)
    : QWidget(parent), m_group(group), m_columns(std::move(columns))
{
    // A reference level is the same for a run and its twin: one line is enough.
    m_columns.erase(std::remove_if(m_columns.begin(), m_columns.end(),
                                   [](const Column& c) { return c.spec.reference && isTwinColumn(c); }),
                    m_columns.end());
    m_chart = ChartStyle::newChart(); // the legend is painted by paintOverlay, wrapping instead of eliding

    // Category axis: its labels are ours ("250k" instead of an elided "250000").
    m_x = new QCategoryAxis();
    m_x->setTitleText(stepTitle());
    m_x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_x->setRange(0, 10);
    m_yLinear = new QCategoryAxis(); // labels at the nice ticks, written by ValueTicks
    m_yLinear->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_yLog = new QLogValueAxis(); // not in the chart yet: ours to delete
    m_yLog->setBase(10.0);
    m_yLog->setLabelFormat(QStringLiteral("%.0e"));
    m_yLog->setMinorTickCount(8);
    // The unit names the y axis when all curves share it.
    QString unit;
    bool sameUnit = !m_columns.empty();
    for (const auto& c : m_columns)
        if (QString::fromStdString(c.spec.unit) != QString::fromStdString(m_columns.front().spec.unit))
            sameUnit = false;
    if (sameUnit)
        unit = QString::fromStdString(m_columns.front().spec.unit);
    m_yLinear->setTitleText(unit);
    m_yLog->setTitleText(unit);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_yLinear, Qt::AlignLeft);

    for (const auto& c : m_columns) {
        auto* raw = new QLineSeries();
        auto* smooth = new QLineSeries();
        // Every series is named: an unnamed one still gets an empty legend marker.
        const QString label = QString::fromStdString(c.spec.label.empty() ? c.spec.id : c.spec.label);
        raw->setName(label);
        smooth->setName(label);
        m_chart->addSeries(raw);
        m_chart->addSeries(smooth);
        for (auto* s : {raw, smooth}) {
            s->attachAxis(m_x);
            s->attachAxis(m_yLinear);
        }
        m_rawSeries.push_back(raw);
        m_smoothSeries.push_back(smooth);
        m_raw.emplace_back();
        m_smooth.emplace_back();
        m_ema.emplace_back(0.0);
        m_flat.emplace_back();
    }
    m_view = new ChartView(m_chart, this);
    m_view->setOverlayPainter([this](QPainter* p) { paintOverlay(p); });
    m_view->setMinimumSize(200, 170);
    connect(m_view, &QWidget::customContextMenuRequested, this,
            [this](const QPoint& pos) { LineChartMenu::exec(this, m_view->mapToGlobal(pos)); });
    connect(m_chart, &QChart::plotAreaChanged, this, [this] { m_dirty = true; });
    connect(m_view, &ChartView::zoomRequested, this, &LineChart::zoomToScene);
    connect(m_view, &ChartView::resetRequested, this, &LineChart::resetZoom);
    connect(m_view, &ChartView::hoverMoved, this, &LineChart::setHover);
    connect(m_view, &ChartView::hoverLeft, this, &LineChart::clearHover);
    updateHeader();
    m_strip = new QLabel(this);
    m_strip->setTextFormat(Qt::PlainText);
    m_strip->setContentsMargins(8, 2, 8, 2);
    m_strip->setWordWrap(true); // a long strip wraps instead of widening the whole chart panel
    m_strip->hide();
    m_strip->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_strip, &QWidget::customContextMenuRequested, this, [this](const QPoint& p) {
        QMenu menu(this);
        QAction* show = menu.addAction(tr("Show as a chart"));
        if (menu.exec(m_strip->mapToGlobal(p)) == show)
            allowFolding(false);
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_strip);
    layout->addWidget(m_view);
    restyle();
    connect(ChartStyle::instance(), &ChartStyle::changed, this, &LineChart::restyle);
}

void LineChart::restyle()
{
    int other = 0;
    std::map<std::string, QColor> colorOf; // a twin's curve takes its main curve's colour
    bool twinInLegend = false;
    m_colors.clear();
    m_legend = ChartLegend();
    for (const auto& c : m_columns) {
        const bool twin = isTwinColumn(c);
        const std::string id = twin ? c.spec.id.substr(5) : c.spec.id;
        const bool trainOrVal = id.rfind("train", 0) == 0 || id.rfind("val", 0) == 0;
        QColor color;
        if (twin && colorOf.count(id))
            color = ChartPalette::twinColor(colorOf[id]);
        else if (c.spec.reference)
            color = ChartPalette::referenceColor();
        else
            color = ChartPalette::metricColor(id, trainOrVal ? 0 : other++);
        colorOf.emplace(id, color);
        // One legend entry for all twin curves: "twin: dropout 0.5", dashed.
        if (!twin || !twinInLegend)
            m_legend.add({QString::fromStdString(c.spec.label.empty() ? c.spec.id : c.spec.label), color, twin});
        twinInLegend = twinInLegend || twin;
        m_colors.push_back(color);
    }
    ChartStyle::styleChart(m_chart);
    ChartStyle::styleAxis(m_yLog); // the y axis not in the chart
    ChartStyle::styleAxis(m_yLinear);
    applyStyles();
    m_strip->setStyleSheet(ChartPalette::stripStyleSheet());
    m_dirty = true;
}

LineChart::~LineChart()
{
    // The chart deletes the axes attached to it; the detached y axis is ours. (Qt Charts
    // aborts when an axis still bound to a chart is deleted, so no QObject parent here.)
    QAbstractAxis* detached = m_log ? static_cast<QAbstractAxis*>(m_yLinear) : m_yLog;
    delete m_view;
    m_view = nullptr;
    delete detached;
}

QString LineChart::title() const { return ChartPalette::groupTitle(m_group); }

bool LineChart::isTwinColumn(const Column& c) { return c.spec.id.rfind("twin_", 0) == 0; }

void LineChart::applyStyles()
{
    const bool smoothing = m_smoothing > 0.0;
    for (size_t i = 0; i < m_rawSeries.size(); ++i) {
        const QColor c = m_colors[i]; // the series' own colour changes with its pen
        QPen solid(c, ChartPalette::lineWidth(2.5));
        solid.setCapStyle(Qt::RoundCap);
        if (isTwinColumn(m_columns[i])) {
            solid.setWidthF(ChartPalette::lineWidth(2.0));
            solid.setStyle(Qt::DashLine);
            solid.setCapStyle(Qt::FlatCap);
        } else if (m_columns[i].spec.reference) { // a ceiling, not a measurement
            solid.setWidthF(ChartPalette::lineWidth(1.5));
            solid.setStyle(Qt::DotLine);
            solid.setCapStyle(Qt::FlatCap);
        }
        // Bevel joins look the same at this width, and spare the stroker an arc per vertex.
        solid.setJoinStyle(Qt::BevelJoin);
        // Opaque, mixed with the background: a translucent pen makes Qt stroke-and-fill the
        // whole zig-zag path, ~5x slower to paint.
        const QColor faint = ChartPalette::faint(c);
        // A lone dot is drawn solid: faint is for a raw curve under its smoothed twin.
        const bool faintRaw = smoothing && !m_rawSeries[i]->pointsVisible();
        // A 1-px cosmetic pen takes Qt's fast line path; wider pens go through the general
        // stroker, which dominated paint time on long noisy (min/max-decimated) curves.
        QPen thin(faint, 1.0);
        thin.setCosmetic(true);
        m_rawSeries[i]->setPen(faintRaw ? thin : solid);
        m_rawSeries[i]->setBrush(c);
        m_smoothSeries[i]->setPen(solid);
        m_smoothSeries[i]->setVisible(smoothing);
    }
}

void LineChart::addRow(const reglab::MetricRow& row)
{
    const double x = double(row.step);
    for (size_t i = 0; i < m_columns.size(); ++i) {
        const int col = m_columns[i].index;
        if (col < 0 || size_t(col) >= row.values.size())
            continue;
        const double y = row.values[size_t(col)];
        if (!std::isfinite(y))
            continue;
        const int64_t before = m_raw[i].appendedCount();
        m_raw[i].append(x, y);
        if (m_raw[i].appendedCount() == before)
            continue;
        m_flat[i].add(x, y);
        if (m_smoothing > 0.0)
            m_smooth[i].append(x, m_ema[i].add(y));
    }
    m_dirty = true;
}

void LineChart::addEvents(const std::vector<reglab::ParamEvent>& events)
{
    if (events.empty())
        return;
    m_events.insert(m_events.end(), events.begin(), events.end());
    m_dirty = true;
}

void LineChart::clear()
{
    for (auto& b : m_raw)
        b.clear();
    for (auto& b : m_smooth)
        b.clear();
    for (auto& e : m_ema)
        e.reset();
    for (auto& f : m_flat)
        f.clear();
    m_zoomed = false;
    m_events.clear();
    m_yRangeSet = false;
    m_dirty = true;
}

void LineChart::truncateAfter(int64_t step)
{
    for (auto& b : m_raw)
        b.truncateAfter(double(step));
    for (size_t i = 0; i < m_raw.size(); ++i) {
        m_flat[i].clear();
        for (const QPointF& p : m_raw[i].samples())
            m_flat[i].add(p.x(), p.y());
    }
    m_events.erase(std::remove_if(m_events.begin(), m_events.end(),
                                  [step](const reglab::ParamEvent& e) { return !reglab::eventSurvivesRollback(e, step); }),
                   m_events.end());
    rebuildSmoothed();
    m_dirty = true;
}

void LineChart::rebuildSmoothed()
{
    for (size_t i = 0; i < m_raw.size(); ++i) {
        m_smooth[i].clear();
        m_ema[i].setWeight(m_smoothing);
        if (m_smoothing <= 0.0)
            continue;
        for (const QPointF& p : m_raw[i].samples())
            m_smooth[i].append(p.x(), m_ema[i].add(p.y()));
    }
}

void LineChart::setSmoothing(double weight)
{
    weight = std::isfinite(weight) ? std::clamp(weight, 0.0, 0.999) : 0.0;
    if (weight == m_smoothing)
        return;
    m_smoothing = weight;
    rebuildSmoothed();
    applyStyles();
    m_dirty = true;
}

void LineChart::attachY()
{
    QAbstractAxis* oldAxis = m_log ? static_cast<QAbstractAxis*>(m_yLinear) : m_yLog;
    QAbstractAxis* newAxis = m_log ? static_cast<QAbstractAxis*>(m_yLog) : m_yLinear;
    if (m_chart->axes(Qt::Vertical).contains(oldAxis)) {
        m_chart->removeAxis(oldAxis); // detaches it from the series; we own it again
        oldAxis->setParent(nullptr);
    }
    if (!m_chart->axes(Qt::Vertical).contains(newAxis))
        m_chart->addAxis(newAxis, Qt::AlignLeft);
    for (size_t i = 0; i < m_rawSeries.size(); ++i) {
        m_rawSeries[i]->attachAxis(newAxis);
        m_smoothSeries[i]->attachAxis(newAxis);
    }
}

void LineChart::setLogScale(bool on)
{
    if (on == m_log)
        return;
    m_log = on;
    // Clear first: points <= 0 must never meet the log axis.
    for (size_t i = 0; i < m_rawSeries.size(); ++i) {
        m_rawSeries[i]->clear();
        m_smoothSeries[i]->clear();
    }
    attachY();
    m_yRangeSet = false;
    m_dirty = true;
    refresh(true);
}

void LineChart::refresh(bool force)
{
    if (!m_dirty && !force)
        return;
    m_dirty = false;
    if (updateFold() && !force)
        return; // the strip shows it

    // x: from the first logged step to the last (or the last N, or the zoom), on nice ticks.
    double xMax = 0.0;
    bool any = false;
    for (const auto& b : m_raw)
        if (!b.isEmpty()) {
            xMax = any ? std::max(xMax, b.xMax()) : b.xMax();
            any = true;
        }
    updateXAxis(xMax);

    // One min/max column per kColumnPx pixels: at most ~1 point per pixel, spikes kept.
    int pixels = int(m_chart->plotArea().width() / kColumnPx);
    if (pixels < 50)
        pixels = 400;
    auto clampLog = [this](QList<QPointF> pts) {
        if (m_log)
            for (QPointF& p : pts)
                p.setY(std::max(p.y(), kLogFloor));
        return pts;
    };
    // The y range fits what is visible (raw curves), in log10 on a log axis.
    std::vector<double> ys;
    double yLo = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < m_raw.size(); ++i) {
        // A lone point draws no line: show it as a dot until the curve has a segment.
        const bool dots = m_raw[i].storedCount() < 2;
        if (m_rawSeries[i]->pointsVisible() != dots) {
            m_rawSeries[i]->setMarkerSize(9);
            m_rawSeries[i]->setPointsVisible(dots);
            applyStyles();
        }
        const QList<QPointF> raw = visiblePoints(m_raw[i], pixels);
        for (const QPointF& p : raw) {
            // The neighbours just outside the range reach the edges but do not scale y.
            const double step = StepAxis::fromAxis(p.x(), m_logX);
            if (raw.size() > 2 && (step < m_xRange.lo - 0.5 || step > m_xRange.hi + 0.5))
                continue;
            yLo = std::min(yLo, p.y());
            ys.push_back(m_log ? std::log10(std::max(p.y(), kLogFloor)) : p.y());
        }
        m_rawSeries[i]->replace(clampLog(raw));
        // A smoothed curve has no spikes to keep: a vertex every kSmoothColumnPx is as smooth
        // under its wide pen, and a third of the points costs Qt's stroker a third.
        const int smoothColumns = std::max(50, int(pixels * kColumnPx / kSmoothColumnPx));
        m_smoothSeries[i]->replace(m_smoothing > 0.0 ? clampLog(visiblePoints(m_smooth[i], smoothColumns)) : QList<QPointF>());
    }
    const bool haveY = !ys.empty();
    const auto [lo, hi] = RobustRange::of(ys, m_robust);

    NiceRange yr;
    if (m_log) {
        // Values <= 0 are drawn at the floor: then the axis must reach down to it.
        double yMinPos = haveY ? std::pow(10.0, lo) : kLogFloor;
        if (!m_robust && yLo <= 0.0)
            yMinPos = kLogFloor;
        const double yHi = haveY ? std::pow(10.0, hi) : yMinPos;
        yr = NiceScale::logDecades(yMinPos, std::max(yHi, yMinPos), kLogFloor);
    } else if (haveY) {
        // Padding stops at 0 for non-negative data, and at 1 for data in [0, 1] (accuracies).
        const double floorAt = lo >= 0.0 ? 0.0 : -1e300;
        const double ceilAt = (lo >= 0.0 && hi <= 1.0) ? 1.0 : 1e300;
        // As many ticks as fit: Qt Charts elides labels closer than their height plus padding.
        const double labelPx = QFontMetricsF(ChartPalette::axisLabelFont()).height() + 12.0;
        yr = NiceScale::linear(lo, hi, std::clamp(int(m_chart->plotArea().height() / labelPx), 2, 5), 0.05, floorAt, ceilAt);
    } else {
        yr = NiceScale::linear(0.0, 1.0, 6, 0.0);
    }
    const bool zoomY = m_zoomed && m_zoomY1 > m_zoomY0;
    if (zoomY) {
        yr = m_log ? NiceScale::logDecades(m_zoomY0, m_zoomY1, kLogFloor) : NiceScale::linear(m_zoomY0, m_zoomY1, 5, 0.0);
        yr.lo = m_log ? std::max(m_zoomY0, kLogFloor) : m_zoomY0;
        yr.hi = m_zoomY1;
    }
    if (!m_yRangeSet || yr != m_yRange) {
        m_yRange = yr;
        m_yRangeSet = true;
        if (m_log) {
            m_yLog->setRange(yr.lo, yr.hi);
            m_yLog->setMinorTickCount(yr.tickCount > 5 ? 0 : 8); // many decades: no minor grid
        } else {
            // Ticks stay on the nice values; the axis reaches a little beyond them so a
            // curve lying on the end tick (accuracy 1, loss 0) is not cut in half.
            const double pad = zoomY ? 0.0 : 0.02 * (yr.hi - yr.lo);
            ValueTicks::apply(m_yLinear, yr, pad);
        }
    }
    updateReadout();
    m_view->viewport()->update(); // markers move with the axes
}

void LineChart::updateHeader()
{
    std::vector<QPointF> pos;
    const int rows = m_legend.rows(std::max(100.0, double(m_view->width()) - 2 * ChartLegend::kSide), &pos);
    const QFontMetricsF tfm(ChartPalette::titleFont()), lfm(ChartPalette::legendFont());
    const int h = int(std::ceil(6 + tfm.height() + 4 + rows * (lfm.height() + 4) + 4));
    if (h == m_headerHeight)
        return;
    m_headerHeight = h;
    m_chart->setMargins(QMargins(4, h, 24, 4)); // room for the last x label
    // A plot of its own under the title and legend, however many legend rows: a chart
    // panel too short for that scrolls rather than squeezing the axes into "...".
    setMinimumHeight(h + kMinPlotHeight);
}

void LineChart::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updateHeader();
}

void LineChart::paintOverlay(QPainter* painter, bool live) const
{
    // Title and legend above the plot, in the top margin.
    const QRectF chartRect = m_chart->sceneBoundingRect();
    const QFont tf = ChartPalette::titleFont();
    const QFontMetricsF tfm(tf);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(ChartPalette::textColor());
    QFont fitted = tf;
    QString shown = title();
    ChartPalette::fitTitle(&fitted, &shown, chartRect.width() - 8);
    painter->setFont(fitted);
    painter->drawText(QRectF(chartRect.left(), chartRect.top() + 6, chartRect.width(), tfm.height()), Qt::AlignCenter, shown);

    painter->restore();
    const double avail = std::max(100.0, chartRect.width() - 2 * ChartLegend::kSide);
    m_legend.paint(painter, chartRect.left() + ChartLegend::kSide, chartRect.top() + 6 + tfm.height() + 4, avail);

    const QRectF plot = m_chart->mapRectToScene(m_chart->plotArea());
    const bool logX = m_logX;
    EventMarkers::paint(painter, plot, m_xAxis.lo, m_xAxis.hi, m_events,
                        [logX](double step) { return StepAxis::toAxis(step, logX); });
    if (live && m_hovering && m_readout.valid) {
        const double px = plot.left() + (m_readout.axisX - m_xAxis.lo) / (m_xAxis.hi - m_xAxis.lo) * plot.width();
        m_readout.paint(painter, plot, chartRect, px);
    }
}

QSize LineChart::chartSize() const { return m_chart->size().toSize(); }

void LineChart::paintTo(QPainter* painter, const QRectF& target)
{
    refresh(true);
    const QRectF source = m_chart->sceneBoundingRect();
    m_chart->scene()->render(painter, target, source, Qt::KeepAspectRatio);
    // The overlay is painted in scene coordinates: map the source rect onto the target.
    painter->save();
    const double s = std::min(target.width() / source.width(), target.height() / source.height());
    const QSizeF drawn = source.size() * s;
    const QPointF origin = target.topLeft() + QPointF((target.width() - drawn.width()) / 2.0,
                                                      (target.height() - drawn.height()) / 2.0);
    painter->translate(origin);
    painter->scale(s, s);
    painter->translate(-source.topLeft());
    paintOverlay(painter, false);
    painter->restore();
}

QList<QPointF> LineChart::seriesPoints(int i, bool smoothed) const
{
    const QLineSeries* s = smoothed ? m_smoothSeries[size_t(i)] : m_rawSeries[size_t(i)];
    return s->points();
}

QColor LineChart::rawLineColor(int i) const { return m_rawSeries[size_t(i)]->pen().color(); }

QString LineChart::toCsv() const
{
    std::vector<std::string> ids;
    for (const auto& c : m_columns)
        ids.push_back(c.spec.id);
    return SeriesBuffer::toCsv(ids, m_raw);
}

// ---- The view: zoom, follow, log x, outliers, hover, folding ----

void LineChart::updateXAxis(double xMax)
{
    const double width = m_chart->plotArea().width();
    const int mode = (m_zoomed || m_follow > 0 || m_logX) ? 1 : 0;
    if (mode != m_xAxisMode) {
        m_xAxis = NiceRange();
        m_xAxis.tickCount = -1; // rebuild the labels
        m_xAxisMode = mode;
    }
    if (mode == 0) {
        m_xRange = m_xAxis = StepAxis::update(m_x, xMax, width, m_xAxis);
        return;
    }
    double lo = 0.0, hi = std::max(xMax, 10.0);
    if (m_zoomed) {
        lo = m_zoomX0;
        hi = m_zoomX1;
    } else if (m_follow > 0) {
        lo = std::max(0.0, xMax - double(m_follow));
        hi = std::max(xMax, lo + 10.0);
    }
    m_xAxis = StepAxis::updateRange(m_x, lo, hi, m_logX, width, m_xAxis);
    m_xRange.lo = lo;
    m_xRange.hi = StepAxis::fromAxis(m_xAxis.hi, m_logX);
    m_xRange.tick = m_xAxis.tick;
    m_xRange.tickCount = m_xAxis.tickCount;
}

QList<QPointF> LineChart::visiblePoints(const SeriesBuffer& b, int pixels) const
{
    if (!m_logX)
        return b.decimated(m_xRange.lo, m_xRange.hi, pixels);
    QList<QPointF> out = b.decimatedLog(m_xRange.lo, m_xRange.hi, pixels);
    for (QPointF& p : out)
        p.setX(StepAxis::toAxis(p.x(), true));
    return out;
}

void LineChart::setFollowSteps(int64_t n)
{
    n = std::max<int64_t>(0, n);
    if (n == m_follow)
        return;
    m_follow = n;
    m_zoomed = false;
    refresh(true);
}

void LineChart::setLogX(bool on)
{
    if (on == m_logX)
        return;
    m_logX = on;
    refresh(true);
}

void LineChart::setIgnoreOutliers(bool on)
{
    if (on == m_robust)
        return;
    m_robust = on;
    refresh(true);
}

void LineChart::zoomTo(double x0, double x1, double y0, double y1)
{
    if (!(x1 > x0))
        return;
    m_zoomed = true;
    m_zoomX0 = std::max(0.0, x0);
    m_zoomX1 = std::max(x1, m_zoomX0 + 4.0);
    m_zoomY0 = y0;
    m_zoomY1 = y1;
    refresh(true);
}

void LineChart::zoomToScene(const QRectF& r)
{
    if (m_rawSeries.empty())
        return;
    auto value = [this](const QPointF& scene) {
        return m_chart->mapToValue(m_chart->mapFromScene(scene), m_rawSeries.front());
    };
    const QPointF a = value(r.topLeft()), b = value(r.bottomRight());
    const double x0 = StepAxis::fromAxis(std::min(a.x(), b.x()), m_logX);
    const double x1 = StepAxis::fromAxis(std::max(a.x(), b.x()), m_logX);
    // A flat band (a few px high) zooms the steps only; y then fits the data shown.
    if (r.height() < ChartView::kMinBandPx)
        zoomTo(x0, x1);
    else
        zoomTo(x0, x1, std::min(a.y(), b.y()), std::max(a.y(), b.y()));
}

void LineChart::resetZoom()
{
    m_zoomed = false;
    refresh(true);
}

void LineChart::setHover(const QPointF& scenePos)
{
    m_hovering = true;
    m_hoverScene = scenePos;
    updateReadout();
    m_view->viewport()->update();
}

void LineChart::clearHover()
{
    if (!m_hovering)
        return;
    m_hovering = false;
    m_readout = HoverReadout();
    m_view->viewport()->update();
}

void LineChart::updateReadout()
{
    m_readout = HoverReadout();
    if (!m_hovering || m_rawSeries.empty())
        return;
    const double x = m_chart->mapToValue(m_chart->mapFromScene(m_hoverScene), m_rawSeries.front()).x();
    // Snap to the nearest drawn point of any curve.
    double best = 0.0, dist = std::numeric_limits<double>::infinity();
    for (const QLineSeries* s : m_rawSeries) {
        const QList<QPointF> pts = s->points();
        const int k = HoverReadout::nearest(pts, x);
        if (k >= 0 && std::abs(pts[k].x() - x) < dist) {
            dist = std::abs(pts[k].x() - x);
            best = pts[k].x();
        }
    }
    if (!std::isfinite(dist))
        return;
    m_readout.valid = true;
    m_readout.axisX = best;
    m_readout.step = std::round(StepAxis::fromAxis(best, m_logX));
    const bool smoothing = m_smoothing > 0.0;
    for (size_t i = 0; i < m_rawSeries.size(); ++i) {
        const QList<QPointF> raw = m_rawSeries[i]->points();
        const int k = HoverReadout::nearest(raw, best);
        if (k < 0 || !m_rawSeries[i]->isVisible())
            continue;
        HoverReadout::Row row;
        const auto& c = m_columns[i];
        row.label = QString::fromStdString(c.spec.label.empty() ? c.spec.id : c.spec.label);
        row.color = m_colors[i];
        row.dashed = isTwinColumn(c);
        row.value = row.raw = raw[k].y();
        if (smoothing) {
            const QList<QPointF> sm = m_smoothSeries[i]->points();
            const int j = HoverReadout::nearest(sm, best);
            if (j >= 0) {
                row.value = sm[j].y();
                row.hasRaw = true;
            }
        }
        m_readout.rows.push_back(row);
    }
}

QString LineChart::stripText() const
{
    QStringList parts;
    for (size_t i = 0; i < m_columns.size(); ++i)
        if (!m_flat[i].isEmpty()) {
            const auto& c = m_columns[i];
            parts << m_flat[i].describe(QString::fromStdString(c.spec.label.empty() ? c.spec.id : c.spec.label));
        }
    return parts.join(QStringLiteral("   \u00b7   "));
}

void LineChart::allowFolding(bool on)
{
    m_foldAllowed = on;
    m_dirty = true;
    refresh(true);
}

bool LineChart::updateFold()
{
    bool any = false, flat = m_foldAllowed;
    for (const FlatSeries& f : m_flat)
        if (!f.isEmpty()) {
            any = true;
            flat = flat && f.isPiecewiseConstant();
        }
    const bool fold = any && flat;
    if (fold)
        m_strip->setText(stripText());
    if (fold != m_folded) {
        m_folded = fold;
        m_view->setVisible(!fold);
        m_strip->setVisible(fold);
        setMinimumHeight(fold ? m_strip->sizeHint().height() : m_headerHeight + kMinPlotHeight);
        emit foldedChanged(this, fold);
    }
    return fold;
}
