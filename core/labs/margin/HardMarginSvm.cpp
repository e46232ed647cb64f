#include "labs/margin/HardMarginSvm.h"

#include <Eigen/LU>

#include <cmath>
#include <limits>

namespace reglab {

std::optional<HardMarginSvm> HardMarginSvm::solve(const MatD& x, const std::vector<double>& y)
{
    const Index n = x.rows();
    std::vector<Eigen::Vector2d> z(static_cast<size_t>(n));
    for (Index i = 0; i < n; ++i)
        z[size_t(i)] = y[size_t(i)] * Eigen::Vector2d(x(i, 0), x(i, 1));
    std::optional<HardMarginSvm> best;
    auto consider = [&](const Eigen::Vector2d& w, std::vector<int> support, std::vector<double> alpha) {
        for (const Eigen::Vector2d& zi : z)
            if (zi.dot(w) < 1.0 - 1e-9)
                return; // violates a margin constraint
        if (best && w.squaredNorm() >= best->w.squaredNorm())
            return;
        best = HardMarginSvm{w, 1.0 / w.norm(), std::move(support), std::move(alpha)};
    };
    for (int a = 0; a < int(n); ++a) {
        const double q = z[size_t(a)].squaredNorm();
        if (q > 0)
            consider(z[size_t(a)] / q, {a}, {1.0 / q});
        for (int b = a + 1; b < int(n); ++b) {
            // w = alpha_a z_a + alpha_b z_b with w.z_a = w.z_b = 1: G alpha = 1, G the Gram matrix.
            Eigen::Matrix2d g;
            g << z[size_t(a)].dot(z[size_t(a)]), z[size_t(a)].dot(z[size_t(b)]), z[size_t(b)].dot(z[size_t(a)]),
                z[size_t(b)].dot(z[size_t(b)]);
            if (std::abs(g.determinant()) < 1e-12 * g.squaredNorm())
                continue; // parallel: covered by the single-point candidates
            const Eigen::Vector2d alpha = g.inverse() * Eigen::Vector2d::Ones();
            if (alpha.minCoeff() < 0)
                continue; // not a KKT point
            consider(alpha(0) * z[size_t(a)] + alpha(1) * z[size_t(b)], {a, b}, {alpha(0), alpha(1)});
        }
    }
    return best;
}

} // namespace reglab
