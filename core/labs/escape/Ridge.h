#pragma once
// Weighted ridge for n << d (the escape lab: a few hundred selected variants, thousands of
// site / amino-acid / pair indicators): minimise
//     (1/(2n)) |y - X b|^2 + (lambda/2) sum_j w_j b_j^2,   w_j > 0,
// where a structural prior puts a larger w_j on buried sites. With Z = X diag(w)^(-1/2) and
// c = diag(w)^(1/2) b this is plain ridge in c, solved through the n x n kernel K = Z Z^T:
//     b = diag(w)^(-1/2) Z^T Q diag(1 / (Lambda + n lambda)) Q^T y,   K = Q Lambda Q^T,
// one eigendecomposition for every lambda, never a d x d matrix (nor an inverse of X^T X).
// lambda = 0 gives the least-squares solution of least sum_j w_j b_j^2 (pseudo-inverse:
// eigenvalues below kCutoff * the largest count as 0). GCV is closed form from the same Q.
#include <Eigen/Core>
#include <Eigen/SparseCore>

namespace reglab {

class Ridge {
public:
    static constexpr double kCutoff = 1e-10; // relative to the largest eigenvalue of K

    Ridge(const Eigen::SparseMatrix<double>& X, const Eigen::VectorXd& y, const Eigen::VectorXd& w);

    Eigen::VectorXd solve(double lambda) const;
    Eigen::VectorXd fitted(double lambda) const; // X b, from the eigendecomposition
    // n |y - yhat|^2 / (n - df)^2, df = sum Lambda_i / (Lambda_i + n lambda) (infinite at df = n).
    double gcv(double lambda) const;
    // The minimiser of gcv over 10^-6 .. 10^3, 10 points per decade.
    double gcvLambda() const;
    int rank() const { return m_rank; } // eigenvalues of K kept above the cutoff

    // The largest violation of optimality: |X^T (X b - y) / n + lambda w .* b|_inf; at
    // lambda = 0 also the distance (inf-norm) of diag(w)^(1/2) b from the row space of
    // X diag(w)^(-1/2), i.e. whether b = diag(w)^-1 X^T alpha for some alpha (the w-min-norm
    // one among the least-squares solutions). Dense decomposition: meant for tests.
    static double kktViolation(const Eigen::SparseMatrix<double>& X, const Eigen::VectorXd& y,
                               const Eigen::VectorXd& w, const Eigen::VectorXd& b, double lambda);

private:
    // The filter f(Lambda_i) applied to Q^T y: 1 / (Lambda_i + n lambda), 0 for dropped ones.
    Eigen::VectorXd filtered(double lambda) const;

    Eigen::SparseMatrix<double> m_z; // X diag(w)^(-1/2)
    Eigen::VectorXd m_wInvSqrt;
    Eigen::MatrixXd m_q;             // eigenvectors of K, columns
    Eigen::VectorXd m_lambda;        // eigenvalues of K, those below the cutoff set to 0
    Eigen::VectorXd m_qty;           // Q^T y
    int m_n = 0, m_rank = 0;
};

} // namespace reglab
