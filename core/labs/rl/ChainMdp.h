#pragma once
// Sutton & Barto's example 6.7 (Reinforcement Learning, 2nd ed., figure 6.5): the chain
// that shows the maximization bias of Q-learning. From state A, "right" ends the episode
// with reward 0 and "left" moves to B with reward 0; from B each of n actions ends the
// episode with a reward drawn from N(mean, sd^2). With mean < 0, going left is worse, yet
// Q-learning's target max_b Q(B, b) is the maximum of n noisy estimates, biased upward,
// so early on it prefers left. Double Q-learning takes the argmax from one table and the
// value from the other: unbiased, it learns "right" almost at once.
//
// One run's tables are one row of doubles, [A right, A left, B 1 .. B n] (kColumnsA + n),
// so a lab keeps thousands of runs in one flat array and steps them in parallel.
#include "Rng.h"

namespace reglab {

class ChainMdp {
public:
    enum class Method { Q, DoubleQ };
    struct Settings {
        int bActions = 10;
        double rewardMean = -0.1, rewardSd = 1.0;
        double epsilon = 0.1, alpha = 0.1, gamma = 1.0;
        Method method = Method::Q;
    };
    static constexpr int kRight = 0, kLeft = 1, kColumnsA = 2;
    static int columns(int bActions) { return kColumnsA + bActions; }

    // One episode from A for one run; returns whether it went left. Updates q1, and q2 too
    // for double Q (which acts on q1 + q2; q2 is unused by Q-learning). The draws from
    // `rng`, in order (so tests can replay them): in A the action (epsilonGreedy), for
    // double Q the coin choosing the table to update (uniform() < 1/2: q1), and the
    // target's argmax ties; in B the action, the reward (one normal()), then the coin.
    static bool episode(const Settings& s, double* q1, double* q2, Rng& rng);

    // Epsilon-greedy over values[0, n): uniform() < epsilon explores (below(n)); otherwise
    // the largest value, ties broken at random (one below(ties) draw, only when tied).
    static int epsilonGreedy(const double* values, int n, double epsilon, Rng& rng);
    // The largest value's index, ties at random (a draw only when tied).
    static int argmax(const double* values, int n, Rng& rng);
};

} // namespace reglab
