#include "labs/escape/Ridge.h"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace reglab {

Ridge::Ridge(const Eigen::SparseMatrix<double>& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w)
    : m_n(int(X.rows()))
{
    assert(y.size() == X.rows() && w.size() == X.cols() && (w.array() > 0).all());
    m_wInvSqrt = w.cwiseSqrt().cwiseInverse();
    m_z = X * m_wInvSqrt.asDiagonal();
    const Eigen::MatrixXd k = Eigen::MatrixXd(m_z * m_z.transpose());
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(k);
    m_q = eig.eigenvectors();
    m_lambda = eig.eigenvalues();
    const double top = m_n > 0 ? std::max(0.0, m_lambda.maxCoeff()) : 0.0;
    // Below the cutoff an eigenvalue is rounding noise (K is singular whenever rank X < n):
    // Z^T q_i is then 0 in exact arithmetic, so the direction is dropped, not divided by.
    for (Eigen::Index i = 0; i < m_lambda.size(); ++i) {
        if (m_lambda(i) <= kCutoff * top)
            m_lambda(i) = 0;
        else
            ++m_rank;
    }
    m_qty = m_q.transpose() * y;
}

Eigen::VectorXd Ridge::filtered(double lambda) const
{
    Eigen::VectorXd f(m_lambda.size());
    for (Eigen::Index i = 0; i < f.size(); ++i)
        f(i) = m_lambda(i) > 0 ? m_qty(i) / (m_lambda(i) + m_n * lambda) : 0.0;
    return f;
}

Eigen::VectorXd Ridge::solve(double lambda) const
{
    const Eigen::VectorXd alpha = m_q * filtered(lambda); // b = diag(w)^-1 X^T alpha
    return m_wInvSqrt.cwiseProduct(m_z.transpose() * alpha);
}

Eigen::VectorXd Ridge::fitted(double lambda) const
{
    // X b = K alpha = Q Lambda f: no pass over X.
    return m_q * m_lambda.cwiseProduct(filtered(lambda));
}

double Ridge::gcv(double lambda) const
{
    double residual = 0, df = 0;
    for (Eigen::Index i = 0; i < m_lambda.size(); ++i) {
        const double shrink = m_lambda(i) > 0 ? m_n * lambda / (m_lambda(i) + m_n * lambda) : 1.0;
        residual += shrink * shrink * m_qty(i) * m_qty(i);
        df += 1 - shrink;
    }
    const double dof = m_n - df;
    if (dof <= 1e-12 * m_n)
        return std::numeric_limits<double>::infinity();
    return m_n * residual / (dof * dof);
}

double Ridge::gcvLambda() const
{
    double best = std::numeric_limits<double>::infinity(), bestLambda = 1e-6;
    for (int k = 0; k <= 90; ++k) {
        const double lambda = std::pow(10.0, -6.0 + k * 0.1);
        if (const double g = gcv(lambda); g < best) {
            best = g;
            bestLambda = lambda;
        }
    }
    return bestLambda;
}

double Ridge::kktViolation(const Eigen::SparseMatrix<double>& X, const Eigen::VectorXd& y,
                           const Eigen::VectorXd& w, const Eigen::VectorXd& b, double lambda)
{
    const double n = double(X.rows());
    const Eigen::VectorXd residual = X * b - y;
    const Eigen::VectorXd grad = X.transpose() * residual / n + lambda * w.cwiseProduct(b);
    double violation = grad.size() > 0 ? grad.lpNorm<Eigen::Infinity>() : 0.0;
    if (lambda == 0 && b.size() > 0) {
        // Least sum w b^2 among least-squares solutions <=> c = diag(w)^(1/2) b lies in
        // range(Z^T), Z = X diag(w)^(-1/2): measure c minus its projection onto it.
        const Eigen::VectorXd wInvSqrt = w.cwiseSqrt().cwiseInverse();
        const Eigen::MatrixXd zt = Eigen::MatrixXd(X * wInvSqrt.asDiagonal()).transpose();
        const Eigen::VectorXd c = w.cwiseSqrt().cwiseProduct(b);
        const Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod(zt);
        const Eigen::VectorXd alpha = cod.solve(c);
        violation = std::max(violation, (c - zt * alpha).lpNorm<Eigen::Infinity>());
    }
    return violation;
}

} // namespace reglab
