// The escape lab's penalised linear fits (n << d): weighted ridge and its min-norm limit
// through the n x n kernel, the lasso by coordinate descent, the group lasso by FISTA.
// Each fit is held to its exact optimality (KKT) conditions and, where one exists, to an
// independent closed form computed densely on a tiny problem. Designs: 0/1 indicators with
// 3 ones per row (a site, an amino acid, a pair), as in escape data, and dense Gaussian ones.
#include "Rng.h"
#include "labs/escape/GroupLasso.h"
#include "labs/escape/Lasso.h"
#include "labs/escape/Ridge.h"

#include <Eigen/Cholesky>
#include <Eigen/QR>

#include <QtTest>

#include <cmath>
#include <vector>

using namespace reglab;
using SpMat = Eigen::SparseMatrix<double>;
using Eigen::MatrixXd;
using Eigen::VectorXd;

namespace {

// Three blocks of columns (sites, amino acids, pairs); each row has one 1 in each block.
SpMat indicatorDesign(int n, int d, Rng& rng)
{
    const int a = d / 3, b = d / 3, c = d - a - b;
    std::vector<Eigen::Triplet<double>> t;
    for (int i = 0; i < n; ++i) {
        t.emplace_back(i, int(rng.below(uint32_t(a))), 1.0);
        t.emplace_back(i, a + int(rng.below(uint32_t(b))), 1.0);
        t.emplace_back(i, a + b + int(rng.below(uint32_t(c))), 1.0);
    }
    SpMat x(n, d);
    x.setFromTriplets(t.begin(), t.end());
    return x;
}

SpMat denseDesign(int n, int d, Rng& rng)
{
    MatrixXd x(n, d);
    for (int j = 0; j < d; ++j)
        for (int i = 0; i < n; ++i)
            x(i, j) = rng.normal();
    return x.sparseView();
}

// A few strong effects plus noise.
VectorXd response(const SpMat& x, Rng& rng)
{
    VectorXd beta = VectorXd::Zero(x.cols());
    for (int k = 0; k < 6; ++k)
        beta(rng.below(uint32_t(x.cols()))) = 2 * rng.normal();
    VectorXd y = x * beta;
    for (Eigen::Index i = 0; i < y.size(); ++i)
        y(i) += 0.3 * rng.normal();
    return y;
}

VectorXd randomWeights(Eigen::Index d, Rng& rng)
{
    VectorXd w(d);
    for (Eigen::Index j = 0; j < d; ++j)
        w(j) = rng.uniform(0.5, 5.0);
    return w;
}

// Sites of 1..5 features each (the amino acids seen at a site), ids in order.
std::vector<int> randomGroups(Eigen::Index d, Rng& rng)
{
    std::vector<int> g;
    int id = 0;
    while (Eigen::Index(g.size()) < d) {
        const int size = 1 + int(rng.below(5));
        for (int k = 0; k < size && Eigen::Index(g.size()) < d; ++k)
            g.push_back(id);
        ++id;
    }
    return g;
}

// (X^T X + n lambda W)^-1 X^T y, densely.
VectorXd denseRidge(const SpMat& xs, const VectorXd& y, const VectorXd& w, double lambda)
{
    const MatrixXd x(xs);
    const MatrixXd a = x.transpose() * x + double(x.rows()) * lambda * MatrixXd(w.asDiagonal());
    return a.ldlt().solve(x.transpose() * y);
}

// GCV from the hat matrix H = X (X^T X + n lambda W)^-1 X^T, densely.
double denseGcv(const SpMat& xs, const VectorXd& y, const VectorXd& w, double lambda)
{
    const MatrixXd x(xs);
    const double n = double(x.rows());
    const MatrixXd a = x.transpose() * x + n * lambda * MatrixXd(w.asDiagonal());
    const MatrixXd h = x * a.ldlt().solve(x.transpose());
    const VectorXd r = y - h * y;
    return n * r.squaredNorm() / ((n - h.trace()) * (n - h.trace()));
}

// The w-min-norm least-squares solution, diag(w)^-1/2 pinv(X diag(w)^-1/2) y, by COD.
VectorXd denseMinNorm(const SpMat& xs, const VectorXd& y, const VectorXd& w)
{
    const VectorXd s = w.cwiseSqrt().cwiseInverse();
    const MatrixXd z = MatrixXd(xs) * s.asDiagonal();
    return s.cwiseProduct(Eigen::CompleteOrthogonalDecomposition<MatrixXd>(z).solve(y));
}

double maxDiff(const VectorXd& a, const VectorXd& b) { return (a - b).lpNorm<Eigen::Infinity>(); }

// Moves a solution off its optimum (every coordinate, so also along nonempty columns), so a
// KKT check that passes everything cannot pass the tests.
VectorXd perturbed(const VectorXd& b) { return b + VectorXd::Constant(b.size(), 1e-2); }

QString str(double v) { return QString::number(v, 'g', 3); }

} // namespace

