#include "charts/DistributionChart.h"

#include "charts/ChartPalette.h"
#include "charts/ChartView.h"
#include "charts/StepAxis.h"
#include "charts/WeightLayers.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QComboBox>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace {
constexpr int kMedian = reglab::kPercentileCount / 2;
constexpr int kTwinLow = 2; // the twin's outline: 16-84
// The bands' fill over white, outermost first; they stack, so the middle is the darkest.
constexpr int kBandAlpha[DistributionChart::kBands] = {45, 50, 60, 70};

QString columnName(int rank)
{
    return rank == 0 ? QStringLiteral("min") : rank == 100 ? QStringLiteral("max") : QStringLiteral("p%1").arg(rank);
}

QList<QPointF> line(const std::vector<PercentileHistory::Sample>& samples, int k)
{
    QList<QPointF> pts;
    pts.reserve(qsizetype(samples.size()));
    for (const auto& s : samples)
        pts.append(QPointF(double(s.step), s.values[size_t(k)]));
    return pts;
}
} // namespace

DistributionChart::DistributionChart(QWidget* parent, int capacity) : QWidget(parent), m_capacity(capacity)
{
    m_chart = new QChart();
    m_chart->setTitleFont(ChartPalette::titleFont());
    m_chart->setTitleBrush(ChartPalette::textColor());
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(4, 4, 24, 4));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setTitle(tr("Weights over training"));

    const QColor base = ChartPalette::train();
    for (int b = 0; b < kBands; ++b) {
        auto* upper = new QLineSeries();
        auto* lower = new QLineSeries();
        m_bands[b] = new QAreaSeries(upper, lower);
        // A QAreaSeries does not own its boundary series (see HistogramChart).
        upper->setParent(m_bands[b]);
        lower->setParent(m_bands[b]);
        QColor fill = base;
        fill.setAlpha(kBandAlpha[b]);
        m_bands[b]->setBrush(fill);
        m_bands[b]->setPen(Qt::NoPen);
        m_bands[b]->setName(b == 0 ? tr("min-max")
                                   : tr("%1-%2 %").arg(reglab::kPercentileRanks[b]).arg(reglab::kPercentileRanks[8 - b]));
        m_chart->addSeries(m_bands[b]);
    }
    m_median = new QLineSeries();
    m_median->setName(tr("median"));
    m_median->setPen(QPen(base.darker(130), 2.0));
    m_median->setMarkerSize(7);
    m_twinBand = new QLineSeries();
    m_twinBand->setName(tr("twin 16-84 %"));
    QPen outline(ChartPalette::textColor(), 1.2);
    outline.setDashPattern({2.0, 3.0});
    m_twinBand->setPen(outline);
    m_twinMedian = new QLineSeries();
    QPen dashed(ChartPalette::textColor(), 2.0);
    dashed.setDashPattern({3.0, 2.0});
    m_twinMedian->setPen(dashed);
    m_twinMedian->setName(tr("twin"));
    for (QLineSeries* s : {m_median, m_twinBand, m_twinMedian})
        m_chart->addSeries(s);

    m_x = new QCategoryAxis();
    m_x->setTitleText(tr("step"));
    m_x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_y = new QValueAxis();
    m_y->setTitleText(tr("weight value"));
    m_y->setLabelFormat(QStringLiteral("%.2g"));
    for (QAbstractAxis* a : {static_cast<QAbstractAxis*>(m_x), static_cast<QAbstractAxis*>(m_y)}) {
        a->setLabelsFont(ChartPalette::axisLabelFont());
        a->setTitleFont(ChartPalette::axisTitleFont());
        a->setLabelsColor(ChartPalette::textColor());
        a->setGridLineColor(ChartPalette::gridColor());
    }
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractSeries* s : m_chart->series()) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    m_y->setRange(-1, 1);
    updateXAxis();
    // Only this run's median and the twin's go in the legend (shown with a twin only).
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->setFont(ChartPalette::legendFont());
    m_chart->legend()->setLabelColor(ChartPalette::textColor());
    for (QAbstractSeries* s : m_chart->series())
        if (s != m_median && s != m_twinMedian)
            for (QLegendMarker* m : m_chart->legend()->markers(s))
                m->setVisible(false);
    m_chart->legend()->hide();

    m_view = new ChartView(m_chart, this);
    m_view->setMinimumSize(220, 160);
    m_view->setToolTip(tr("The weights of the chosen layer at each step: the line is the median, the bands hold "
                          "the middle 38 %, 68 %, 86 % and all of the weights (percentiles 31-69, 16-84, 7-93, "
                          "min-max), as in TensorBoard's distributions."));
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        m_view->execExportMenu(
            pos, [this] { emit exportImageRequested(this); }, [this] { emit exportDataRequested(this); });
    });
    // Ticks follow the plot's width (queued: relabelling the axis moves the plot area again).
    connect(m_chart, &QChart::plotAreaChanged, this, [this] { updateXAxis(); }, Qt::QueuedConnection);

    auto* top = new QHBoxLayout();
    top->setContentsMargins(6, 0, 6, 0);
    m_picker = WeightLayers::makePicker(this, top);
    connect(m_picker, &QComboBox::currentIndexChanged, this, [this] {
        m_dirty = true;
        refresh();
    });
    top->addStretch(1);
    m_key = new QLabel(tr("line: median; bands: 31-69, 16-84, 7-93 %, min-max"), this);
    m_key->setStyleSheet(QStringLiteral("color: #555;"));
    m_key->setToolTip(m_view->toolTip());
    top->addWidget(m_key);
    m_empty = new QLabel(tr("No weight distributions for this lab"), this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty, 1);
}

