#include "charts/RobustRange.h"

#include <algorithm>
#include <cmath>

std::pair<double, double> RobustRange::of(std::vector<double>& v, bool robust)
{
    if (v.empty())
        return {0.0, 0.0};
    const auto [mn, mx] = std::minmax_element(v.begin(), v.end());
    const double lo = *mn, hi = *mx;
    if (!robust || v.size() < 8)
        return {lo, hi};
    const size_t n = v.size();
    const size_t iLo = size_t(std::floor(kQuantile * double(n - 1)));
    const size_t iHi = size_t(std::floor((1.0 - kQuantile) * double(n - 1)));
    std::nth_element(v.begin(), v.begin() + long(iLo), v.end());
    const double qLo = v[iLo];
    std::nth_element(v.begin(), v.begin() + long(iHi), v.end());
    const double qHi = v[iHi];
    const double span = qHi - qLo;
    return {std::max(lo, qLo - kWiden * span), std::min(hi, qHi + kWiden * span)};
}
