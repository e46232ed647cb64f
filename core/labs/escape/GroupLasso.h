#pragma once
// The group lasso for escape maps where a site's amino acids enter or leave together:
// minimise (1/(2n)) |y - X b|^2 + lambda sum_g sqrt(|g|) |b_g|_2 by FISTA (Beck & Teboulle
// 2009): proximal gradient steps of length 1/L with L >= sigma_max(X)^2 / n (power
// iteration, times a safety factor), group soft-thresholding as the prox, and a restart of
// the momentum whenever the objective rises (O'Donoghue & Candes 2015).
//
// Groups: group[j] is feature j's group id, ids 0 .. G-1, every feature in exactly one
// group (no unpenalised features; a feature alone in its group is penalised like the lasso).
#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <vector>

namespace reglab {

class GroupLasso {
public:
    struct Fit {
        Eigen::VectorXd b;
        int iterations = 0;
        bool converged = false; // false: stopped at maxIter
        double lipschitz = 0;   // the L used (after any doubling)
    };

    // Stops when an accepted step changes b by <= tol * |b|_inf (inf-norms).
    // start: the warm start (empty: b = 0).
    static Fit solve(const Eigen::SparseMatrix<double>& X, const Eigen::VectorXd& y, const std::vector<int>& group,
                     double lambda, const Eigen::VectorXd& start = Eigen::VectorXd(), double tol = 1e-10,
                     int maxIter = 200000);
    // max_g |X_g^T y| / (n sqrt |g|): the smallest lambda at which b = 0 is optimal.
    static double lambdaMax(const Eigen::SparseMatrix<double>& X, const Eigen::VectorXd& y,
                            const std::vector<int>& group);
    static double objective(const Eigen::SparseMatrix<double>& X, const Eigen::VectorXd& y,
                            const std::vector<int>& group, const Eigen::VectorXd& b, double lambda);
    // The largest violation of the KKT conditions, g = X^T (X b - y) / n:
    // |g_g + lambda sqrt|g| b_g / |b_g|| where b_g != 0, max(0, |g_g| - lambda sqrt|g|) where b_g = 0.
    static double kktViolation(const Eigen::SparseMatrix<double>& X, const Eigen::VectorXd& y,
                               const std::vector<int>& group, const Eigen::VectorXd& b, double lambda);
    // sigma_max(X)^2 / n from power iteration on X^T X (an estimate from below).
    static double lipschitzEstimate(const Eigen::SparseMatrix<double>& X, int iterations = 100);
};

} // namespace reglab
