#include "charts/HistogramChart.h"

#include "charts/ChartPalette.h"
#include "charts/ChartStyle.h"
#include "charts/ChartView.h"
#include "charts/NiceScale.h"
#include "charts/WeightLayers.h"

#include <QAreaSeries>
#include <QChart>
#include <QComboBox>
#include <QLineSeries>
#include <QLocale>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

HistogramChart::HistogramChart(QWidget* parent) : LayerChart(tr("No weight histograms for this lab"), parent)
{
    QChart* chart = this->chart();
    chart->setTitle(tr("Weights"));

    m_upper = new QLineSeries();
    m_area = new QAreaSeries(m_upper);
    // A QAreaSeries does not own its boundary series (the chart owns only added series):
    // without a parent the step line would leak with every histogram chart.
    m_upper->setParent(m_area);
    m_area->setName(tr("weights"));
    chart->addSeries(m_area);
    m_twinLine = new QLineSeries();
    chart->addSeries(m_twinLine);

    m_x = new QValueAxis();
    m_y = new QValueAxis();
    styleAxis(m_x);
    styleAxis(m_y);
    m_x->setTitleText(tr("weight value"));
    m_x->setLabelFormat(QStringLiteral("%.2g"));
    m_y->setTitleText(tr("count"));
    m_y->setLabelFormat(QStringLiteral("%g")); // counts, or densities below 1
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    m_area->attachAxis(m_x);
    m_area->attachAxis(m_y);
    m_twinLine->attachAxis(m_x);
    m_twinLine->attachAxis(m_y);
    m_x->setRange(-1, 1);
    m_y->setRange(0, 1);
    restyle();
}

void HistogramChart::restyle()
{
    LayerChart::restyle();
    QColor fill = ChartPalette::train();
    fill.setAlpha(110);
    m_area->setBrush(fill);
    const QColor edge = ChartStyle::instance()->dark() ? ChartPalette::train().lighter(130) : ChartPalette::train().darker(120);
    m_area->setPen(QPen(edge, ChartPalette::lineWidth(1.5)));
    QPen dashed(ChartPalette::textColor(), ChartPalette::lineWidth(2.0));
    dashed.setDashPattern({3.0, 2.0});
    m_twinLine->setPen(dashed);
}

HistogramChart::~HistogramChart() = default;

QString HistogramChart::title() const { return tr("%1 (step %2)").arg(chart()->title()).arg(m_step); }

void HistogramChart::clear()
{
    m_histograms.clear();
    m_twins.clear();
    picker()->clear();
    m_upper->clear();
    m_twinLine->clear();
    chart()->legend()->hide();
    m_yMax = 0.0;
}

void HistogramChart::setHistograms(const std::vector<reglab::HistogramView>& histograms, int64_t step)
{
    m_step = step;
    WeightLayers::split(histograms, &m_histograms, &m_twins);
    // Rebuild the picker only when the layers changed; keep the user's choice by id.
    if (setLayers(m_histograms))
        m_yMax = 0.0;
    showCurrent();
}

namespace {
// The outline of a histogram as a step line, and its highest bar.
QList<QPointF> stepLine(const reglab::HistogramView& h, double* peak)
{
    const size_t n = h.counts.size();
    QList<QPointF> pts;
    pts.reserve(int(2 * n + 2));
    const double width = n ? (h.hi - h.lo) / double(n) : 1.0;
    pts.append(QPointF(h.lo, 0.0));
    for (size_t b = 0; b < n; ++b) {
        const double c = std::isfinite(h.counts[b]) ? std::max(0.0, h.counts[b]) : 0.0;
        *peak = std::max(*peak, c);
        pts.append(QPointF(h.lo + b * width, c));
        pts.append(QPointF(h.lo + (b + 1) * width, c));
    }
    pts.append(QPointF(h.hi, 0.0));
    return pts;
}
} // namespace

int HistogramChart::xTicks() const
{
    // The plot is the view less the y labels and title (about 5 digits' width) and margins.
    const QFontMetrics fm(ChartPalette::axisLabelFont());
    const int label = fm.horizontalAdvance(QStringLiteral("-0.25")) + fm.averageCharWidth() * 2;
    const int plot = view()->width() - fm.horizontalAdvance(QStringLiteral("00000")) - 3 * fm.height();
    return std::clamp(plot / std::max(1, label), 2, 6);
}

