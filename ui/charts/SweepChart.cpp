#include "charts/SweepChart.h"

#include "charts/ChartPalette.h"
#include "charts/ChartStyle.h"
#include "metrics/Statistics.h"
#include "charts/ChartView.h"
#include "charts/NiceScale.h"
#include "export/ChartExporter.h"

#include <QCategoryAxis>
#include <QGraphicsSimpleTextItem>
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

SweepChartSetup SweepChartSetup::of(const reglab::Sweep& sweep, int metric, bool logX, bool logY, int xMetric)
{
    SweepChartSetup s;
    auto labelOf = [](const reglab::MetricSpec& m) {
        return QString::fromStdString(m.label + (m.unit.empty() ? "" : " (" + m.unit + ")"));
    };
    s.metricLabel = labelOf(sweep.metrics().at(size_t(metric)));
    s.yFraction = sweep.metrics().at(size_t(metric)).chart == "accuracy";
    const QString param = QString::fromStdString(sweep.spec().label);
    const QString steps = QString::number(sweep.base().steps);
    if (xMetric >= 0 && size_t(xMetric) < sweep.metrics().size()) {
        s.xMetric = xMetric;
        s.paramLabel = labelOf(sweep.metrics()[size_t(xMetric)]);
        s.xFraction = sweep.metrics()[size_t(xMetric)].chart == "accuracy";
        s.title = QObject::tr("Final %1 against %2, %3 swept (%4 steps)").arg(s.metricLabel, s.paramLabel, param, steps);
    } else {
        s.paramLabel = param;
        s.title = QObject::tr("Final %1 against %2 (%3 steps)").arg(s.metricLabel, s.paramLabel, steps);
    }
    for (const std::string& v : sweep.values())
        s.values << QString::fromStdString(v);
    for (const std::string& c : sweep.curves())
        s.curves << QString::fromStdString(sweep.bySpec().label + " " + c);
    if (!sweep.categorical() && !s.xIsMetric())
        for (size_t i = 0; i < sweep.values().size(); ++i)
            for (const reglab::SweepPoint& p : sweep.points())
                if (p.valueIndex == i) {
                    s.xs.push_back(p.x);
                    break;
                }
    s.seeds = sweep.seeds();
    s.logX = logX && !s.categorical() && !s.xIsMetric()
        && std::all_of(s.xs.begin(), s.xs.end(), [](double x) { return x > 0; });
    s.logY = logY;
    return s;
}

SweepChart::SweepChart(QWidget* parent) : QWidget(parent)
{
    m_chart = ChartStyle::newChart();
    m_chart->legend()->setAlignment(Qt::AlignBottom); // shown once setup() names the series
    setCurves(1);

    m_view = new ChartView(m_chart, this);
    m_view->setMinimumSize(320, 220);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        m_view->execExportMenu(
            pos, [this] { emit exportImageRequested(); }, [this] { emit exportDataRequested(); },
            [this] { ChartExporter::copyImage(chartSize(), [this](QPainter* p, const QRectF& r) { paintTo(p, r); }); });
    });
    connect(m_chart, &QChart::plotAreaChanged, this, [this] { placeLabels(); });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    restyle();
    connect(ChartStyle::instance(), &ChartStyle::changed, this, [this] { restyle(); });
}

SweepChart::~SweepChart() = default;

void SweepChart::setCurves(int count)
{
    for (Curve& c : m_curves) {
        for (QGraphicsSimpleTextItem* t : c.labels)
            delete t;
        m_chart->removeSeries(c.seeds);
        m_chart->removeSeries(c.median);
        delete c.seeds;
        delete c.median;
    }
    m_curves.assign(size_t(count), Curve{});
    for (Curve& c : m_curves) {
        c.seeds = new QScatterSeries();
        c.seeds->setMarkerShape(QScatterSeries::MarkerShapeCircle);
        c.median = new QLineSeries();
        c.median->setPointsVisible(true);
        m_chart->addSeries(c.seeds);
        m_chart->addSeries(c.median);
        for (QAbstractAxis* axis : {m_x, m_y})
            if (axis) {
                c.seeds->attachAxis(axis);
                c.median->attachAxis(axis);
            }
    }
}

void SweepChart::setAxis(Qt::Alignment side, QAbstractAxis* axis)
{
    QAbstractAxis*& slot = side == Qt::AlignBottom ? m_x : m_y;
    if (slot) {
        for (Curve& c : m_curves) {
            c.seeds->detachAxis(slot);
            c.median->detachAxis(slot);
        }
        m_chart->removeAxis(slot);
        delete slot;
    }
    slot = axis;
    m_chart->addAxis(axis, side);
    for (Curve& c : m_curves) {
        c.seeds->attachAxis(axis);
        c.median->attachAxis(axis);
    }
}

