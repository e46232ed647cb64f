#include "metrics/Histogram.h"

#include <algorithm>
#include <cmath>

namespace reglab {

HistogramView makeSymmetricHistogram(const float* v, long n, int bins, const std::string& id, const std::string& title)
{
    HistogramView h;
    h.id = id;
    h.title = title;
    double m = 0;
    for (long i = 0; i < n; ++i)
        if (std::isfinite(v[i]))
            m = std::max(m, double(std::fabs(v[i])));
    if (m == 0)
        m = 1e-3;
    h.lo = -m;
    h.hi = m;
    h.counts.assign(size_t(bins), 0.0);
    for (long i = 0; i < n; ++i) {
        if (!std::isfinite(v[i]))
            continue;
        int b = int((double(v[i]) + m) / (2 * m) * bins);
        h.counts[size_t(std::clamp(b, 0, bins - 1))] += 1;
    }
    h.percentiles = weightPercentiles(v, n);
    return h;
}

std::vector<double> weightPercentiles(const float* v, long n)
{
    std::vector<double> x;
    x.reserve(size_t(std::max(0L, n)));
    for (long i = 0; i < n; ++i)
        if (std::isfinite(v[i]))
            x.push_back(double(v[i]));
    if (x.empty())
        return {};
    // The ranks rise, so each selection only needs the part above the previous one: after
    // nth_element at k, everything past k is >= x[k].
    std::vector<double> out;
    out.reserve(size_t(kPercentileCount));
    const size_t last = x.size() - 1;
    size_t from = 0;
    for (int rank : kPercentileRanks) {
        const double pos = rank / 100.0 * double(last);
        const size_t k = std::min(last, size_t(pos));
        const double frac = pos - double(k);
        std::nth_element(x.begin() + std::ptrdiff_t(from), x.begin() + std::ptrdiff_t(k), x.end());
        double value = x[k];
        if (frac > 0.0 && k < last) {
            const double next = *std::min_element(x.begin() + std::ptrdiff_t(k) + 1, x.end());
            value += frac * (next - value);
        }
        out.push_back(value);
        from = k;
    }
    return out;
}

} // namespace reglab
