#include "metrics/SampleQuality.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace reglab {

ModeStats modeStats(const MatF& samples, const GanTarget& target, double minShare)
{
    const auto& modes = target.modes();
    if (modes.empty())
        throw std::invalid_argument("the target '" + target.name() + "' has no modes to count");
    const double radius2 = 9.0 * target.modeSigma() * target.modeSigma(); // (3 sigma)^2
    std::vector<long> count(modes.size(), 0);
    long near = 0;
    for (Index i = 0; i < samples.rows(); ++i) {
        size_t best = 0;
        double bestD = INFINITY;
        for (size_t k = 0; k < modes.size(); ++k) {
            const double dx = samples(i, 0) - modes[k].x, dy = samples(i, 1) - modes[k].y;
            const double d = dx * dx + dy * dy;
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        if (bestD <= radius2) { // modes are far more than 6 sigma apart: at most one is this near
            ++count[best];
            ++near;
        }
    }
    ModeStats s;
    const double n = double(samples.rows()), K = double(modes.size());
    s.highQuality = n > 0 ? double(near) / n : 0.0;
    s.modeKl = std::log(K);
    if (near > 0) {
        s.modeKl = 0.0;
        for (long c : count)
            if (c > 0) {
                const double p = double(c) / double(near);
                s.modeKl += p * std::log(p * K);
            }
    }
    for (long c : count)
        s.modesCovered += n > 0 && double(c) >= minShare * n ? 1 : 0;
    return s;
}

double slicedWasserstein(const MatF& a, const MatF& b, int directions)
{
    if (a.rows() != b.rows() || a.cols() != 2 || b.cols() != 2 || a.rows() == 0)
        throw std::invalid_argument("sliced Wasserstein needs two non-empty (n, 2) sample sets of the same n");
    if (directions < 1)
        throw std::invalid_argument("sliced Wasserstein needs at least one direction");
    const Index n = a.rows();
    std::vector<double> pa(static_cast<size_t>(n)), pb(static_cast<size_t>(n));
    double total = 0;
    for (int k = 0; k < directions; ++k) {
        const double t = 3.14159265358979323846 * k / directions, c = std::cos(t), s = std::sin(t);
        for (Index i = 0; i < n; ++i) {
            pa[size_t(i)] = c * a(i, 0) + s * a(i, 1);
            pb[size_t(i)] = c * b(i, 0) + s * b(i, 1);
        }
        std::sort(pa.begin(), pa.end());
        std::sort(pb.begin(), pb.end());
        double sum = 0;
        for (size_t i = 0; i < pa.size(); ++i)
            sum += std::fabs(pa[i] - pb[i]);
        total += sum / double(n);
    }
    return total / directions;
}

} // namespace reglab
