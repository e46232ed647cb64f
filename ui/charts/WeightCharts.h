#pragma once
// The weights of a lab's layers, in the Pictures dock under the decision boundary: the live
// histogram and the distribution over training, as two tabs that show the same layer.
#include "labs/LabViews.h"

#include <QTabWidget>

#include <cstdint>
#include <vector>

class DistributionChart;
class HistogramChart;
class LayerChart;

class WeightCharts : public QTabWidget {
    Q_OBJECT
public:
    explicit WeightCharts(QWidget* parent = nullptr);

    HistogramChart* histograms() const { return m_histograms; }
    DistributionChart* distributions() const { return m_distributions; }
    std::vector<LayerChart*> charts() const;
    // The file name of a chart's exports, without suffix: weight_histograms, weight_distributions.
    static QString fileName(const LayerChart* chart);

    // run: the id of the run the views come from (TrainingSession::runId()).
    void setHistograms(const std::vector<reglab::HistogramView>& histograms, int64_t step, quint64 run);
    // A new run (a reset, another lab, a twin added or dropped): the distributions start again.
    void startRun(quint64 run);
    // A rollback to `step`: the distributions forget what came after it.
    void truncateAfter(int64_t step);

private:
    HistogramChart* m_histograms = nullptr;
    DistributionChart* m_distributions = nullptr;
};