class TestEscapeFits : public QObject {
    Q_OBJECT
private slots:
    void ridgeGradientCondition()
    {
        Rng rng(11);
        for (const SpMat& x : {indicatorDesign(30, 120, rng), denseDesign(25, 80, rng)}) {
            const VectorXd y = response(x, rng);
            for (const VectorXd& w : {VectorXd(VectorXd::Ones(x.cols())), randomWeights(x.cols(), rng)}) {
                const Ridge ridge(x, y, w);
                for (double lambda : {1e-4, 1e-2, 1.0, 100.0}) {
                    const VectorXd b = ridge.solve(lambda);
                    const double kkt = Ridge::kktViolation(x, y, w, b, lambda);
                    QVERIFY2(kkt < 1e-9, qPrintable(str(lambda) + ": " + str(kkt)));
                    QVERIFY(Ridge::kktViolation(x, y, w, perturbed(b), lambda) > 1e-4);
                    QVERIFY(maxDiff(ridge.fitted(lambda), x * b) < 1e-9);
                }
            }
        }
    }

    void ridgeEqualsDenseClosedForm()
    {
        Rng rng(12);
        for (const SpMat& x : {denseDesign(8, 12, rng), indicatorDesign(10, 15, rng)}) {
            const VectorXd y = response(x, rng), w = randomWeights(x.cols(), rng);
            const Ridge ridge(x, y, w);
            for (double lambda : {1e-3, 0.1, 1.0, 10.0}) {
                const VectorXd b = ridge.solve(lambda), dense = denseRidge(x, y, w, lambda);
                QVERIFY2(maxDiff(b, dense) < 1e-10 * (1 + dense.norm()),
                         qPrintable(str(lambda) + ": " + str(maxDiff(b, dense))));
            }
        }
    }

    void minNormInterpolatesAndIsPseudoInverse()
    {
        Rng rng(13);
        for (const SpMat& x : {indicatorDesign(30, 120, rng), denseDesign(20, 60, rng)}) {
            const VectorXd y = response(x, rng);
            const VectorXd ones = VectorXd::Ones(x.cols()), w = randomWeights(x.cols(), rng);
            // w = 1: the Moore-Penrose solution; n < d and full row rank: it interpolates.
            const Ridge plain(x, y, ones);
            QCOMPARE(plain.rank(), int(x.rows()));
            const VectorXd b = plain.solve(0);
            QVERIFY2((x * b - y).lpNorm<Eigen::Infinity>() < 1e-9, qPrintable(str((x * b - y).norm())));
            QVERIFY(maxDiff(b, denseMinNorm(x, y, ones)) < 1e-9);
            QVERIFY(Ridge::kktViolation(x, y, ones, b, 0) < 1e-9);
            // Any other interpolant (add a null-space direction) is not the min-norm one.
            const VectorXd other = b + (ones - denseMinNorm(x, x * ones, ones)); // + (I - X^+ X) 1
            QVERIFY((x * other - y).norm() < 1e-8);
            QVERIFY(Ridge::kktViolation(x, y, ones, other, 0) > 1e-3);
            // Weighted: least sum w b^2 among the interpolants.
            const Ridge weighted(x, y, w);
            const VectorXd bw = weighted.solve(0);
            QVERIFY((x * bw - y).lpNorm<Eigen::Infinity>() < 1e-9);
            QVERIFY(maxDiff(bw, denseMinNorm(x, y, w)) < 1e-9);
            QVERIFY(Ridge::kktViolation(x, y, w, bw, 0) < 1e-9);
            QVERIFY(Ridge::kktViolation(x, y, w, b, 0) > 1e-3); // the unweighted one is not it
            // The limit of ridge as lambda -> 0.
            double previous = 1e300;
            for (double lambda : {1e-3, 1e-5, 1e-7, 1e-9}) {
                const double gap = maxDiff(weighted.solve(lambda), bw);
                QVERIFY2(gap < previous, qPrintable(str(lambda) + ": " + str(gap)));
                previous = gap;
            }
            QVERIFY2(previous < 1e-6 * (1 + bw.norm()), qPrintable(str(previous)));
        }
        // Rank-deficient: repeated rows with other labels, K singular, no interpolant; the
        // cutoff must drop the null eigenvalues of K and still give the pseudo-inverse.
        SpMat x = indicatorDesign(30, 90, rng);
        {
            MatrixXd dense(x);
            dense.bottomRows(10) = dense.topRows(10);
            x = dense.sparseView();
        }
        const VectorXd y = response(x, rng), w = randomWeights(x.cols(), rng);
        const Ridge ridge(x, y, w);
        QVERIFY(ridge.rank() <= 20);
        const VectorXd b = ridge.solve(0);
        QVERIFY((x * b - y).norm() > 1e-2);
        QVERIFY2(maxDiff(b, denseMinNorm(x, y, w)) < 1e-9, qPrintable(str(maxDiff(b, denseMinNorm(x, y, w)))));
        QVERIFY(Ridge::kktViolation(x, y, w, b, 0) < 1e-9);
    }

