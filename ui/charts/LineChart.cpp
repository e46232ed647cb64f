#include "charts/LineChart.h"

#include "charts/ChartPalette.h"
#include "charts/ChartView.h"
#include "charts/EventMarkers.h"
#include "charts/StepAxis.h"

#include <QCategoryAxis>
#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsLayout>
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
    m_chart = new QChart();
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(4, 4, 24, 4));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->hide(); // painted by paintOverlay, wrapping instead of eliding

    auto styleAxis = [](QAbstractAxis* a) {
        a->setLabelsFont(ChartPalette::axisLabelFont());
        a->setTitleFont(ChartPalette::axisTitleFont());
        a->setLabelsColor(ChartPalette::textColor());
        a->setGridLineColor(ChartPalette::gridColor());
        a->setLinePenColor(QColor(0x88, 0x88, 0x88));
    };
    // Category axis: its labels are ours ("250k" instead of an elided "250000").
    m_x = new QCategoryAxis();
    m_x->setTitleText(QStringLiteral("step"));
    m_x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_x->setRange(0, 10);
    styleAxis(m_x);
    m_yLinear = new QValueAxis();
    m_yLinear->setLabelFormat(QStringLiteral("%.3g"));
    m_yLinear->setTickType(QValueAxis::TicksDynamic);
    styleAxis(m_yLinear);
    m_yLog = new QLogValueAxis(); // not in the chart yet: ours to delete
    m_yLog->setBase(10.0);
    m_yLog->setLabelFormat(QStringLiteral("%.0e"));
    m_yLog->setMinorTickCount(8);
    m_yLog->setMinorGridLineColor(QColor(0xf0, 0xf0, 0xf0));
    styleAxis(m_yLog);
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

    int other = 0;
    std::map<std::string, QColor> colorOf; // a twin's curve takes its main curve's colour
    bool twinInLegend = false;
    for (const auto& c : m_columns) {
        const bool twin = isTwinColumn(c);
        const std::string id = twin ? c.spec.id.substr(5) : c.spec.id;
        const bool trainOrVal = id.rfind("train", 0) == 0 || id.rfind("val", 0) == 0;
        QColor color;
        if (twin && colorOf.count(id))
            color = colorOf[id];
        else if (c.spec.reference)
            color = ChartPalette::referenceColor();
        else
            color = ChartPalette::metricColor(id, trainOrVal ? 0 : other++);
        colorOf.emplace(id, color);
        // One legend entry for all twin curves: "twin: dropout 0.5", dashed.
        if (!twin || !twinInLegend)
            m_legend.push_back(int(m_rawSeries.size()));
        twinInLegend = twinInLegend || twin;
        auto* raw = new QLineSeries();
        auto* smooth = new QLineSeries();
        // Every series is named: an unnamed one still gets an empty legend marker.
        const QString label = QString::fromStdString(c.spec.label.empty() ? c.spec.id : c.spec.label);
        raw->setName(label);
        smooth->setName(label);
        raw->setColor(color);
        smooth->setColor(color);
        m_chart->addSeries(raw);
        m_chart->addSeries(smooth);
        for (auto* s : {raw, smooth}) {
            s->attachAxis(m_x);
            s->attachAxis(m_yLinear);
        }
        m_rawSeries.push_back(raw);
        m_colors.push_back(color);
        m_smoothSeries.push_back(smooth);
        m_raw.emplace_back();
        m_smooth.emplace_back();
        m_ema.emplace_back(0.0);
    }
    applyStyles();

    m_view = new ChartView(m_chart, this);
    m_view->setOverlayPainter([this](QPainter* p) { paintOverlay(p); });
    m_view->setMinimumSize(200, 170);
    connect(m_view, &QWidget::customContextMenuRequested, this, &LineChart::showMenu);
    connect(m_chart, &QChart::plotAreaChanged, this, [this] { m_dirty = true; });
    updateHeader();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
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
        QPen solid(c, 2.5);
        solid.setCapStyle(Qt::RoundCap);
        if (isTwinColumn(m_columns[i])) {
            solid.setWidthF(2.0);
            solid.setStyle(Qt::DashLine);
            solid.setCapStyle(Qt::FlatCap);
        } else if (m_columns[i].spec.reference) { // a ceiling, not a measurement
            solid.setWidthF(1.5);
            solid.setStyle(Qt::DotLine);
            solid.setCapStyle(Qt::FlatCap);
        }
        // Bevel joins look the same at this width, and spare the stroker an arc per vertex.
        solid.setJoinStyle(Qt::BevelJoin);
        // Opaque, mixed with white: a translucent pen makes Qt stroke-and-fill the whole
        // zig-zag path, ~5x slower to paint.
        const QColor faint = QColor::fromRgbF(float(0.3 * c.redF() + 0.7), float(0.3 * c.greenF() + 0.7),
                                              float(0.3 * c.blueF() + 0.7));
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
        if (m_raw[i].appendedCount() != before && m_smoothing > 0.0)
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
    m_events.clear();
    m_yRangeSet = false;
    m_dirty = true;
}

