// The double-descent lab (L12): GCV from the SVD against GCV from the hat matrix
// X (X^T X + lambda I)^-1 X^T, scanned by brute force; the min-norm fit interpolating past
// p = n and a ridge shrinking it,
// and the lab's curve: a peak at p = n where the training error reaches 0, a second
// descent beyond, no peak with GCV ridge; the same numbers at 1 and 2 threads.
#include "LabRun.h"
#include "Parallel.h"
#include "labs/doubledescent/DoubleDescentLab.h"
#include "labs/doubledescent/RandomFeatures.h"

#include <Eigen/Dense>
#include <QtTest>

#include <cmath>

using namespace reglab;

using labrun::valueAt;

class TestDoubleDescent : public QObject {
    Q_OBJECT
private slots:
    void gcvPicksTheHatMatrixMinimiser()
    {
        // A small regression problem: GCV from the SVD against GCV from H = X (X^T X + l I)^-1 X^T.
        Rng rng(4);
        const int n = 25, p = 12;
        MatD x(n, p);
        ColVec<double> y(n);
        for (int i = 0; i < n; ++i) {
            for (int j = 0; j < p; ++j)
                x(i, j) = rng.normal();
            y(i) = x(i, 0) - 0.5 * x(i, 1) + 0.7 * rng.normal();
        }
        Eigen::JacobiSVD<MatD> svd(x, Eigen::ComputeThinU | Eigen::ComputeThinV);
        const ColVec<double> uty = svd.matrixU().transpose() * y;
        const double outside = y.squaredNorm() - uty.squaredNorm();
        const double chosen = RandomFeatures::gcvLambda(svd.singularValues(), uty, outside, n);
        double best = 1e300, bestLambda = 0;
        for (int k = 0; k <= 60; ++k) {
            const double l = std::pow(10.0, -9.0 + k * 0.2);
            const MatD h = x * (x.transpose() * x + l * MatD::Identity(p, p)).ldlt().solve(x.transpose());
            const double res = (y - h * y).squaredNorm(), tr = h.trace();
            const double gcv = n * res / ((n - tr) * (n - tr));
            if (gcv < best) {
                best = gcv;
                bestLambda = l;
            }
        }
        QCOMPARE(chosen, bestLambda);
        QVERIFY(chosen > 1e-3 && chosen < 1e3); // noisy labels: a real penalty, not the grid's edge
    }

    void fitsMatchDirectFormulas()
    {
        Rng rng(7);
        RandomFeatures t(20, 4, 60, 200, rng);
        t.setSigma(0.3);
        // Past p = n the min-norm fit interpolates; the filter ridge fits less exactly.
        const RandomFeatures::Fit over = t.fit(50, RandomFeatures::Ridge::None, 0);
        QVERIFY2(over.trainError < 1e-20, qPrintable(QString::number(over.trainError)));
        const RandomFeatures::Fit ridge = t.fit(50, RandomFeatures::Ridge::Fixed, 1e-2);
        QVERIFY(ridge.trainError > 1e-6 && ridge.coefNorm < over.coefNorm);
        QCOMPARE(ridge.lambda, 1e-2);
        const RandomFeatures::Fit gcv = t.fit(50, RandomFeatures::Ridge::Gcv, 0);
        QVERIFY(gcv.lambda > 0);
        // Below p = n: min-norm is ordinary least squares, whose train error a larger ridge raises.
        const RandomFeatures::Fit under = t.fit(8, RandomFeatures::Ridge::None, 0);
        QVERIFY(under.trainError > 1e-3);
        QVERIFY(t.fit(8, RandomFeatures::Ridge::Fixed, 1.0).trainError > under.trainError);
        QVERIFY(std::isfinite(under.conditionNumber) && under.conditionNumber >= 1);
    }

    void peakAtTheInterpolationThresholdAndNoneWithRidge()
    {
        const labrun::Sets sets = {{"n", "40"}, {"d", "5"}, {"trials", "9"}, {"max_ratio", "10"}};
        auto plain = labrun::makeLab("double-descent", sets, 3);
        labrun::Sets withRidge = sets;
        withRidge.emplace_back("ridge", "gcv");
        auto ridge = labrun::makeLab("double-descent", withRidge, 3);
        const auto a = labrun::run(*plain, 400), b = labrun::run(*ridge, 400);
        QVERIFY(plain->finished());
        const int test = labrun::column(*plain, "test_error"), train = labrun::column(*plain, "train_error");
        const double first = valueAt(a, test, 16), peak = valueAt(a, test, 40), last = valueAt(a, test, 400);
        QVERIFY2(peak > 5 * first, qPrintable(QString("%1 at p = n, %2 at 0.4 n").arg(peak).arg(first)));
        QVERIFY(last < first);
        QVERIFY(valueAt(a, train, 39) > 1e-4 && valueAt(a, train, 40) < 1e-15); // interpolates from p = n on
        QVERIFY2(valueAt(b, test, 40) < valueAt(b, test, 16), qPrintable(QString::number(valueAt(b, test, 40))));
        // The step is the width; rows at log-spaced widths and at p = n.
        QCOMPARE(plain->metrics().front().stepLabel, std::string("width p (features)"));
        QVERIFY(std::any_of(a.begin(), a.end(), [](const MetricRow& r) { return r.step == 40; }));
        QVERIFY(a.size() < 80);
    }

    void sameNumbersAtAnyThreadCount()
    {
        const labrun::Sets sets = {{"n", "30"}, {"trials", "6"}, {"max_ratio", "3"}};
        auto rows = [&](int threads) {
            const ThreadShare share(threads);
            auto lab = labrun::makeLab("double-descent", sets, 5);
            return labrun::run(*lab, 90);
        };
        const auto one = rows(1), two = rows(2);
        QCOMPARE(one.size(), two.size());
        for (size_t i = 0; i < one.size(); ++i)
            for (size_t k = 0; k < one[i].values.size(); ++k)
                QVERIFY(one[i].values[k] == two[i].values[k]
                        || (std::isnan(one[i].values[k]) && std::isnan(two[i].values[k])));
    }
};

QTEST_APPLESS_MAIN(TestDoubleDescent)
#include "tst_doubledescent.moc"