    void gcvMatchesHatMatrix()
    {
        Rng rng(14);
        for (const SpMat& x : {denseDesign(10, 15, rng), indicatorDesign(12, 18, rng)}) {
            const VectorXd y = response(x, rng), w = randomWeights(x.cols(), rng);
            const Ridge ridge(x, y, w);
            for (double lambda : {1e-3, 0.1, 1.0, 10.0}) {
                const double g = ridge.gcv(lambda), dense = denseGcv(x, y, w, lambda);
                QVERIFY2(std::abs(g - dense) < 1e-9 * dense, qPrintable(str(g) + " vs " + str(dense)));
            }
            // gcvLambda: the same grid scanned with the hat matrix picks the same lambda.
            double best = 1e300, bestLambda = 0;
            for (int k = 0; k <= 90; ++k) {
                const double lambda = std::pow(10.0, -6.0 + k * 0.1);
                if (const double g = denseGcv(x, y, w, lambda); g < best) {
                    best = g;
                    bestLambda = lambda;
                }
            }
            QVERIFY2(std::abs(ridge.gcvLambda() / bestLambda - 1) < 1e-9,
                     qPrintable(str(ridge.gcvLambda()) + " vs " + str(bestLambda)));
        }
    }

    void lassoKkt()
    {
        Rng rng(21);
        for (const SpMat& x : {indicatorDesign(40, 200, rng), denseDesign(30, 100, rng)}) {
            const VectorXd y = response(x, rng);
            const double top = Lasso::lambdaMax(x, y);
            VectorXd b;
            for (double fraction : {0.5, 0.1, 0.01}) {
                const double lambda = fraction * top;
                const Lasso::Fit fit = Lasso::solve(x, y, lambda, b); // warm start along the path
                QVERIFY(fit.converged);
                b = fit.b;
                const double kkt = Lasso::kktViolation(x, y, b, lambda);
                QVERIFY2(kkt < 1e-7, qPrintable(str(fraction) + ": " + str(kkt)));
                QVERIFY((b.array() != 0).count() > 0);
                QVERIFY(Lasso::kktViolation(x, y, perturbed(b), lambda) > 1e-4);
                // From a cold start: the same optimum (the objective; b may not be unique).
                const Lasso::Fit cold = Lasso::solve(x, y, lambda);
                const double f = Lasso::objective(x, y, b, lambda), fc = Lasso::objective(x, y, cold.b, lambda);
                QVERIFY2(std::abs(f - fc) < 1e-9 * f, qPrintable(str(f) + " vs " + str(fc)));
            }
        }
    }

    void lassoZeroAtLambdaMax()
    {
        Rng rng(22);
        for (const SpMat& x : {indicatorDesign(30, 150, rng), denseDesign(25, 80, rng)}) {
            const VectorXd y = response(x, rng);
            const double top = Lasso::lambdaMax(x, y);
            const VectorXd warm = Lasso::solve(x, y, 0.1 * top).b;
            QVERIFY(Lasso::solve(x, y, top, warm).b.isZero(0)); // exactly 0, even from warm
            QVERIFY(Lasso::kktViolation(x, y, VectorXd::Zero(x.cols()), top) == 0);
            const VectorXd below = Lasso::solve(x, y, 0.99 * top).b;
            QVERIFY((below.array() != 0).count() > 0);
            QVERIFY(Lasso::kktViolation(x, y, VectorXd::Zero(x.cols()), 0.99 * top) > 0);
        }
    }

    void lassoOrthogonalDesignIsSoftThreshold()
    {
        // Column j lives on rows j and j + 12 only (orthogonal columns); the last is empty.
        Rng rng(23);
        const int n = 30, d = 13;
        std::vector<Eigen::Triplet<double>> t;
        for (int j = 0; j < 12; ++j) {
            t.emplace_back(j, j, rng.uniform(-2, 2));
            t.emplace_back(j + 12, j, rng.uniform(-2, 2));
        }
        SpMat x(n, d);
        x.setFromTriplets(t.begin(), t.end());
        VectorXd y(n);
        for (int i = 0; i < n; ++i)
            y(i) = rng.normal();
        const VectorXd xty = x.transpose() * y / double(n);
        for (double fraction : {0.9, 0.5, 0.2, 0.05}) {
            const double lambda = fraction * Lasso::lambdaMax(x, y);
            const VectorXd b = Lasso::solve(x, y, lambda).b;
            for (int j = 0; j < d; ++j) {
                const double curvature = x.col(j).squaredNorm() / n;
                double expected = 0; // sign(z) max(|z| - lambda, 0) / curvature
                if (curvature > 0 && std::abs(xty(j)) > lambda)
                    expected = (xty(j) > 0 ? xty(j) - lambda : xty(j) + lambda) / curvature;
                QVERIFY2(std::abs(b(j) - expected) < 1e-12,
                         qPrintable(QString("%1 %2: %3 vs %4").arg(fraction).arg(j).arg(b(j)).arg(expected)));
            }
        }
    }

