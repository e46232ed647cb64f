#pragma once
// Rows at log-spaced steps, for labs whose story is in the decades (margin, double descent,
// escape): step n starts a new one of `perDecade` equal slices of a decade.
#include <cmath>
#include <cstdint>

namespace reglab {

inline bool startsLogSlice(int64_t n, double perDecade)
{
    return n > 1 && std::floor(perDecade * std::log10(double(n))) > std::floor(perDecade * std::log10(double(n - 1)));
}

} // namespace reglab
