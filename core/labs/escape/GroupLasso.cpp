#include "labs/escape/GroupLasso.h"

#include "Rng.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace reglab {

using SpMat = Eigen::SparseMatrix<double>;

namespace {

// The features of each group, indexed by group id.
std::vector<std::vector<Eigen::Index>> members(const std::vector<int>& group)
{
    std::vector<std::vector<Eigen::Index>> m;
    for (size_t j = 0; j < group.size(); ++j) {
        assert(group[j] >= 0);
        if (size_t(group[j]) >= m.size())
            m.resize(size_t(group[j]) + 1);
        m[size_t(group[j])].push_back(Eigen::Index(j));
    }
    return m;
}

double groupNorm(const Eigen::VectorXd& v, const std::vector<Eigen::Index>& g)
{
    double s = 0;
    for (Eigen::Index j : g)
        s += v(j) * v(j);
    return std::sqrt(s);
}

double penalty(const Eigen::VectorXd& b, const std::vector<std::vector<Eigen::Index>>& groups)
{
    double p = 0;
    for (const auto& g : groups)
        p += std::sqrt(double(g.size())) * groupNorm(b, g);
    return p;
}

// The prox of t * sum_g sqrt|g| |.|_2: each group shrunk toward 0 by t sqrt|g| in norm.
void groupSoftThreshold(Eigen::VectorXd& u, const std::vector<std::vector<Eigen::Index>>& groups, double t)
{
    for (const auto& g : groups) {
        const double norm = groupNorm(u, g);
        const double threshold = t * std::sqrt(double(g.size()));
        const double scale = norm > threshold ? 1 - threshold / norm : 0.0;
        for (Eigen::Index j : g)
            u(j) *= scale;
    }
}

} // namespace

double GroupLasso::lipschitzEstimate(const SpMat& X, int iterations)
{
    if (X.rows() == 0 || X.cols() == 0)
        return 0;
    Rng rng(1);
    Eigen::VectorXd v(X.cols());
    for (Eigen::Index j = 0; j < v.size(); ++j)
        v(j) = rng.normal();
    double estimate = 0;
    for (int k = 0; k < iterations; ++k) {
        const double norm = v.norm();
        if (norm == 0)
            return 0;
        v /= norm;
        const Eigen::VectorXd xv = X * v;
        estimate = xv.squaredNorm(); // Rayleigh quotient of X^T X at the unit v
        v = X.transpose() * xv;
    }
    return estimate / double(X.rows());
}

GroupLasso::Fit GroupLasso::solve(const SpMat& X, const Eigen::VectorXd& y, const std::vector<int>& group,
                                  double lambda, const Eigen::VectorXd& start, double tol, int maxIter)
{
    assert(y.size() == X.rows() && Eigen::Index(group.size()) == X.cols());
    const double n = double(X.rows());
    const auto groups = members(group);
    Fit fit;
    fit.b = start.size() == X.cols() ? start : Eigen::VectorXd::Zero(X.cols());
    // Power iteration estimates from below; the margin (and doubling below) keeps 1/L a
    // step that cannot raise the objective.
    double L = 1.1 * lipschitzEstimate(X);
    if (L == 0) { // X = 0: the loss is constant, b = 0 is optimal
        fit.b.setZero();
        fit.converged = true;
        return fit;
    }
    auto objectiveAt = [&](const Eigen::VectorXd& b, const Eigen::VectorXd& xb) {
        return (y - xb).squaredNorm() / (2 * n) + lambda * penalty(b, groups);
    };
    Eigen::VectorXd xb = X * fit.b;
    Eigen::VectorXd z = fit.b, xz = xb; // the extrapolated point and X z
    double t = 1, f = objectiveAt(fit.b, xb);
    while (fit.iterations < maxIter) {
        ++fit.iterations;
        Eigen::VectorXd next = z - X.transpose() * (xz - y) / (n * L);
        groupSoftThreshold(next, groups, lambda / L);
        const Eigen::VectorXd xNext = X * next;
        const double fNext = objectiveAt(next, xNext);
        if (fNext > f) {
            if (t > 1) { // the momentum overshot: restart from b
                z = fit.b;
                xz = xb;
                t = 1;
                continue;
            }
            if (fNext > f + 1e-12 * std::max(1.0, std::abs(f))) { // a plain step rose: L too small
                L *= 2;
                continue;
            }
            // else a rise at rounding level: accept the step
        }
        const double tNext = (1 + std::sqrt(1 + 4 * t * t)) / 2;
        const double beta = (t - 1) / tNext;
        const double change = (next - fit.b).lpNorm<Eigen::Infinity>();
        z = next + beta * (next - fit.b);
        xz = xNext + beta * (xNext - xb);
        fit.b = next;
        xb = xNext;
        f = fNext;
        t = tNext;
        if (change <= tol * fit.b.lpNorm<Eigen::Infinity>()) {
            fit.converged = true;
            break;
        }
    }
    fit.lipschitz = L;
    return fit;
}

double GroupLasso::lambdaMax(const SpMat& X, const Eigen::VectorXd& y, const std::vector<int>& group)
{
    const Eigen::VectorXd xty = X.transpose() * y;
    double m = 0;
    for (const auto& g : members(group))
        if (!g.empty())
            m = std::max(m, groupNorm(xty, g) / std::sqrt(double(g.size())));
    return m / double(X.rows());
}

double GroupLasso::objective(const SpMat& X, const Eigen::VectorXd& y, const std::vector<int>& group,
                             const Eigen::VectorXd& b, double lambda)
{
    return (y - X * b).squaredNorm() / (2 * double(X.rows())) + lambda * penalty(b, members(group));
}

double GroupLasso::kktViolation(const SpMat& X, const Eigen::VectorXd& y, const std::vector<int>& group,
                                const Eigen::VectorXd& b, double lambda)
{
    const Eigen::VectorXd grad = X.transpose() * (X * b - y) / double(X.rows());
    double violation = 0;
    for (const auto& g : members(group)) {
        const double weight = lambda * std::sqrt(double(g.size()));
        const double bNorm = groupNorm(b, g);
        double v = 0;
        if (bNorm > 0) {
            double s = 0;
            for (Eigen::Index j : g) {
                const double e = grad(j) + weight * b(j) / bNorm;
                s += e * e;
            }
            v = std::sqrt(s);
        } else {
            v = std::max(0.0, groupNorm(grad, g) - weight);
        }
        violation = std::max(violation, v);
    }
    return violation;
}

} // namespace reglab
