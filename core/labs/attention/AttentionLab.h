#pragma once
// The `attention` lab (issue "Attention lab", DESIGN section 4): a tiny transformer learns
// whether A occurs more often than B in a sequence, while a marker token agrees with the
// label in most training sequences and is random in validation. Without guidance attention
// can lock onto the marker ("peaky"); an entropy bonus, attention dropout or weight decay
// can keep it spread over the sequence. Trained with the hand-written engine (nn/AttentionNet);
// its twin on the tape (TapeTransformer) is checked to give the same gradients.
#include "Rng.h"
#include "data/CueTask.h"
#include "labs/ExportableLab.h"
#include "labs/Lab.h"
#include "nn/AttentionNet.h"
#include "optim/Optimizer.h"

#include <memory>

namespace reglab {

class AttentionLab : public Lab, public ExportableLab {
public:
    AttentionLab();
    ~AttentionLab() override;

    std::string id() const override { return "attention"; }
    std::string title() const override { return "Attention"; }
    std::string description() const override;
    std::vector<MetricSpec> metrics() const override;
    LabViews views() const override;
    int64_t defaultSteps() const override { return 2000; } // L14 has settled by then

    std::vector<NamedTensor> tensors() const override;
    const DataSplit* data() const override { return nullptr; }

    const SequenceSet& trainSet() const { return m_train; }
    const SequenceSet& valSet() const { return m_val; }

    // Validation sequences the attention maps are drawn for.
    static constexpr int kShownSequences = 12;

protected:
    void onReset(uint64_t seed) override;
    void onLiveChange(const std::string& id) override;
    double onStep(MetricRow* row, bool* logged) override;
    MetricRow measure() const override;
    std::unique_ptr<LabState> onSaveState() const override;
    void onRestoreState(const LabState& state) override;

private:
    // What the model does on a set: mean cross-entropy, accuracy, and on request the mean
    // attention entropy per head and the attention mass on the marker.
    struct Evaluation {
        double ce = 0, accuracy = 0, cueAttention = 0;
        std::vector<double> headEntropy; // layer-major
    };
    Evaluation evaluate(const SequenceSet& set, bool attention) const;
    void applyLiveParams();
    int heads() const;

    CueTaskConfig m_task;
    SequenceSet m_train, m_val;
    std::unique_ptr<AttentionNet<float>> m_model;
    std::unique_ptr<Optimizer<float>> m_opt;
    Rng m_rng;                  // batches and dropout
    std::vector<int> m_order;   // the epoch's order of training sequences
    size_t m_cursor = 0;
    double m_lastLoss = 0;
};

} // namespace reglab
