#pragma once
// The `classify` lab: an MLP on 2D toy sets, the 8x8 digits or a user CSV, with every
// regularizer of the first lessons as a live switch (DESIGN section 4). On Playground's
// regression sets (reg-plane, reg-gaussian) it is a regressor: one linear output, trained
// on the mean squared error.
#include "Rng.h"
#include "data/CsvDataset.h"
#include "data/Dataset.h"
#include "data/FeatureMap.h"
#include "labs/classify/ClassifyEvaluator.h"
#include "labs/ExportableLab.h"
#include "labs/Lab.h"
#include "labs/PathFile.h"
#include "nn/Sequential.h"
#include "optim/Optimizer.h"
#include "regularizers/EarlyStopping.h"
#include "regularizers/L1Proximal.h"
#include "regularizers/L2Penalty.h"
#include "regularizers/SpectralNorm.h"

#include <memory>

namespace reglab {

class ClassifyLab : public Lab, public ExportableLab {
public:
    ClassifyLab();
    ~ClassifyLab() override;

    std::string id() const override { return "classify"; }
    std::string title() const override { return "Classification"; }
    std::string description() const override;
    std::vector<MetricSpec> metrics() const override;
    LabViews views() const override;
    bool finished() const override { return m_finished; }
    std::string finishedMessage() const override;

    std::vector<NamedTensor> tensors() const override;
    const DataSplit* data() const override { return &m_data; }
    int64_t earlyStopBestStep() const override;

    Sequential<float>& network() { return m_net; }

protected:
    std::string checkValue(const std::string& id, const ParamValue& v) override;
    void onReset(uint64_t seed) override;
    void onLiveChange(const std::string& id) override;
    double onStep(MetricRow* row, bool* logged) override;
    MetricRow measure() const override;
    void onInitialRow(const MetricRow& row) override;
    std::unique_ptr<LabState> onSaveState() const override;
    void onRestoreState(const LabState& state) override;

private:
    // One weight matrix of the network, in parameter order: its metric label and whether a
    // BatchNorm follows it (then its effective learning rate is logged).
    struct WeightInfo {
        std::string label;
        bool underBatchNorm = false;
    };
    // From the active params, so metrics() and measure() agree before and after a reset.
    std::vector<WeightInfo> weightLayout() const;

    // From the active params, as weightLayout: the data set is a regression set.
    bool regression() const;
    ClassifyEvaluator::Result evaluate(const Dataset& d, const ClassifyEvaluator::Options& options) const;
    // Without the branch whose removal costs the most: the validation accuracy, or for a
    // regression the validation loss.
    double branchAblation() const;
    double lipschitzBound() const;
    void applyLiveParams();
    // The user's drawn points as train and val sets; throws std::invalid_argument when they
    // cannot train a run (no training or no validation point).
    static DataSplit drawnSplit(const std::string& text);
    // Makes `split` (2D or not, before the feature map) the data, with its batch order and
    // the validation noise (drawn from `seed`).
    void installData(DataSplit split, uint64_t seed);
    // True when early stopping fired now and restored the best weights.
    bool observeForEarlyStopping(const MetricRow& row, int64_t step);
    void nextBatch(Index batch);

    DataSplit m_data;    // what the network sees: the chosen input features of 2D points
    DataSplit m_points;  // the 2D points themselves, for the pictures (empty when not 2D)
    FeatureMap m_features;
    std::string m_drawnText; // the drawn_points the data came from (dataset 'drawn'), else ""
    PathFile<Dataset> m_csv{loadCsvDataset}; // the user's CSV, when dataset = csv
    Sequential<float> m_net;
    std::unique_ptr<Optimizer<float>> m_opt;
    std::vector<Parameter<float>*> m_params;
    L2Penalty<float> m_l2;
    L1Proximal<float> m_l1;
    SpectralNorm<float> m_spectral;
    MatF m_valNoise; // standard normals, one per validation input, drawn at reset
    EarlyStopping m_early;
    std::vector<MatF> m_bestWeights;
    bool m_finished = false;

    Rng m_orderRng, m_dropRng;
    std::vector<int> m_order;
    size_t m_cursor = 0;
    MatF m_xb, m_dlogits;
    std::vector<int> m_yb;
    MatF m_tb; // the batch's targets (regression)
};

} // namespace reglab
