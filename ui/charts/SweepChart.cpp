#include "charts/SweepChart.h"

#include "charts/ChartPalette.h"
#include "charts/ChartStyle.h"
#include "metrics/Statistics.h"
#include "charts/ChartView.h"
#include "charts/NiceScale.h"
#include "export/ChartExporter.h"

#include <QCategoryAxis>
#include <QChart>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

SweepChartSetup SweepChartSetup::of(const reglab::Sweep& sweep, int metric, bool logX, bool logY)
{
    SweepChartSetup s;
    s.paramLabel = QString::fromStdString(sweep.spec().label);
    const reglab::MetricSpec& m = sweep.metrics().at(size_t(metric));
    s.metricLabel = QString::fromStdString(m.label + (m.unit.empty() ? "" : " (" + m.unit + ")"));
    s.title = QObject::tr("Final %1 against %2 (%3 steps)")
                  .arg(s.metricLabel, s.paramLabel, QString::number(sweep.base().steps));
    for (const std::string& v : sweep.values())
        s.values << QString::fromStdString(v);
    if (!sweep.categorical())
        for (size_t i = 0; i < sweep.values().size(); ++i)
            for (const reglab::SweepPoint& p : sweep.points())
                if (p.valueIndex == i) {
                    s.xs.push_back(p.x);
                    break;
                }
    s.seeds = sweep.seeds();
    s.logX = logX && !s.categorical() && std::all_of(s.xs.begin(), s.xs.end(), [](double x) { return x > 0; });
    s.logY = logY;
    return s;
}

SweepChart::SweepChart(QWidget* parent) : QWidget(parent)
{
    m_chart = ChartStyle::newChart();
    m_chart->legend()->setAlignment(Qt::AlignBottom); // shown once setup() names the series
    m_seeds = new QScatterSeries();
    m_seeds->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    m_median = new QLineSeries();
    m_median->setPointsVisible(true);
    m_chart->addSeries(m_seeds);
    m_chart->addSeries(m_median);

    m_view = new ChartView(m_chart, this);
    m_view->setMinimumSize(320, 220);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        m_view->execExportMenu(
            pos, [this] { emit exportImageRequested(); }, [this] { emit exportDataRequested(); },
            [this] { ChartExporter::copyImage(chartSize(), [this](QPainter* p, const QRectF& r) { paintTo(p, r); }); });
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    restyle();
    connect(ChartStyle::instance(), &ChartStyle::changed, this, [this] { restyle(); });
}

SweepChart::~SweepChart() = default;

void SweepChart::setAxis(Qt::Alignment side, QAbstractAxis* axis)
{
    QAbstractAxis*& slot = side == Qt::AlignBottom ? m_x : m_y;
    if (slot) {
        m_seeds->detachAxis(slot);
        m_median->detachAxis(slot);
        m_chart->removeAxis(slot);
        delete slot;
    }
    slot = axis;
    m_chart->addAxis(axis, side);
    m_seeds->attachAxis(axis);
    m_median->attachAxis(axis);
}

double SweepChart::xOf(size_t valueIndex) const
{
    return m_setup.categorical() ? double(valueIndex) : m_setup.xs.at(valueIndex);
}

