#pragma once
// Explicit-state random numbers. Every experiment owns its Rng; nothing is global.
// Our own uniform/normal transforms (not std::*_distribution, whose output differs between
// standard libraries) keep a seed's numbers identical everywhere.
#include <array>
#include <cstdint>

namespace reglab {

class Rng {
public:
    explicit Rng(uint64_t seed = 1) { reseed(seed); }

    void reseed(uint64_t seed);
    uint64_t nextU64();                       // xoshiro256** (inline: dropout masks draw one per unit)
    uint32_t below(uint32_t n);               // uniform integer in [0, n), unbiased
    double uniform();                         // [0, 1), 53 bits
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    double normal();                          // standard normal (Box-Muller, no cached spare)
    bool bernoulli(double p) { return uniform() < p; }

    // A child generator for a separate stream (e.g. data vs. init vs. dropout), derived
    // deterministically so adding draws to one stream never shifts another.
    Rng split(uint64_t streamId) const;

    // The generator's whole state, for saved sessions (StateArchive).
    std::array<uint64_t, 4> words() const { return {m_s[0], m_s[1], m_s[2], m_s[3]}; }
    void setWords(const std::array<uint64_t, 4>& w)
    {
        for (int i = 0; i < 4; ++i)
            m_s[i] = w[unsigned(i)];
    }

private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t m_s[4];
};

inline uint64_t Rng::nextU64()
{
    const uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

} // namespace reglab