int HistogramChart::yTicks() const
{
    // The plot is the view less the title, the x labels and title, and margins.
    const QFontMetrics fm(ChartPalette::axisLabelFont());
    const int plot = view()->height() - 7 * fm.height();
    return std::clamp(plot / std::max(1, 2 * fm.height()), 2, 5);
}

void HistogramChart::resizeEvent(QResizeEvent* event)
{
    LayerChart::resizeEvent(event);
    m_yMax = 0.0; // the y ticks are chosen again for the new height
    showCurrent();
}

const reglab::HistogramView* HistogramChart::twinOf(int index) const
{
    if (index < 0 || size_t(index) >= m_histograms.size())
        return nullptr;
    return WeightLayers::twinOf(m_histograms[size_t(index)].id, m_twins);
}

bool HistogramChart::showsTwin() const { return twinOf(picker()->currentIndex()) != nullptr; }

void HistogramChart::showCurrent()
{
    const int i = picker()->currentIndex();
    if (i < 0 || size_t(i) >= m_histograms.size()) {
        m_upper->clear();
        m_twinLine->clear();
        return;
    }
    const auto& h = m_histograms[size_t(i)];
    double peak = 0.0, lo = h.lo, hi = h.hi;
    m_upper->replace(stepLine(h, &peak));
    const reglab::HistogramView* twin = twinOf(i);
    if (twin) {
        m_twinLine->replace(stepLine(*twin, &peak));
        lo = std::min(lo, twin->lo);
        hi = std::max(hi, twin->hi);
        m_twinLine->setName(WeightLayers::twinName(twin->title));
        m_area->setName(tr("this run"));
    } else {
        m_twinLine->clear();
    }
    chart()->legend()->setVisible(twin != nullptr);

    const NiceRange xr = NiceScale::linear(lo, hi, xTicks(), 0.0);
    m_x->setRange(xr.lo, xr.hi);
    m_x->setTickCount(xr.tickCount);
    // Grow at once, shrink only when the peak fell well below the axis.
    if (peak > m_yMax || peak < 0.5 * m_yMax || m_yMax <= 0.0) {
        // Whole counts get whole ticks (no "0, 0, 1, 1" labels); densities keep theirs.
        const double top = peak <= 0.0 ? 5.0 : peak >= 1.0 ? std::max(peak * 1.1, 5.0) : peak * 1.1;
        // Ticks at nice steps from 0, the axis just above the peak: with the few ticks of a
        // small chart, snapping the axis to a tick would leave half the plot empty.
        const double step = NiceScale::niceNumber(top / std::max(1, yTicks() - 1), true);
        m_yMax = top;
        m_y->setRange(0.0, top);
        m_y->setTickType(QValueAxis::TicksDynamic);
        m_y->setTickAnchor(0.0);
        m_y->setTickInterval(peak >= 1.0 ? std::max(1.0, step) : step);
    }
    chart()->setTitle(WeightLayers::title(h));
    m_x->setTitleText(h.valueLabel.empty() ? tr("weight value") : QString::fromStdString(h.valueLabel));
    setNote(tr("step %1").arg(QLocale().toString(qlonglong(m_step))));
}

QString HistogramChart::toCsv() const
{
    const int i = picker()->currentIndex();
    const reglab::HistogramView* twin = twinOf(i);
    QString out = twin ? QStringLiteral("run,bin_lo,bin_hi,count\n") : QStringLiteral("bin_lo,bin_hi,count\n");
    if (i < 0 || size_t(i) >= m_histograms.size())
        return out;
    auto rows = [&](const reglab::HistogramView& h, const QString& run) {
        const double width = h.counts.empty() ? 1.0 : (h.hi - h.lo) / double(h.counts.size());
        for (size_t b = 0; b < h.counts.size(); ++b)
            out += run + QStringLiteral("%1,%2,%3\n")
                             .arg(h.lo + b * width, 0, 'g', 10)
                             .arg(h.lo + (b + 1) * width, 0, 'g', 10)
                             .arg(h.counts[b], 0, 'g', 10);
    };
    rows(m_histograms[size_t(i)], twin ? QStringLiteral("main,") : QString());
    if (twin)
        rows(*twin, QStringLiteral("twin,"));
    return out;
}
