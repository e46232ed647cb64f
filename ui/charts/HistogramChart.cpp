#include "charts/HistogramChart.h"

#include "charts/ChartPalette.h"
#include "charts/ChartView.h"
#include "charts/NiceScale.h"
#include "charts/WeightLayers.h"

#include <QAreaSeries>
#include <QChart>
#include <QComboBox>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPainter>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

HistogramChart::HistogramChart(QWidget* parent) : QWidget(parent)
{
    m_chart = new QChart();
    m_chart->setTitleFont(ChartPalette::titleFont());
    m_chart->setTitleBrush(ChartPalette::textColor());
    m_chart->setBackgroundRoundness(0);
    m_chart->setMargins(QMargins(4, 4, 8, 4));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->legend()->hide();
    m_chart->setTitle(tr("Weights"));

    m_upper = new QLineSeries();
    m_area = new QAreaSeries(m_upper);
    // A QAreaSeries does not own its boundary series (the chart owns only added series):
    // without a parent the step line would leak with every histogram chart.
    m_upper->setParent(m_area);
    m_area->setName(tr("weights"));
    QColor fill = ChartPalette::train();
    fill.setAlpha(110);
    m_area->setBrush(fill);
    m_area->setPen(QPen(ChartPalette::train().darker(120), 1.5));
    m_chart->addSeries(m_area);
    m_twinLine = new QLineSeries();
    QPen dashed(ChartPalette::textColor(), 2.0);
    dashed.setDashPattern({3.0, 2.0});
    m_twinLine->setPen(dashed);
    m_chart->addSeries(m_twinLine);

    m_x = new QValueAxis();
    m_y = new QValueAxis();
    for (QValueAxis* a : {m_x, m_y}) {
        a->setLabelsFont(ChartPalette::axisLabelFont());
        a->setTitleFont(ChartPalette::axisTitleFont());
        a->setLabelsColor(ChartPalette::textColor());
        a->setGridLineColor(ChartPalette::gridColor());
    }
    m_x->setTitleText(tr("weight value"));
    m_x->setLabelFormat(QStringLiteral("%.2g"));
    m_y->setTitleText(tr("count"));
    m_y->setLabelFormat(QStringLiteral("%g")); // counts, or densities below 1
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_area->attachAxis(m_x);
    m_area->attachAxis(m_y);
    m_twinLine->attachAxis(m_x);
    m_twinLine->attachAxis(m_y);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->legend()->setFont(ChartPalette::legendFont());
    m_chart->legend()->setLabelColor(ChartPalette::textColor());
    m_x->setRange(-1, 1);
    m_y->setRange(0, 1);

    m_view = new ChartView(m_chart, this);
    m_view->setMinimumSize(220, 160);
    connect(m_view, &QWidget::customContextMenuRequested, this, &HistogramChart::showMenu);

    auto* top = new QHBoxLayout();
    top->setContentsMargins(6, 0, 6, 0);
    m_picker = WeightLayers::makePicker(this, top);
    connect(m_picker, &QComboBox::currentIndexChanged, this, [this] { showCurrent(); });
    m_empty = new QLabel(tr("No weight histograms for this lab"), this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->hide();
    top->addStretch(1);
    m_stepLabel = new QLabel(this);
    m_stepLabel->setStyleSheet(QStringLiteral("color: #555;"));
    top->addWidget(m_stepLabel);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_empty, 1);
}

HistogramChart::~HistogramChart() = default;

QString HistogramChart::title() const { return tr("%1 (step %2)").arg(m_chart->title()).arg(m_step); }

int HistogramChart::currentIndex() const { return m_picker->currentIndex(); }

void HistogramChart::setCurrentIndex(int i) { m_picker->setCurrentIndex(i); }

void HistogramChart::clear()
{
    m_histograms.clear();
    m_twins.clear();
    m_picker->clear();
    m_upper->clear();
    m_twinLine->clear();
    m_chart->legend()->hide();
    m_yMax = 0.0;
}

void HistogramChart::setHistograms(const std::vector<reglab::HistogramView>& histograms, int64_t step)
{
    m_step = step;
    WeightLayers::split(histograms, &m_histograms, &m_twins);
    // Rebuild the picker only when the layers changed; keep the user's choice by id.
    if (WeightLayers::fillPicker(m_picker, m_histograms))
        m_yMax = 0.0;
    const bool any = !m_histograms.empty();
    m_view->setVisible(any);
    m_picker->setEnabled(any);
    m_empty->setVisible(!any);
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

const reglab::HistogramView* HistogramChart::twinOf(int index) const
{
    if (index < 0 || size_t(index) >= m_histograms.size())
        return nullptr;
    return WeightLayers::twinOf(m_histograms[size_t(index)].id, m_twins);
}

bool HistogramChart::showsTwin() const { return twinOf(m_picker->currentIndex()) != nullptr; }

void HistogramChart::showCurrent()
{
    const int i = m_picker->currentIndex();
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
    m_chart->legend()->setVisible(twin != nullptr);

    const NiceRange xr = NiceScale::linear(lo, hi, 6, 0.0);
    m_x->setRange(xr.lo, xr.hi);
    m_x->setTickCount(xr.tickCount);
    // Grow at once, shrink only when the peak fell well below the axis.
    if (peak > m_yMax || peak < 0.5 * m_yMax || m_yMax <= 0.0) {
        // Whole counts get whole ticks (no "0, 0, 1, 1" labels); densities keep theirs.
        const double top = peak >= 1.0 ? std::max(peak * 1.1, 5.0) : std::max(peak * 1.1, 1e-9);
        const NiceRange yr = NiceScale::linear(0.0, peak > 0.0 ? top : 5.0, 5, 0.0);
        m_yMax = yr.hi;
        m_y->setRange(0.0, yr.hi);
        m_y->setTickCount(yr.tickCount);
    }
    m_chart->setTitle(WeightLayers::title(h));
    m_stepLabel->setText(tr("step %1").arg(QLocale().toString(qlonglong(m_step))));
}

QSize HistogramChart::chartSize() const
{
    m_view->layOutIfHidden();
    return m_chart->size().toSize();
}

void HistogramChart::paintTo(QPainter* painter, const QRectF& target)
{
    m_view->layOutIfHidden();
    m_chart->scene()->render(painter, target, m_chart->sceneBoundingRect(), Qt::KeepAspectRatio);
}

QString HistogramChart::toCsv() const
{
    const int i = m_picker->currentIndex();
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

void HistogramChart::showMenu(const QPoint& pos)
{
    m_view->execExportMenu(
        pos, [this] { emit exportImageRequested(this); }, [this] { emit exportDataRequested(this); });
}
