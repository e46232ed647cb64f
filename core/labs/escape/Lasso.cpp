#include "labs/escape/Lasso.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace reglab {

using SpMat = Eigen::SparseMatrix<double>;

Lasso::Fit Lasso::solve(const SpMat& X, const Eigen::VectorXd& y, double lambda, const Eigen::VectorXd& start,
                        double tol, int maxSweeps)
{
    assert(y.size() == X.rows() && (start.size() == 0 || start.size() == X.cols()));
    const double n = double(X.rows());
    const Eigen::Index d = X.cols();
    Fit fit;
    fit.b = start.size() == d ? start : Eigen::VectorXd::Zero(d);
    // Curvature of the loss along each coordinate: |x_j|^2 / n.
    Eigen::VectorXd curvature(d);
    for (Eigen::Index j = 0; j < d; ++j) {
        curvature(j) = X.col(j).squaredNorm() / n;
        if (curvature(j) == 0)
            fit.b(j) = 0;
    }
    Eigen::VectorXd r = y - X * fit.b;
    // One pass over the given coordinates; returns whether the largest change was small.
    auto pass = [&](bool activeOnly) {
        ++fit.sweeps;
        double maxChange = 0, maxAbs = 0;
        for (Eigen::Index j = 0; j < d; ++j) {
            if (curvature(j) == 0 || (activeOnly && fit.b(j) == 0))
                continue;
            double xr = 0;
            for (SpMat::InnerIterator it(X, j); it; ++it)
                xr += it.value() * r(it.row());
            const double old = fit.b(j);
            // The exact minimiser along coordinate j, the others held.
            const double updated = softThreshold(xr / n + curvature(j) * old, lambda) / curvature(j);
            if (updated != old) {
                const double delta = updated - old;
                for (SpMat::InnerIterator it(X, j); it; ++it)
                    r(it.row()) -= it.value() * delta;
                fit.b(j) = updated;
                maxChange = std::max(maxChange, std::abs(delta));
            }
            maxAbs = std::max(maxAbs, std::abs(updated));
        }
        return maxChange <= tol * maxAbs;
    };
    // Full passes find the support; passes over the nonzero coordinates only refine it (far
    // cheaper when d >> n). Only a full pass that changes nothing ends the fit.
    while (fit.sweeps < maxSweeps) {
        if (pass(false)) {
            fit.converged = true;
            break;
        }
        while (fit.sweeps < maxSweeps && !pass(true)) {
        }
    }
    return fit;
}

double Lasso::lambdaMax(const SpMat& X, const Eigen::VectorXd& y)
{
    if (X.cols() == 0)
        return 0;
    return (X.transpose() * y).lpNorm<Eigen::Infinity>() / double(X.rows());
}

double Lasso::objective(const SpMat& X, const Eigen::VectorXd& y, const Eigen::VectorXd& b, double lambda)
{
    return (y - X * b).squaredNorm() / (2 * double(X.rows())) + lambda * b.lpNorm<1>();
}

double Lasso::kktViolation(const SpMat& X, const Eigen::VectorXd& y, const Eigen::VectorXd& b, double lambda)
{
    const Eigen::VectorXd g = X.transpose() * (X * b - y) / double(X.rows());
    double violation = 0;
    for (Eigen::Index j = 0; j < b.size(); ++j) {
        const double v = b(j) != 0 ? std::abs(g(j) + lambda * (b(j) > 0 ? 1 : -1))
                                   : std::max(0.0, std::abs(g(j)) - lambda);
        violation = std::max(violation, v);
    }
    return violation;
}

} // namespace reglab
