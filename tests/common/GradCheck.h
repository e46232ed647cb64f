#pragma once
// Central-difference gradient checks, header-only and independent of how the analytic
// gradient was made, so any test (autodiff ops, layers, regularizers) can use them.
#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include <Eigen/Core>

namespace reglab::gradcheck {

template <typename S> using Matrix = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;

// Gradient of the scalar function f at x by central differences with step eps.
// skip(x, i) returning true marks entry i (linear index) as not checkable (e.g. within eps
// of a kink): it is left NaN and ignored by compare().
template <typename S, typename F, typename Skip>
Matrix<S> numericGradient(F&& f, const Matrix<S>& x, S eps, Skip&& skip)
{
    Matrix<S> g(x.rows(), x.cols());
    Matrix<S> xp = x;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        if (skip(x, i)) {
            g(i) = std::numeric_limits<S>::quiet_NaN();
            continue;
        }
        xp(i) = x(i) + eps;
        const S fp = f(xp);
        xp(i) = x(i) - eps;
        const S fm = f(xp);
        xp(i) = x(i);
        g(i) = (fp - fm) / (S(2) * eps);
    }
    return g;
}

template <typename S, typename F>
Matrix<S> numericGradient(F&& f, const Matrix<S>& x, S eps)
{
    return numericGradient(f, x, eps, [](const Matrix<S>&, Eigen::Index) { return false; });
}

struct Comparison {
    double maxError = 0.0;   // worst |a - n| / max(|a|, |n|, floor)
    Eigen::Index worst = -1; // its linear index
    double analytic = 0.0, numeric = 0.0;
    int checked = 0;         // entries compared (NaN entries of numeric are skipped)
    bool shapeMismatch = false;

    std::string describe() const
    {
        std::ostringstream s;
        if (shapeMismatch) {
            s << "shapes differ";
            return s.str();
        }
        s << "max error " << maxError << " at entry " << worst << " (analytic " << analytic
          << ", numeric " << numeric << "), " << checked << " entries checked";
        return s.str();
    }
};

// Entrywise error, relative for entries larger than `floor` and absolute (scaled by 1/floor)
// below it, so near-zero gradients do not demand impossible relative precision.
template <typename A, typename B>
Comparison compare(const Eigen::MatrixBase<A>& analytic, const Eigen::MatrixBase<B>& numeric,
                   double floor = 1.0)
{
    Comparison c;
    if (analytic.rows() != numeric.rows() || analytic.cols() != numeric.cols()) {
        c.shapeMismatch = true;
        c.maxError = std::numeric_limits<double>::infinity();
        return c;
    }
    for (Eigen::Index j = 0; j < analytic.cols(); ++j)
        for (Eigen::Index i = 0; i < analytic.rows(); ++i) {
            const double a = double(analytic(i, j));
            const double n = double(numeric(i, j));
            if (std::isnan(n))
                continue;
            ++c.checked;
            const double err = std::isfinite(a)
                ? std::abs(a - n) / std::max({std::abs(a), std::abs(n), floor})
                : std::numeric_limits<double>::infinity();
            if (err > c.maxError || c.worst < 0) {
                c.maxError = std::max(c.maxError, err);
                c.worst = j * analytic.rows() + i;
                c.analytic = a;
                c.numeric = n;
            }
        }
    return c;
}

} // namespace reglab::gradcheck
