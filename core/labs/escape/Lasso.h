#pragma once
// The lasso for sparse escape maps: minimise (1/(2n)) |y - X b|^2 + lambda |b|_1 by cyclic
// coordinate descent over the columns of a column-major sparse X (a column's pass touches
// only its nonzeros; the residual y - X b is kept up to date). Warm starts make a path over
// decreasing lambda cheap. Columns of norm 0 carry no information and stay at 0.
#include <Eigen/Core>
#include <Eigen/SparseCore>

namespace reglab {

class Lasso {
public:
    struct Fit {
        Eigen::VectorXd b;
        int sweeps = 0;         // passes over the columns (all, or the nonzero ones)
        bool converged = false; // false: stopped at maxSweeps
    };

    // Stops after the first full sweep whose largest |change of b_j| is <= tol * max_j |b_j|.
    // start: the warm start (empty: b = 0).
    static Fit solve(const Eigen::SparseMatrix<double>& X, const Eigen::VectorXd& y, double lambda,
                     const Eigen::VectorXd& start = Eigen::VectorXd(), double tol = 1e-9,
                     int maxSweeps = 100000);
    // |X^T y|_inf / n: the smallest lambda at which b = 0 is optimal.
    static double lambdaMax(const Eigen::SparseMatrix<double>& X, const Eigen::VectorXd& y);
    static double objective(const Eigen::SparseMatrix<double>& X, const Eigen::VectorXd& y,
                            const Eigen::VectorXd& b, double lambda);
    // The largest violation of the KKT conditions, g = X^T (X b - y) / n:
    // |g_j + lambda sign b_j| where b_j != 0, max(0, |g_j| - lambda) where b_j = 0.
    static double kktViolation(const Eigen::SparseMatrix<double>& X, const Eigen::VectorXd& y,
                               const Eigen::VectorXd& b, double lambda);

    static double softThreshold(double z, double t) { return z > t ? z - t : (z < -t ? z + t : 0.0); }
};

} // namespace reglab
