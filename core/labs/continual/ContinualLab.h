#pragma once
// The `continual` lab (issue 14, L16): catastrophic forgetting and elastic weight
// consolidation (Kirkpatrick et al. 2017). An MLP learns task A, then (at `switch_step`, a
// marker on the charts) task B, a fixed permutation of A's inputs; both tasks' validation
// accuracy is charted over the whole run. From the switch on a penalty may hold the weights
// near where A left them: none, the L2 anchor, or EWC with A's diagonal Fisher
// (labs/continual/Fisher, regularizers/AnchorPenalty). The anchor and the Fisher are lab
// state: rollback, twins and sessions keep them. Optionally a third task C (a second
// permutation) from twice the switch step, held by one penalty with the Fisher of A and B
// added (Huszár 2018).
#include "Rng.h"
#include "data/Dataset.h"
#include "labs/ExportableLab.h"
#include "labs/Lab.h"
#include "nn/Sequential.h"
#include "optim/Optimizer.h"
#include "regularizers/AnchorPenalty.h"

#include <memory>

namespace reglab {

class ContinualLab : public Lab, public ExportableLab {
public:
    ContinualLab();
    ~ContinualLab() override;

    std::string id() const override { return "continual"; }
    std::string title() const override { return "Continual learning (EWC)"; }
    std::string description() const override;
    std::vector<MetricSpec> metrics() const override;
    LabViews views() const override;
    int64_t defaultSteps() const override;

    std::vector<NamedTensor> tensors() const override;
    const DataSplit* data() const override { return &m_tasks[size_t(m_task)]; }

    // For the tests.
    Sequential<float>& network() { return m_net; }
    const AnchorPenalty<float>& anchor() const { return m_anchor; }
    const DataSplit& task(int t) const { return m_tasks[size_t(t)]; }
    int currentTask() const { return m_task; }
    // The fixed permutation of the inputs that makes task B from task A: B's input j is A's
    // input permutation()[j].
    const std::vector<int>& permutation(int task = 1) const { return m_permutation[size_t(task == 2)]; }
    int taskCount() const { return int(num("tasks")); }

protected:
    std::string checkValue(const std::string& id, const ParamValue& v) override;
    void onReset(uint64_t seed) override;
    void onLiveChange(const std::string& id) override;
    double onStep(MetricRow* row, bool* logged) override;
    MetricRow measure() const override;
    std::unique_ptr<LabState> onSaveState() const override;
    void onRestoreState(const LabState& state) override;

private:
    void applyLiveParams();
    // The task being trained changes to `to`: the anchor moves to the weights now, and the
    // Fisher of the task being left joins the importance.
    void switchTask(int to);
    void nextBatch(Index batch);

    DataSplit m_tasks[3]; // A, B and (with 3 tasks) C
    std::vector<int> m_permutation[2]; // B's and C's
    bool m_switching = false; // in the lab's own switch to C (checkValue lets it through)
    int m_task = 0;
    Sequential<float> m_net;
    std::unique_ptr<Optimizer<float>> m_opt;
    std::vector<Parameter<float>*> m_params;
    AnchorPenalty<float> m_anchor;
    std::vector<MatF> m_fisher; // accumulated over the switches (empty before the first)
    Rng m_orderRng, m_fisherRng;
    std::vector<int> m_order;
    size_t m_cursor = 0;
    MatF m_xb, m_dlogits;
    std::vector<int> m_yb;
};

} // namespace reglab
