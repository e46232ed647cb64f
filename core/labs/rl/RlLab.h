#pragma once
// The `rl` lab (issue 14, L17): the maximization bias of Q-learning and double Q-learning
// on Sutton & Barto's chain (ChainMdp, example 6.7). Thousands of independent runs learn
// side by side; one step is one episode of every run, so the step axis reads "episode",
// and each row reports the share of runs that went left from A in that episode (the
// optimum is epsilon / 2: only exploration goes left) and the mean Q(A, left) over runs.
// Runs step in parallel, each with its own random stream: the same numbers at any thread
// count.
#include "Rng.h"
#include "labs/Lab.h"
#include "labs/rl/ChainMdp.h"

#include <vector>

namespace reglab {

class RlLab : public Lab {
public:
    RlLab();

    std::string id() const override { return "rl"; }
    std::string title() const override { return "Q-learning bias (double Q)"; }
    std::string description() const override;
    std::vector<MetricSpec> metrics() const override;
    LabViews views() const override;
    int64_t defaultSteps() const override { return 300; }
    bool finished() const override;
    std::string finishedMessage() const override;

    // The smoothed % left averages this many of the last episodes.
    static constexpr int kWindow = 10;
    ChainMdp::Settings settings() const;
    int runs() const { return int(m_rngs.size()); }
    // Run r's tables (ChainMdp's layout); q2 is all zeros for Q-learning.
    const double* q1(int run) const { return m_q1.data() + size_t(run) * size_t(m_columns); }
    const double* q2(int run) const { return m_q2.data() + size_t(run) * size_t(m_columns); }

protected:
    void onReset(uint64_t seed) override;
    void onLiveChange(const std::string&) override {}
    double onStep(MetricRow* row, bool* logged) override;
    MetricRow measure() const override;
    std::unique_ptr<LabState> onSaveState() const override;
    void onRestoreState(const LabState& state) override;

private:
    // Q(s, a) as the policy sees it: q1 for Q-learning, (q1 + q2) / 2 for double Q.
    double value(int run, int column) const;

    int m_columns = 0;
    std::vector<double> m_q1, m_q2; // runs x columns, row-major
    std::vector<Rng> m_rngs;        // one stream a run
    std::vector<double> m_recent;   // % left of the last kWindow episodes, oldest first
};

} // namespace reglab
