#include "labs/rl/ReplayBuffer.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace reglab {

void ReplayBuffer::reset(int capacity, int stateSize)
{
    m_s.setZero(capacity, stateSize);
    m_next.setZero(capacity, stateSize);
    m_actions.assign(size_t(capacity), 0);
    m_rewards.assign(size_t(capacity), 0.0f);
    m_terminals.assign(size_t(capacity), 0.0f);
    m_size = m_head = 0;
}

void ReplayBuffer::add(const float* s, int action, float reward, const float* next, bool terminal)
{
    const Index cols = m_s.cols();
    for (Index j = 0; j < cols; ++j) {
        m_s(m_head, j) = s[j];
        m_next(m_head, j) = next[j];
    }
    m_actions[size_t(m_head)] = action;
    m_rewards[size_t(m_head)] = reward;
    m_terminals[size_t(m_head)] = terminal ? 1.0f : 0.0f;
    m_head = (m_head + 1) % capacity(); // overwrite the oldest once full
    if (m_size < capacity())
        ++m_size;
}

void ReplayBuffer::sample(int batch, Rng& rng, MatF& s, MatF& next, std::vector<int>& actions,
                          std::vector<float>& rewards, std::vector<float>& terminals) const
{
    s.resize(batch, m_s.cols());
    next.resize(batch, m_s.cols());
    actions.resize(size_t(batch));
    rewards.resize(size_t(batch));
    terminals.resize(size_t(batch));
    for (int i = 0; i < batch; ++i) {
        const Index k = Index(rng.below(uint32_t(m_size)));
        s.row(i) = m_s.row(k);
        next.row(i) = m_next.row(k);
        actions[size_t(i)] = m_actions[size_t(k)];
        rewards[size_t(i)] = m_rewards[size_t(k)];
        terminals[size_t(i)] = m_terminals[size_t(k)];
    }
}

void ReplayBuffer::archive(StateArchive& a)
{
    const Index rows = m_s.rows(), cols = m_s.cols();
    a.io(m_s);
    a.io(m_next);
    a.io(m_actions);
    a.io(m_rewards);
    a.io(m_terminals);
    a.io(m_size);
    a.io(m_head);
    if (a.reading()
        && (m_s.rows() != rows || m_s.cols() != cols || m_next.rows() != rows || m_next.cols() != cols
            || m_size < 0 || m_size > rows || m_head < 0 || m_head >= std::max<Index>(rows, 1)))
        throw std::invalid_argument("the saved replay buffer holds " + std::to_string(m_s.rows())
                                    + " transitions where " + std::to_string(rows) + " belong");
}

} // namespace reglab