DistributionChart::~DistributionChart() = default;

int DistributionChart::currentIndex() const { return m_picker->currentIndex(); }

void DistributionChart::setCurrentIndex(int i) { m_picker->setCurrentIndex(i); }

std::string DistributionChart::currentId() const { return m_picker->currentData().toString().toStdString(); }

const PercentileHistory* DistributionChart::history(const std::string& id) const
{
    const auto it = m_history.find(id);
    return it == m_history.end() ? nullptr : &it->second;
}

const PercentileHistory* DistributionChart::twinHistory() const
{
    const PercentileHistory* h = history(WeightLayers::twinId(currentId()));
    return h && !h->isEmpty() ? h : nullptr;
}

void DistributionChart::setHistograms(const std::vector<reglab::HistogramView>& histograms, int64_t step,
                                      quint64 run)
{
    if (run != m_run) {
        m_run = run;
        m_runFrom = step;
    }
    std::vector<reglab::HistogramView> mains, twins;
    WeightLayers::split(histograms, &mains, &twins);
    auto noPercentiles = [](const reglab::HistogramView& h) {
        return h.percentiles.size() != size_t(reglab::kPercentileCount);
    };
    mains.erase(std::remove_if(mains.begin(), mains.end(), noPercentiles), mains.end());
    twins.erase(std::remove_if(twins.begin(), twins.end(), noPercentiles), twins.end());
    if (WeightLayers::fillPicker(m_picker, mains))
        m_history.clear(); // other layers: another lab
    m_layers.clear();
    for (const auto& h : mains) {
        m_layers.push_back(h.id);
        m_titles[h.id] = WeightLayers::title(h);
    }
    // A twin that is no longer in the views was dropped: so is its history.
    for (auto it = m_history.begin(); it != m_history.end();) {
        const bool gone = WeightLayers::isTwin(it->first) &&
                          std::none_of(twins.begin(), twins.end(), [&](const auto& t) { return t.id == it->first; });
        it = gone ? m_history.erase(it) : std::next(it);
    }
    for (const auto* list : {&mains, &twins})
        for (const auto& h : *list) {
            m_history.try_emplace(h.id, m_capacity).first->second.append(step, h.percentiles);
            if (WeightLayers::isTwin(h.id))
                m_twinNames[h.id] = WeightLayers::twinName(h.title);
        }
    const bool any = !m_layers.empty();
    m_view->setVisible(any);
    m_picker->setEnabled(any);
    m_key->setVisible(any);
    m_empty->setVisible(!any);
    m_dirty = true;
    refresh();
}

void DistributionChart::startRun(quint64 run)
{
    if (run != m_run) {
        clear();
        return;
    }
    // Its first view came before the news of the run: it dropped the old samples from its
    // step on (an earlier step), the ones before it go now.
    for (auto& [id, h] : m_history)
        h.dropBefore(m_runFrom);
    m_dirty = true;
    refresh();
}

void DistributionChart::clear()
{
    for (auto it = m_history.begin(); it != m_history.end();) {
        if (WeightLayers::isTwin(it->first)) {
            it = m_history.erase(it);
        } else {
            it->second.clear();
            ++it;
        }
    }
    m_dirty = true;
    refresh();
}

