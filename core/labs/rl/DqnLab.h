#pragma once
// The `dqn` lab (issue 14, second half of L17): DQN on CartPole-v1 (Mnih et al. 2015) and
// its double-DQN switch (van Hasselt et al. 2016). One lab step is one environment step,
// followed by a gradient update on a minibatch from the replay buffer. Every `eval_every`
// steps a row plays greedy episodes from fresh starts and sets the online net's predicted
// Q(s0) beside the discounted return those episodes actually obtain: their gap is the
// overestimation that double DQN is meant to shrink.
//
// A lab of its own rather than a `task` of the `rl` lab: the chain steps thousands of
// tabular runs an episode at a time, this one network an environment step at a time, and
// they share no parameter, metric, picture or saved state.
#include "Rng.h"
#include "labs/Lab.h"
#include "labs/rl/CartPole.h"
#include "labs/rl/ReplayBuffer.h"
#include "nn/Sequential.h"
#include "optim/Optimizer.h"

#include <memory>
#include <vector>

namespace reglab {

class DqnLab : public Lab {
public:
    DqnLab();
    ~DqnLab() override;

    std::string id() const override { return "dqn"; }
    std::string title() const override { return "DQN on CartPole"; }
    std::string description() const override;
    std::vector<MetricSpec> metrics() const override;
    LabViews views() const override;
    int64_t defaultSteps() const override { return int64_t(num("env_steps")); }
    bool finished() const override;
    std::string finishedMessage() const override;

    // Training episodes whose return the "return" metric averages.
    static constexpr int kWindow = 10;
    // Rows whose overestimation the smoothed gap averages.
    static constexpr int kGapWindow = 20;

    // For the tests.
    Sequential<float>& online() { return m_net; }
    Sequential<float>& target() { return m_target; }
    const ReplayBuffer& replay() const { return m_replay; }
    const CartPole& env() const { return m_env; }
    double epsilon() const;
    int episodes() const { return m_episodes; }
    // The TD targets of a batch, as the update uses them: r + γ (1 − terminal) Q_target(s',
    // a*), a* the target net's argmax (DQN) or the online net's (double DQN).
    std::vector<float> tdTargets(const MatF& next, const std::vector<float>& rewards,
                                 const std::vector<float>& terminals) const;
    // The online net's Q-values (evaluation mode) for rows of observations.
    MatF qValues(const MatF& obs) const;

protected:
    void onReset(uint64_t seed) override;
    void onLiveChange(const std::string& id) override;
    double onStep(MetricRow* row, bool* logged) override;
    MetricRow measure() const override;
    std::unique_ptr<LabState> onSaveState() const override;
    void onRestoreState(const LabState& state) override;

private:
    struct Evaluation;
    void applyLiveParams();
    double update(); // one gradient step; returns the batch's loss
    // Polyak after each update, or a hard copy every target_every environment steps.
    void updateTarget(bool updated);
    // Greedy episodes from starts drawn from the seed and the step (no lab state moves).
    Evaluation evaluate(int episodes, CartPoleView* view) const;

    Sequential<float> m_net, m_target;
    std::unique_ptr<Optimizer<float>> m_opt;
    ReplayBuffer m_replay;
    CartPole m_env;
    Rng m_envRng, m_exploreRng, m_sampleRng, m_dropoutRng;
    double m_episodeReturn = 0;
    int m_episodes = 0;
    std::vector<double> m_recentReturns; // last kWindow training episodes, oldest first
    std::vector<double> m_recentGaps;    // last kGapWindow rows' overestimation
    double m_lossSum = 0;
    int m_lossCount = 0; // updates since the last row
    int64_t m_updates = 0;
    // Scratch, so a step allocates nothing once the batch size is stable.
    MatF m_s, m_next, m_targets, m_dout, m_obs, m_q, m_scratch;
    std::vector<int> m_actions;
    std::vector<float> m_rewards, m_terminals;
};

} // namespace reglab
