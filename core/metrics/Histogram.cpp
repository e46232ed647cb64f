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
    return h;
}

} // namespace reglab