void SweepChart::setup(const SweepChartSetup& setup)
{
    m_setup = setup;
    m_seeds->clear();
    m_median->clear();
    const int n = int(setup.values.size());
    if (setup.categorical()) {
        auto* x = new QCategoryAxis();
        x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        for (int i = 0; i < n; ++i)
            x->append(setup.values[i], i);
        x->setRange(-0.5, std::max(0, n - 1) + 0.5);
        x->setGridLineVisible(false);
        setAxis(Qt::AlignBottom, x);
    } else {
        double lo = INFINITY, hi = -INFINITY;
        for (double v : setup.xs) {
            if (setup.logX && v <= 0)
                continue;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        if (!(lo <= hi))
            lo = hi = setup.logX ? 1.0 : 0.0;
        if (setup.logX) {
            auto* x = new QLogValueAxis();
            x->setBase(10.0);
            x->setLabelFormat(QStringLiteral("%g"));
            // Labels sit on the powers of ten inside the range; a little room beyond the
            // first and last value keeps their points off the axes.
            const double pad = std::max(0.15, 0.04 * std::log10(hi / lo));
            x->setRange(std::pow(10.0, std::log10(lo) - pad), std::pow(10.0, std::log10(hi) + pad));
            x->setMinorTickCount(std::log10(hi / lo) > 3 ? 0 : 8);
            setAxis(Qt::AlignBottom, x);
        } else {
            auto* x = new QValueAxis();
            x->setLabelFormat(QStringLiteral("%g"));
            const NiceRange r = NiceScale::linear(lo, hi, 7);
            x->setRange(r.lo, r.hi);
            x->setTickCount(r.tickCount);
            setAxis(Qt::AlignBottom, x);
        }
    }
    if (setup.logY) {
        auto* y = new QLogValueAxis();
        y->setBase(10.0);
        y->setLabelFormat(QStringLiteral("%g"));
        setAxis(Qt::AlignLeft, y);
    } else {
        auto* y = new QValueAxis();
        y->setLabelFormat(QStringLiteral("%.3g"));
        setAxis(Qt::AlignLeft, y);
    }
    m_x->setTitleText(setup.paramLabel + (setup.logX ? tr(" (log)") : QString()));
    m_y->setTitleText(setup.metricLabel + (setup.logY ? tr(" (log)") : QString()));
    m_chart->setTitle(setup.title);
    m_chart->legend()->show();
    m_seeds->setName(setup.seeds > 1 ? tr("each seed") : tr("final value"));
    m_median->setName(setup.seeds > 1 ? tr("median over %1 seeds").arg(setup.seeds) : tr("line through the values"));
    // With one seed the points are the line's own markers: no faint copy in the legend.
    m_chart->legend()->markers(m_seeds).value(0)->setVisible(setup.seeds > 1);
    rescaleY();
    restyle();
}

void SweepChart::setPoints(const std::vector<reglab::SweepPoint>& points, int metric)
{
    const size_t n = size_t(m_setup.values.size());
    std::vector<std::vector<double>> per(n);
    QList<QPointF> seeds;
    for (const reglab::SweepPoint& p : points) {
        if (!p.done || p.valueIndex >= n || metric < 0 || size_t(metric) >= p.finals.size())
            continue;
        double y = p.finals[size_t(metric)];
        if (!std::isfinite(y) || (m_setup.logX && xOf(p.valueIndex) <= 0))
            continue;
        if (m_setup.logY)
            y = std::max(y, kLogFloor);
        per[p.valueIndex].push_back(y);
        seeds.append(QPointF(xOf(p.valueIndex), y));
    }
    QList<QPointF> line;
    for (size_t i = 0; i < n; ++i)
        if (!per[i].empty())
            line.append(QPointF(xOf(i), reglab::median(per[i])));
    m_seeds->replace(seeds);
    m_median->replace(line);
    rescaleY();
}

void SweepChart::rescaleY()
{
    if (!m_y)
        return;
    double lo = INFINITY, hi = -INFINITY;
    for (const QPointF& p : m_seeds->points()) {
        lo = std::min(lo, p.y());
        hi = std::max(hi, p.y());
    }
    if (!(lo <= hi))
        lo = hi = m_setup.logY ? 1.0 : 0.0;
    if (auto* y = qobject_cast<QLogValueAxis*>(m_y)) {
        const NiceRange r = NiceScale::logDecades(lo, hi);
        y->setRange(r.lo, r.hi);
        y->setMinorTickCount(r.tickCount > 5 ? 0 : 8);
    } else if (auto* y = qobject_cast<QValueAxis*>(m_y)) {
        const NiceRange r = NiceScale::linear(lo, hi, 6);
        y->setRange(r.lo, r.hi);
        y->setTickCount(r.tickCount);
    }
}

void SweepChart::restyle()
{
    ChartStyle::styleChart(m_chart);
    const QColor c = ChartPalette::val();
    QColor faint = c;
    faint.setAlpha(110);
    m_seeds->setColor(faint);
    m_seeds->setBorderColor(faint);
    m_seeds->setMarkerSize(ChartPalette::lineWidth(9.0));
    QPen pen(c, ChartPalette::lineWidth(3.0));
    pen.setCapStyle(Qt::RoundCap);
    pen.setJoinStyle(Qt::RoundJoin);
    m_median->setPen(pen);
}

QList<QPointF> SweepChart::seedPoints() const { return m_seeds->points(); }

QList<QPointF> SweepChart::medianPoints() const { return m_median->points(); }

QSize SweepChart::chartSize() const
{
    m_view->layOutIfHidden();
    return m_chart->size().toSize();
}

void SweepChart::paintTo(QPainter* painter, const QRectF& target)
{
    m_view->layOutIfHidden();
    m_chart->scene()->render(painter, target, m_chart->sceneBoundingRect(), Qt::KeepAspectRatio);
}
