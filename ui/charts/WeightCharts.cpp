#include "charts/WeightCharts.h"

#include "charts/DistributionChart.h"
#include "charts/HistogramChart.h"

#include <QComboBox>

WeightCharts::WeightCharts(QWidget* parent) : QTabWidget(parent)
{
    setObjectName(QStringLiteral("weightTabs"));
    setDocumentMode(true);
    m_histograms = new HistogramChart(this);
    m_distributions = new DistributionChart(this);
    addTab(m_histograms, tr("Histogram"));
    addTab(m_distributions, tr("Distribution over time"));
    setTabToolTip(0, tr("The weights of one layer now"));
    setTabToolTip(1, tr("The weights of one layer over training: median and percentile bands"));
    // Both tabs show the same layer: picking it in one picks it in the other.
    auto follow = [this](QComboBox* from, QComboBox* to) {
        connect(from, &QComboBox::currentIndexChanged, to, [from, to] {
            const int i = to->findData(from->currentData());
            if (i >= 0)
                to->setCurrentIndex(i);
        });
    };
    follow(m_histograms->picker(), m_distributions->picker());
    follow(m_distributions->picker(), m_histograms->picker());
}

std::vector<LayerChart*> WeightCharts::charts() const { return {m_histograms, m_distributions}; }

QString WeightCharts::fileName(const LayerChart* chart)
{
    return qobject_cast<const DistributionChart*>(chart) ? QStringLiteral("weight_distributions")
                                                         : QStringLiteral("weight_histograms");
}

void WeightCharts::setHistograms(const std::vector<reglab::HistogramView>& histograms, int64_t step, quint64 run)
{
    m_histograms->setHistograms(histograms, step);
    m_distributions->setHistograms(histograms, step, run);
}

void WeightCharts::startRun(quint64 run) { m_distributions->startRun(run); }

void WeightCharts::truncateAfter(int64_t step) { m_distributions->truncateAfter(step); }
