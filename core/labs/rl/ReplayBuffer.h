#pragma once
// DQN's experience replay: the last `capacity` transitions (s, a, r, s', terminal) in a
// ring allocated once, so memory stays flat however long the run. Minibatches are drawn
// uniformly with replacement. `terminal` is true only when the episode really ended (the
// pole fell); a time-limit cut keeps bootstrapping from s'.
#include "Rng.h"
#include "StateArchive.h"
#include "Types.h"

#include <cstdint>
#include <vector>

namespace reglab {

class ReplayBuffer {
public:
    void reset(int capacity, int stateSize);
    void add(const float* s, int action, float reward, const float* next, bool terminal);
    int size() const { return m_size; }
    int capacity() const { return int(m_s.rows()); }

    // `batch` transitions drawn uniformly (one rng.below(size) each, in row order) into
    // s, next (batch x stateSize), actions, rewards and terminals (1 = terminal).
    void sample(int batch, Rng& rng, MatF& s, MatF& next, std::vector<int>& actions, std::vector<float>& rewards,
                std::vector<float>& terminals) const;

    // Both directions of a session file; refuses a buffer of another shape.
    void archive(StateArchive& a);

private:
    MatF m_s, m_next; // capacity x stateSize
    std::vector<int> m_actions;
    std::vector<float> m_rewards, m_terminals;
    int m_size = 0, m_head = 0; // m_head: where the next transition goes
};

} // namespace reglab
