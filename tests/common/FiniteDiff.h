#pragma once
// Central finite differences for gradient checks, in double precision so tolerances can be
// tight (truncation ~eps^2, rounding ~1e-16/eps).
#include "Rng.h"
#include "Types.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <functional>

namespace fd {

using reglab::MatD;

// Central difference of f in element i of m (restored afterwards).
inline double centralDifference(MatD& m, Eigen::Index i, const std::function<double()>& f, double eps)
{
    const double old = m.data()[i];
    m.data()[i] = old + eps;
    const double fp = f();
    m.data()[i] = old - eps;
    const double fm = f();
    m.data()[i] = old;
    return (fp - fm) / (2 * eps);
}

// Numerical gradient of f with respect to every element of m (m is restored afterwards).
inline MatD gradient(MatD& m, const std::function<double()>& f, double eps = 1e-6)
{
    MatD g(m.rows(), m.cols());
    for (Eigen::Index i = 0; i < m.size(); ++i)
        g.data()[i] = centralDifference(m, i, f, eps);
    return g;
}

// Numerical gradient at `count` entries of m drawn with rng (for layers too big to check
// whole); the other entries of the result are NaN, which sampledRelError skips.
inline MatD sampledGradient(MatD& m, const std::function<double()>& f, int count, reglab::Rng& rng,
                            double eps = 1e-6)
{
    MatD g = MatD::Constant(m.rows(), m.cols(), std::nan(""));
    for (int k = 0; k < count; ++k) {
        const Eigen::Index i = Eigen::Index(rng.below(uint32_t(m.size())));
        g.data()[i] = centralDifference(m, i, f, eps);
    }
    return g;
}

// maxRelError over the entries of n that are not NaN; *checked gets their number.
inline double sampledRelError(const MatD& a, const MatD& n, int* checked)
{
    double worst = 0;
    *checked = 0;
    for (Eigen::Index i = 0; i < a.size(); ++i) {
        if (std::isnan(n.data()[i]))
            continue;
        ++*checked;
        const double scale = std::max({1.0, std::fabs(a.data()[i]), std::fabs(n.data()[i])});
        worst = std::max(worst, std::fabs(a.data()[i] - n.data()[i]) / scale);
    }
    return worst;
}

// Largest elementwise error relative to max(1, |analytic|, |numeric|).
inline double maxRelError(const MatD& a, const MatD& n)
{
    double worst = 0;
    for (Eigen::Index i = 0; i < a.size(); ++i) {
        const double scale = std::max({1.0, std::fabs(a.data()[i]), std::fabs(n.data()[i])});
        worst = std::max(worst, std::fabs(a.data()[i] - n.data()[i]) / scale);
    }
    return worst;
}

inline MatD random(Eigen::Index r, Eigen::Index c, reglab::Rng& rng, double scale = 1.0)
{
    MatD m(r, c);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = scale * rng.normal();
    return m;
}

// Same, but every value at least `gap` away from zero (ReLU and |w| kinks).
inline MatD randomAwayFromZero(Eigen::Index r, Eigen::Index c, reglab::Rng& rng, double gap = 0.05)
{
    MatD m = random(r, c, rng);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        if (std::fabs(m.data()[i]) < gap)
            m.data()[i] = m.data()[i] < 0 ? -gap - 0.1 : gap + 0.1;
    return m;
}

} // namespace fd

#define QVERIFY_GRAD(analytic, numeric, tol)                                                                   \
    do {                                                                                                       \
        const double err_ = fd::maxRelError((analytic), (numeric));                                           \
        if (!(err_ <= (tol)))                                                                                  \
            QFAIL(qPrintable(QStringLiteral("gradient mismatch: max relative error %1 > %2").arg(err_).arg(tol))); \
    } while (0)