double SweepChart::xOf(size_t valueIndex) const
{
    return m_setup.categorical() ? double(valueIndex) : m_setup.xs.at(valueIndex);
}

void SweepChart::setup(const SweepChartSetup& setup)
{
    m_setup = setup;
    setCurves(setup.curveCount());
    const int n = int(setup.values.size());
    if (setup.xIsMetric()) {
        auto* x = new QValueAxis();
        x->setLabelFormat(QStringLiteral("%.3g"));
        setAxis(Qt::AlignBottom, x);
    } else if (setup.categorical()) {

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
    const bool many = m_curves.size() > 1;
    for (Curve& curve : m_curves) {
        const int c = int(&curve - m_curves.data());
        curve.seeds->setName(setup.seeds > 1 ? tr("each seed") : tr("final value"));
        const QString how = setup.seeds > 1 ? tr("median over %1 seeds").arg(setup.seeds) : tr("line through the values");
        curve.median->setName(many ? tr("%1 (%2)").arg(setup.curves.value(c), how) : how);
        // With one seed the points are the line's own markers: no faint copy in the
        // legend; with several curves their lines alone name them.
        m_chart->legend()->markers(curve.seeds).value(0)->setVisible(setup.seeds > 1 && !many);
    }
    rescale();
    restyle();
}

void SweepChart::setPoints(const std::vector<reglab::SweepPoint>& points, int metric)
{
    const size_t n = size_t(m_setup.values.size());
    const size_t curves = m_curves.size();
    const int xm = m_setup.xMetric;
    // Per curve and value: the seeds' x (a frontier's metric) and y.
    std::vector<std::vector<std::vector<double>>> perX(curves, std::vector<std::vector<double>>(n)), perY = perX;
    std::vector<QList<QPointF>> seeds(curves);
    for (const reglab::SweepPoint& p : points) {
        if (!p.done || p.valueIndex >= n || p.curveIndex >= curves || metric < 0 || size_t(metric) >= p.finals.size()
            || (xm >= 0 && size_t(xm) >= p.finals.size()))
            continue;
        double y = p.finals[size_t(metric)];
        const double x = xm >= 0 ? p.finals[size_t(xm)] : xOf(p.valueIndex);
        if (m_setup.logX && !(x > 0))
            continue;
        if (m_setup.logY && std::isfinite(y))
            y = std::max(y, kLogFloor);
        // Each metric's median over its own finite values, as Sweep::medians (and the
        // frontier's verdict) take it; a seed's dot needs both.
        perX[p.curveIndex][p.valueIndex].push_back(x);
        perY[p.curveIndex][p.valueIndex].push_back(y);
        if (std::isfinite(x) && std::isfinite(y))
            seeds[p.curveIndex].append(QPointF(x, y));
    }
    for (size_t c = 0; c < curves; ++c) {
        Curve& curve = m_curves[c];
        QList<QPointF> line;
        for (QGraphicsSimpleTextItem* t : curve.labels)
            delete t;
        curve.labels.clear();
        curve.values.clear();
        for (size_t i = 0; i < n; ++i) {
            const double mx = reglab::median(perX[c][i]), my = reglab::median(perY[c][i]);
            if (!std::isfinite(mx) || !std::isfinite(my))
                continue;
            line.append(QPointF(mx, my));
            if (m_setup.xIsMetric()) {
                auto* label = new QGraphicsSimpleTextItem(m_chart);
                label->setZValue(10);
                curve.labels.push_back(label);
                curve.values << m_setup.values[int(i)];
            }
        }
        curve.seeds->replace(seeds[c]);
        curve.median->replace(line);
    }
    rescale();
    restyle();
}

void SweepChart::rescale()
{
    if (!m_y || !m_x)
        return;
    double lo = INFINITY, hi = -INFINITY, xlo = INFINITY, xhi = -INFINITY;
    for (const Curve& c : m_curves) // the medians too: each metric's own can lie beyond the seeds with both
        for (const QPointF& p : c.seeds->points() + c.median->points()) {
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
            xlo = std::min(xlo, p.x());
            xhi = std::max(xhi, p.x());
        }
    if (!(lo <= hi))
        lo = hi = m_setup.logY ? 1.0 : 0.0;
    if (auto* y = qobject_cast<QLogValueAxis*>(m_y)) {
        const NiceRange r = NiceScale::logDecades(lo, hi);
        y->setRange(r.lo, r.hi);
        y->setMinorTickCount(r.tickCount > 5 ? 0 : 8);
    } else if (auto* y = qobject_cast<QValueAxis*>(m_y)) {
        // Padding never takes an axis below 0 when no value is, nor an accuracy above 1.
        const NiceRange r = NiceScale::linear(lo, hi, 6, 0.05, lo >= 0 ? 0.0 : -1e300, m_setup.yFraction ? 1.0 : 1e300);
        y->setRange(r.lo, r.hi);
        y->setTickCount(r.tickCount);
    }
    if (auto* x = qobject_cast<QValueAxis*>(m_x); x && m_setup.xIsMetric()) {
        if (!(xlo <= xhi))
            xlo = xhi = 0.0;
        const NiceRange r = NiceScale::linear(xlo, xhi, 7, 0.05, xlo >= 0 ? 0.0 : -1e300, m_setup.xFraction ? 1.0 : 1e300);
        x->setRange(r.lo, r.hi);
        x->setTickCount(r.tickCount);
    }
    placeLabels();
}

// A frontier's value labels sit just above and right of their median points. Values whose
// points coincide (the strongest anchors all freeze the net) share one label, "31.62-1000".
// Each curve's two ends are placed first; a label with no free place is left out.
void SweepChart::placeLabels()
{
    const double gap = ChartPalette::lineWidth(4.0), near = ChartPalette::lineWidth(4.0);
    const QRectF area = m_chart->plotArea();
    struct Group {
        QGraphicsSimpleTextItem* label;
        QPointF at;
        bool end;
    };
    std::vector<Group> groups;
    for (Curve& c : m_curves) {
        const QList<QPointF> pts = c.median->points();
        const size_t n = std::min(c.labels.size(), size_t(pts.size()));
        for (QGraphicsSimpleTextItem* t : c.labels)
            t->setVisible(false);
        for (size_t i = 0; i < n;) {
            const QPointF at = m_chart->mapToPosition(pts[int(i)], c.median);
            size_t j = i + 1; // the run of values drawn at the same place
            while (j < n && QLineF(at, m_chart->mapToPosition(pts[int(j)], c.median)).length() <= near)
                ++j;
            c.labels[i]->setText(j - i > 1 ? c.values[int(i)] + QChar(0x2013) + c.values[int(j - 1)] : c.values[int(i)]);
            groups.push_back({c.labels[i], at, i == 0 || j == n});
            i = j;
        }
    }
    std::stable_partition(groups.begin(), groups.end(), [](const Group& g) { return g.end; });
    std::vector<QRectF> placed;
    for (const Group& g : groups) {
        if (!area.contains(g.at))
            continue;
        // Above right, above left, below right, below left: the first free place in the plot.
        const QSizeF size = g.label->boundingRect().size();
        const double left = g.at.x() - gap - size.width(), right = g.at.x() + gap;
        const double above = g.at.y() - gap - size.height(), below = g.at.y() + gap;
        for (const QPointF& pos : {QPointF(right, above), QPointF(left, above), QPointF(right, below), QPointF(left, below)}) {
            const QRectF r(pos, size);
            if (!area.contains(r) || std::any_of(placed.begin(), placed.end(), [&](const QRectF& p) { return p.intersects(r); }))
                continue;
            g.label->setPos(pos);
            g.label->setVisible(true);
            placed.push_back(r);
            break;
        }
    }
}

void SweepChart::restyle()
{
    ChartStyle::styleChart(m_chart);
    for (size_t k = 0; k < m_curves.size(); ++k) {
        Curve& curve = m_curves[k];
        const QColor c = m_curves.size() > 1 ? ChartPalette::classColor(int(k)) : ChartPalette::val();
        QColor faint = c;
        faint.setAlpha(110);
        curve.seeds->setColor(faint);
        curve.seeds->setBorderColor(faint);
        curve.seeds->setMarkerSize(ChartPalette::lineWidth(9.0));
        QPen pen(c, ChartPalette::lineWidth(3.0));
        pen.setCapStyle(Qt::RoundCap);
        pen.setJoinStyle(Qt::RoundJoin);
        curve.median->setPen(pen);
        for (QGraphicsSimpleTextItem* t : curve.labels) {
            t->setFont(ChartPalette::markerFont());
            t->setBrush(c.darker(130));
        }
    }
    placeLabels();
}

QList<QPointF> SweepChart::seedPoints(int curve) const { return m_curves.at(size_t(curve)).seeds->points(); }

QList<QPointF> SweepChart::medianPoints(int curve) const { return m_curves.at(size_t(curve)).median->points(); }

QStringList SweepChart::valueLabels(int curve) const
{
    QStringList out;
    for (const QGraphicsSimpleTextItem* t : m_curves.at(size_t(curve)).labels)
        if (t->isVisible())
            out << t->text();
    return out;
}

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