void DistributionChart::truncateAfter(int64_t step)
{
    for (auto& [id, h] : m_history)
        h.truncateAfter(step);
    m_dirty = true;
    refresh();
}

void DistributionChart::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh();
}

void DistributionChart::refresh(bool evenHidden)
{
    if (!m_dirty || (!evenHidden && !isVisible()))
        return;
    m_dirty = false;
    static const std::vector<PercentileHistory::Sample> none;
    const PercentileHistory* main = history(currentId());
    const PercentileHistory* twin = twinHistory();
    const auto& samples = main ? main->samples() : none;
    for (int b = 0; b < kBands; ++b) {
        m_bands[b]->lowerSeries()->replace(line(samples, b));
        m_bands[b]->upperSeries()->replace(line(samples, reglab::kPercentileCount - 1 - b));
    }
    m_median->replace(line(samples, kMedian));
    m_median->setPointsVisible(samples.size() == 1); // a lone sample draws no line
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const auto& s : samples) {
        lo = std::min(lo, s.values.front());
        hi = std::max(hi, s.values.back());
    }
    m_lastStep = samples.empty() ? 0.0 : double(samples.back().step);
    if (twin) {
        m_twinMedian->replace(line(twin->samples(), kMedian));
        QList<QPointF> outline = line(twin->samples(), kTwinLow);
        const QList<QPointF> upper = line(twin->samples(), reglab::kPercentileCount - 1 - kTwinLow);
        outline.append(QList<QPointF>(upper.rbegin(), upper.rend()));
        if (!outline.isEmpty())
            outline.append(outline.front());
        m_twinBand->replace(outline);
        for (const auto& s : twin->samples()) {
            lo = std::min(lo, s.values[kTwinLow]);
            hi = std::max(hi, s.values[size_t(reglab::kPercentileCount - 1 - kTwinLow)]);
        }
        m_lastStep = std::max(m_lastStep, double(twin->samples().back().step));
        m_twinMedian->setName(m_twinNames[WeightLayers::twinId(currentId())]);
        m_median->setName(tr("this run"));
    } else {
        m_twinMedian->replace(QList<QPointF>());
        m_twinBand->replace(QList<QPointF>());
    }
    m_chart->legend()->setVisible(twin != nullptr);
    const auto title = m_titles.find(currentId());
    m_chart->setTitle(title != m_titles.end() ? title->second : tr("Weights over training"));

    const NiceRange yr = lo <= hi ? NiceScale::linear(lo, hi, 6, 0.05) : NiceRange{-1.0, 1.0, 0.5, 5};
    if (yr != m_yRange) {
        m_y->setRange(yr.lo, yr.hi);
        m_y->setTickCount(yr.tickCount);
        m_yRange = yr;
    }
    updateXAxis();
}

void DistributionChart::updateXAxis()
{
    m_xRange = StepAxis::update(m_x, m_lastStep, m_chart->plotArea().width(), m_xRange);
}

bool DistributionChart::legendShown() const { return m_chart->legend()->isVisible(); }

QList<QPointF> DistributionChart::medianPoints(bool twin) const { return (twin ? m_twinMedian : m_median)->points(); }

QString DistributionChart::title() const
{
    return tr("%1 over training (to step %2)").arg(m_chart->title()).arg(qlonglong(m_lastStep));
}

QSize DistributionChart::chartSize() const
{
    m_view->layOutIfHidden();
    return m_chart->size().toSize();
}

void DistributionChart::paintTo(QPainter* painter, const QRectF& target)
{
    refresh(true);
    m_view->layOutIfHidden();
    m_chart->scene()->render(painter, target, m_chart->sceneBoundingRect(), Qt::KeepAspectRatio);
}

QString DistributionChart::toCsv() const
{
    const PercentileHistory* main = history(currentId());
    const PercentileHistory* twin = twinHistory();
    QString out = twin ? QStringLiteral("run,step") : QStringLiteral("step");
    for (int rank : reglab::kPercentileRanks)
        out += QLatin1Char(',') + columnName(rank);
    out += QLatin1Char('\n');
    auto rows = [&](const PercentileHistory& h, const QString& run) {
        for (const auto& s : h.samples()) {
            out += run + QString::number(s.step);
            for (double v : s.values)
                out += QLatin1Char(',') + QString::number(v, 'g', 10);
            out += QLatin1Char('\n');
        }
    };
    if (main)
        rows(*main, twin ? QStringLiteral("main,") : QString());
    if (twin)
        rows(*twin, QStringLiteral("twin,"));
    return out;
}
