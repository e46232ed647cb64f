#include "Rng.h"

#include <cmath>

namespace reglab {

namespace {
uint64_t splitmix64(uint64_t& x)
{
    uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
} // namespace

void Rng::reseed(uint64_t seed)
{
    uint64_t x = seed;
    for (auto& s : m_s)
        s = splitmix64(x);
}

uint32_t Rng::below(uint32_t n)
{
    // Lemire's multiply-shift with rejection: unbiased and fast.
    uint64_t m = uint64_t(uint32_t(nextU64() >> 32)) * n;
    uint32_t low = uint32_t(m);
    if (low < n) {
        const uint32_t threshold = uint32_t(-n) % n;
        while (low < threshold) {
            m = uint64_t(uint32_t(nextU64() >> 32)) * n;
            low = uint32_t(m);
        }
    }
    return uint32_t(m >> 32);
}

double Rng::uniform() { return double(nextU64() >> 11) * 0x1.0p-53; }

double Rng::normal()
{
    // 1 - uniform() is in (0, 1], so the log is finite.
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

Rng Rng::split(uint64_t streamId) const
{
    uint64_t x = m_s[0] ^ rotl(m_s[1], 13) ^ (streamId * 0xD1B54A32D192ED03ull);
    return Rng(splitmix64(x));
}

} // namespace reglab
