#pragma once
// The hard-margin SVM through the origin in 2D, solved exactly: minimise |w|^2 subject to
// y_i w.x_i >= 1. The optimum is pinned by one or two active constraints (support
// vectors), so every single point and every pair is tried: w = z/|z|^2 for one, the 2x2
// solve w.z_a = w.z_b = 1 with nonnegative multipliers for two; the feasible one of least
// norm wins. No iterative solver, no tolerance to tune: the lab compares gradient descent
// with this exact answer.
#include "Types.h"

#include <optional>
#include <vector>

namespace reglab {

struct HardMarginSvm {
    Eigen::Vector2d w;            // the max-margin separator (margin 1 at the support vectors)
    double margin = 0;            // 1 / |w|: the largest achievable normalized margin
    std::vector<int> support;     // indices of the support vectors
    std::vector<double> alpha;    // their multipliers: w = sum alpha_s y_s x_s, alpha_s >= 0

    // nullopt when no line through the origin separates the data.
    static std::optional<HardMarginSvm> solve(const MatD& x, const std::vector<double>& y);
};

} // namespace reglab