    void groupLassoKkt()
    {
        Rng rng(31);
        for (const SpMat& x : {indicatorDesign(40, 180, rng), denseDesign(30, 100, rng)}) {
            const VectorXd y = response(x, rng);
            const std::vector<int> groups = randomGroups(x.cols(), rng);
            const double top = GroupLasso::lambdaMax(x, y, groups);
            VectorXd b;
            for (double fraction : {0.5, 0.1, 0.01}) {
                const double lambda = fraction * top;
                const GroupLasso::Fit fit = GroupLasso::solve(x, y, groups, lambda, b);
                QVERIFY(fit.converged);
                b = fit.b;
                const double kkt = GroupLasso::kktViolation(x, y, groups, b, lambda);
                QVERIFY2(kkt < 1e-6, qPrintable(str(fraction) + ": " + str(kkt) + " after " +
                                                QString::number(fit.iterations)));
                QVERIFY((b.array() != 0).count() > 0);
                QVERIFY(GroupLasso::kktViolation(x, y, groups, perturbed(b), lambda) > 1e-4);
                // Whole groups enter together: with a dense design a group is all 0 or all nonzero
                // (an indicator design's empty columns stay 0 inside an active group).
                const bool dense = x.nonZeros() == x.rows() * x.cols();
                for (int g = 0; g <= groups.back(); ++g) {
                    int zero = 0, size = 0;
                    for (size_t j = 0; j < groups.size(); ++j)
                        if (groups[j] == g) {
                            ++size;
                            zero += b(Eigen::Index(j)) == 0;
                        }
                    QVERIFY(zero == 0 || zero == size || dense == false);
                }
            }
        }
    }

    void groupLassoZeroAtLambdaMax()
    {
        Rng rng(32);
        for (const SpMat& x : {indicatorDesign(30, 150, rng), denseDesign(25, 80, rng)}) {
            const VectorXd y = response(x, rng);
            const std::vector<int> groups = randomGroups(x.cols(), rng);
            const double top = GroupLasso::lambdaMax(x, y, groups);
            const VectorXd warm = GroupLasso::solve(x, y, groups, 0.1 * top).b;
            QVERIFY(GroupLasso::solve(x, y, groups, top, warm).b.isZero(0));
            QVERIFY(GroupLasso::kktViolation(x, y, groups, VectorXd::Zero(x.cols()), top) < 1e-12);
            const VectorXd below = GroupLasso::solve(x, y, groups, 0.99 * top).b;
            QVERIFY((below.array() != 0).count() > 0);
            QVERIFY(GroupLasso::kktViolation(x, y, groups, VectorXd::Zero(x.cols()), 0.99 * top) > 0);
        }
    }

    void singletonGroupsEqualLasso()
    {
        // Dense Gaussian design: the lasso solution is unique, so b itself must agree.
        Rng rng(33);
        const SpMat x = denseDesign(25, 60, rng);
        const VectorXd y = response(x, rng);
        std::vector<int> groups(size_t(x.cols()));
        for (size_t j = 0; j < groups.size(); ++j)
            groups[j] = int(j);
        QVERIFY(std::abs(GroupLasso::lambdaMax(x, y, groups) / Lasso::lambdaMax(x, y) - 1) < 1e-14);
        for (double fraction : {0.5, 0.1, 0.02}) {
            const double lambda = fraction * Lasso::lambdaMax(x, y);
            const VectorXd lasso = Lasso::solve(x, y, lambda).b;
            const VectorXd group = GroupLasso::solve(x, y, groups, lambda).b;
            QVERIFY2(maxDiff(lasso, group) < 1e-6, qPrintable(str(fraction) + ": " + str(maxDiff(lasso, group))));
            QVERIFY(std::abs(GroupLasso::objective(x, y, groups, group, lambda) -
                             Lasso::objective(x, y, group, lambda)) < 1e-14);
        }
    }
};

QTEST_APPLESS_MAIN(TestEscapeFits)
#include "tst_escapefits.moc"
