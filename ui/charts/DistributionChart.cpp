#include "charts/DistributionChart.h"

#include "charts/ChartPalette.h"
#include "charts/ChartStyle.h"
#include "charts/ChartView.h"
#include "charts/StepAxis.h"
#include "charts/WeightLayers.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QComboBox>
#include <QFontMetricsF>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QValueAxis>

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

DistributionChart::DistributionChart(QWidget* parent, int capacity)
    : LayerChart(tr("No weight distributions for this lab"), parent), m_capacity(capacity)
{
    QChart* chart = this->chart();
    chart->setTitle(tr("Weights over training"));

    for (int b = 0; b < kBands; ++b) {
        auto* upper = new QLineSeries();
        auto* lower = new QLineSeries();
        m_bands[b] = new QAreaSeries(upper, lower);
        // A QAreaSeries does not own its boundary series (see HistogramChart).
        upper->setParent(m_bands[b]);
        lower->setParent(m_bands[b]);
        m_bands[b]->setPen(Qt::NoPen);
        m_bands[b]->setName(b == 0 ? tr("min-max")
                                   : tr("%1-%2 %").arg(reglab::kPercentileRanks[b]).arg(reglab::kPercentileRanks[8 - b]));
        chart->addSeries(m_bands[b]);
    }
    m_median = new QLineSeries();
    m_median->setName(tr("median"));
    m_median->setMarkerSize(7);
    m_twinBand = new QLineSeries();
    m_twinBand->setName(tr("twin 16-84 %"));
    m_twinMedian = new QLineSeries();
    m_twinMedian->setName(tr("twin"));
    for (QLineSeries* s : {m_median, m_twinBand, m_twinMedian})
        chart->addSeries(s);

    m_x = new QCategoryAxis();
    m_x->setTitleText(tr("step"));
    m_x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_y = new QValueAxis();
    m_y->setTitleText(tr("weight value"));
    m_y->setLabelFormat(QStringLiteral("%.2g"));
    styleAxis(m_x);
    styleAxis(m_y);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractSeries* s : chart->series()) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    updateAxes();
    // Only this run's median and the twin's go in the legend (shown with a twin only).
    for (QAbstractSeries* s : chart->series())
        if (s != m_median && s != m_twinMedian)
            for (QLegendMarker* m : chart->legend()->markers(s))
                m->setVisible(false);
    view()->setToolTip(tr("The weights of the chosen layer over training, as in TensorBoard's distributions"));
    // Ticks follow the plot's size (queued: relabelling an axis moves the plot area again).
    connect(chart, &QChart::plotAreaChanged, this, [this] { updateAxes(); }, Qt::QueuedConnection);

    // The key, under the plot (a legend of five entries would be elided in a narrow dock).
    m_key = new QLabel(tr("Line: median. Bands: percentiles 31-69, 16-84, 7-93, min-max."), this);
    m_key->setToolTip(tr("The bands hold the middle 38 %, 68 % and 86 % of the layer's weights, and all of them"));
    m_key->setWordWrap(true);
    m_key->setContentsMargins(6, 0, 6, 2);
    addBelowChart(m_key);
    restyle();
}

void DistributionChart::restyle()
{
    LayerChart::restyle();
    const QColor base = ChartPalette::train();
    for (int b = 0; b < kBands; ++b) {
        QColor fill = base;
        fill.setAlpha(kBandAlpha[b]);
        m_bands[b]->setBrush(fill);
    }
    m_median->setPen(QPen(ChartStyle::instance()->dark() ? base.lighter(130) : base.darker(130), ChartPalette::lineWidth(2.0)));
    QPen outline(ChartPalette::textColor(), ChartPalette::lineWidth(1.2));
    outline.setDashPattern({2.0, 3.0});
    m_twinBand->setPen(outline);
    QPen dashed(ChartPalette::textColor(), ChartPalette::lineWidth(2.0));
    dashed.setDashPattern({3.0, 2.0});
    m_twinMedian->setPen(dashed);
    setMutedText(m_key);
}

DistributionChart::~DistributionChart() = default;

std::string DistributionChart::currentId() const { return picker()->currentData().toString().toStdString(); }

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
    if (setLayers(mains))
        m_history.clear(); // other layers: another lab
    m_layers.clear();
    for (const auto& h : mains) {
        m_layers.push_back(h.id);
        m_titles[h.id] = WeightLayers::title(h);
        m_valueLabels[h.id] = h.valueLabel.empty() ? tr("weight value") : QString::fromStdString(h.valueLabel);
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
    m_key->setVisible(!m_layers.empty());
    showCurrent();
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
        outline.append(QList<QPointF>(upper.rbegin(), upper.rend())); // open at step 0, closed at the last step
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
    chart()->legend()->setVisible(twin != nullptr);
    setNote(tr("to step %1").arg(QLocale().toString(qlonglong(m_lastStep))));
    const auto title = m_titles.find(currentId());
    chart()->setTitle(title != m_titles.end() ? title->second : tr("Weights over training"));
    const auto label = m_valueLabels.find(currentId());
    m_y->setTitleText(label != m_valueLabels.end() ? label->second : tr("weight value"));

    m_yLo = lo;
    m_yHi = hi;
    updateAxes();
}

void DistributionChart::updateAxes()
{
    m_xRange = StepAxis::update(m_x, m_lastStep, chart()->plotArea().width(), m_xRange);
    // As many labelled ticks as fit the plot's height (Qt elides labels packed closer).
    const double height = chart()->plotArea().height();
    const double label = QFontMetricsF(ChartPalette::axisLabelFont()).height() * 1.6;
    const int maxTicks = height > 0 ? std::clamp(int(height / label), 2, 6) : 6;
    const NiceRange yr = m_yLo <= m_yHi ? NiceScale::linear(m_yLo, m_yHi, maxTicks, 0.05) : NiceRange{-1.0, 1.0, 0.5, 5};
    if (yr != m_yRange) {
        m_y->setRange(yr.lo, yr.hi);
        m_y->setTickCount(yr.tickCount);
        m_yRange = yr;
    }
}

bool DistributionChart::legendShown() const { return chart()->legend()->isVisible(); }

QList<QPointF> DistributionChart::medianPoints(bool twin) const { return (twin ? m_twinMedian : m_median)->points(); }

QString DistributionChart::title() const
{
    return tr("%1 over training (to step %2)").arg(chart()->title()).arg(qlonglong(m_lastStep));
}


void DistributionChart::showCurrent()
{
    m_dirty = true;
    refresh();
}

void DistributionChart::prepareExport()
{
    refresh(true);
    updateAxes();
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
