#include "labs/rl/ChainMdp.h"

#include <algorithm>
#include <array>

namespace reglab {

namespace {
// B has at most this many actions (the lab's limit); a stack buffer for q1 + q2.
constexpr int kMaxActions = 128;

int largest(const double* v, int n, Rng& rng)
{
    double best = v[0];
    int ties = 1;
    for (int i = 1; i < n; ++i) {
        if (v[i] > best) {
            best = v[i];
            ties = 1;
        } else if (v[i] == best) {
            ++ties;
        }
    }
    // Q starts at 0: every action ties until tried, and taking the first would bias the
    // runs toward action 0 (in A: always "right" before any update).
    int pick = ties > 1 ? int(rng.below(uint32_t(ties))) : 0;
    for (int i = 0; i < n; ++i)
        if (v[i] == best && pick-- == 0)
            return i;
    return 0;
}

// Double Q acts on q1 + q2 (either table alone would waste the other's experience).
const double* actingValues(const ChainMdp::Settings& s, const double* q1, const double* q2, int offset, int n,
                           std::array<double, kMaxActions>& sum)
{
    if (s.method == ChainMdp::Method::Q)
        return q1 + offset;
    for (int i = 0; i < n; ++i)
        sum[size_t(i)] = q1[offset + i] + q2[offset + i];
    return sum.data();
}
} // namespace

int ChainMdp::argmax(const double* values, int n, Rng& rng) { return largest(values, n, rng); }

int ChainMdp::epsilonGreedy(const double* values, int n, double epsilon, Rng& rng)
{
    if (rng.uniform() < epsilon)
        return int(rng.below(uint32_t(n)));
    return largest(values, n, rng);
}

bool ChainMdp::episode(const Settings& s, double* q1, double* q2, Rng& rng)
{
    const int nb = std::min(s.bActions, kMaxActions);
    std::array<double, kMaxActions> sum{};
    const int a = epsilonGreedy(actingValues(s, q1, q2, 0, kColumnsA, sum), kColumnsA, s.epsilon, rng);
    const bool left = a == kLeft;
    // A's update. Right is terminal (target 0); left bootstraps from B with reward 0.
    if (s.method == Method::Q) {
        double target = 0;
        if (left)
            target = s.gamma * *std::max_element(q1 + kColumnsA, q1 + kColumnsA + nb);
        q1[a] += s.alpha * (target - q1[a]);
    } else {
        // Update one table with the other's value at its own argmax: the noise that picks
        // the argmax is independent of the value used, so the target is not biased upward.
        const bool first = rng.uniform() < 0.5;
        double* upd = first ? q1 : q2;
        const double* other = first ? q2 : q1;
        double target = 0;
        if (left)
            target = s.gamma * other[kColumnsA + argmax(upd + kColumnsA, nb, rng)];
        upd[a] += s.alpha * (target - upd[a]);
    }
    if (!left)
        return false;
    // B: every action ends the episode with a noisy reward.
    const int b = kColumnsA + epsilonGreedy(actingValues(s, q1, q2, kColumnsA, nb, sum), nb, s.epsilon, rng);
    const double r = s.rewardMean + s.rewardSd * rng.normal();
    if (s.method == Method::Q) {
        q1[b] += s.alpha * (r - q1[b]);
    } else {
        double* upd = rng.uniform() < 0.5 ? q1 : q2;
        upd[b] += s.alpha * (r - upd[b]);
    }
    return true;
}

} // namespace reglab