void LineChart::truncateAfter(int64_t step)
{
    for (auto& b : m_raw)
        b.truncateAfter(double(step));
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

    // x: from the first logged step to the last, on nice ticks.
    double xMax = 0.0;
    bool any = false;
    for (const auto& b : m_raw)
        if (!b.isEmpty()) {
            xMax = any ? std::max(xMax, b.xMax()) : b.xMax();
            any = true;
        }
    const NiceRange xr = m_xRange = StepAxis::update(m_x, xMax, m_chart->plotArea().width(), m_xRange);

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
    double yLo = std::numeric_limits<double>::infinity(), yHi = -yLo, yMinPos = yLo;
    for (size_t i = 0; i < m_raw.size(); ++i) {
        // A lone point draws no line: show it as a dot until the curve has a segment.
        const bool dots = m_raw[i].storedCount() < 2;
        if (m_rawSeries[i]->pointsVisible() != dots) {
            m_rawSeries[i]->setMarkerSize(9);
            m_rawSeries[i]->setPointsVisible(dots);
            applyStyles();
        }
        m_rawSeries[i]->replace(clampLog(m_raw[i].decimated(xr.lo, xr.hi, pixels)));
        m_smoothSeries[i]->replace(m_smoothing > 0.0 ? clampLog(m_smooth[i].decimated(xr.lo, xr.hi, pixels))
                                                     : QList<QPointF>());
        if (!m_raw[i].isEmpty()) {
            yLo = std::min(yLo, m_raw[i].yMin());
            yHi = std::max(yHi, m_raw[i].yMax());
            yMinPos = std::min(yMinPos, m_raw[i].yMinPositive());
        }
    }

    NiceRange yr;
    if (m_log) {
        // Values <= 0 are drawn at the floor: then the axis must reach down to it.
        if (!std::isfinite(yMinPos) || yLo <= 0.0)
            yMinPos = kLogFloor;
        yr = NiceScale::logDecades(yMinPos, std::max(yHi, yMinPos), kLogFloor);
    } else if (std::isfinite(yLo)) {
        // Padding stops at 0 for non-negative data, and at 1 for data in [0, 1] (accuracies).
        const double floorAt = yLo >= 0.0 ? 0.0 : -1e300;
        const double ceilAt = (yLo >= 0.0 && yHi <= 1.0) ? 1.0 : 1e300;
        yr = NiceScale::linear(yLo, yHi, 5, 0.05, floorAt, ceilAt);
    } else {
        yr = NiceScale::linear(0.0, 1.0, 6, 0.0);
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
            const double pad = 0.02 * (yr.hi - yr.lo);
            m_yLinear->setTickAnchor(0.0);
            m_yLinear->setTickInterval(yr.tick);
            m_yLinear->setRange(yr.lo - pad, yr.hi + pad);
        }
    }
    m_view->viewport()->update(); // markers move with the axes
}

namespace {
constexpr double kSwatch = 20.0, kSwatchGap = 5.0, kEntryGap = 14.0, kSide = 6.0;
}

QString LineChart::legendLabel(int column, double width) const
{
    // An entry wider than the chart ("twin: optimizer adamw, l2 0, ...") is elided.
    const auto& c = m_columns[size_t(column)];
    const QString text = QString::fromStdString(c.spec.label.empty() ? c.spec.id : c.spec.label);
    return QFontMetricsF(ChartPalette::legendFont()).elidedText(text, Qt::ElideRight, std::max(20.0, width - kSwatch - kSwatchGap));
}

int LineChart::legendRows(double width, std::vector<QPointF>* positions) const
{
    const QFontMetricsF fm(ChartPalette::legendFont());
    positions->clear();
    int row = 0;
    double x = 0.0;
    for (const int i : m_legend) {
        const double w = kSwatch + kSwatchGap + fm.horizontalAdvance(legendLabel(i, width));
        if (x > 0.0 && x + w > width) {
            ++row;
            x = 0.0;
        }
        positions->push_back(QPointF(x, row));
        x += w + kEntryGap;
    }
    return m_legend.empty() ? 0 : row + 1;
}

void LineChart::updateHeader()
{
    std::vector<QPointF> pos;
    const int rows = legendRows(std::max(100.0, double(m_view->width()) - 2 * kSide), &pos);
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

void LineChart::paintOverlay(QPainter* painter) const
{
    // Title and legend above the plot, in the top margin.
    const QRectF chartRect = m_chart->sceneBoundingRect();
    const QFont tf = ChartPalette::titleFont(), lf = ChartPalette::legendFont();
    const QFontMetricsF tfm(tf), lfm(lf);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(ChartPalette::textColor());
    QFont fitted = tf;
    QString shown = title();
    ChartPalette::fitTitle(&fitted, &shown, chartRect.width() - 8);
    painter->setFont(fitted);
    painter->drawText(QRectF(chartRect.left(), chartRect.top() + 6, chartRect.width(), tfm.height()), Qt::AlignCenter, shown);

    std::vector<QPointF> pos;
    const double avail = std::max(100.0, chartRect.width() - 2 * kSide);
    const int rows = legendRows(avail, &pos);
    // Centre each row.
    std::vector<double> rowWidth(size_t(std::max(rows, 0)), 0.0);
    for (size_t k = 0; k < m_legend.size(); ++k) {
        const double w = kSwatch + kSwatchGap + lfm.horizontalAdvance(legendLabel(m_legend[k], avail));
        rowWidth[size_t(pos[k].y())] = pos[k].x() + w;
    }
    painter->setFont(lf);
    const double top = chartRect.top() + 6 + tfm.height() + 4;
    for (size_t k = 0; k < m_legend.size(); ++k) {
        const size_t i = size_t(m_legend[k]);
        const int row = int(pos[k].y());
        const double left = chartRect.left() + kSide + (avail - rowWidth[size_t(row)]) / 2.0 + pos[k].x();
        const double cy = top + row * (lfm.height() + 4) + lfm.height() / 2.0;
        const bool twin = isTwinColumn(m_columns[i]);
        QPen pen(twin ? ChartPalette::textColor() : m_colors[i], twin ? 2.0 : 3.0);
        pen.setCapStyle(twin ? Qt::FlatCap : Qt::RoundCap);
        if (twin)
            pen.setDashPattern({2.5, 1.5});
        painter->setPen(pen);
        painter->drawLine(QPointF(left + 2, cy), QPointF(left + kSwatch - 2, cy));
        painter->setPen(ChartPalette::textColor());
        painter->drawText(QPointF(left + kSwatch + kSwatchGap, cy + (lfm.ascent() - lfm.descent()) / 2.0),
                          legendLabel(int(i), avail));
    }
    painter->restore();

    const QRectF plot = m_chart->mapRectToScene(m_chart->plotArea());
    EventMarkers::paint(painter, plot, m_xRange.lo, m_xRange.hi, m_events);
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
    paintOverlay(painter);
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
    // Rows merged on step: a metric without a value at that step leaves its cell empty.
    std::map<double, std::vector<double>> table;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (size_t i = 0; i < m_raw.size(); ++i)
        for (const QPointF& p : m_raw[i].samples()) {
            auto& row = table[p.x()];
            if (row.empty())
                row.assign(m_raw.size(), nan);
            row[i] = p.y();
        }
    QString out = QStringLiteral("step");
    for (const auto& c : m_columns)
        out += QLatin1Char(',') + QString::fromStdString(c.spec.id);
    out += QLatin1Char('\n');
    for (const auto& [step, values] : table) {
        out += QString::number(qint64(step));
        for (double v : values) {
            out += QLatin1Char(',');
            if (std::isfinite(v))
                out += QString::number(v, 'g', 10);
        }
        out += QLatin1Char('\n');
    }
    return out;
}

void LineChart::showMenu(const QPoint& pos)
{
    QMenu menu(this);
    QAction* img = menu.addAction(tr("Export image (PNG, SVG, PDF)..."));
    QAction* csv = menu.addAction(tr("Export data (CSV)..."));
    menu.addSeparator();
    QAction* log = menu.addAction(tr("Log scale"));
    log->setCheckable(true);
    log->setChecked(m_log);
    QAction* chosen = menu.exec(m_view->mapToGlobal(pos));
    if (chosen == img)
        emit exportImageRequested(this);
    else if (chosen == csv)
        emit exportDataRequested(this);
    else if (chosen == log) {
        setLogScale(!m_log);
        emit logScaleToggled(this, m_log);
    }
}
