// TensorFlow Playground's regression sets (src/dataset.ts) in the classify lab's units: the
// targets are Playground's formulas at Playground's coordinates (ours times 6), the points
// fill the square, and noise moves where the target is read, not the point.
#include "Rng.h"
#include "data/RegressionSets.h"
#include "data/Split.h"
#include "data/ToySets.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <stdexcept>

using namespace reglab;

namespace {

// Playground's own code, in its units (x, y in [-6, 6]), transcribed from dataset.ts.
double playgroundPlane(double x, double y)
{
    return (x + y) / 10.0; // d3 linear scale [-10, 10] -> [-1, 1]
}

double playgroundGaussian(double x, double y)
{
    const double g[6][3] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
    double label = 0;
    for (const auto& c : g) {
        const double d = std::hypot(x - c[0], y - c[1]);
        const double scaled = std::clamp(1.0 - d / 2.0, 0.0, 1.0); // d3 scale [0, 2] -> [1, 0], clamped
        const double v = c[2] * scaled;
        if (std::abs(v) > std::abs(label))
            label = v;
    }
    return label;
}

} // namespace

class TestRegressionSets : public QObject {
    Q_OBJECT
private slots:
    void planeMatchesPlayground()
    {
        // Worked by hand from dataset.ts: (3 + 1.5) / 10, the corners +-12 / 10.
        QCOMPARE(regressPlaneValue(0.5, 0.25), 0.45);
        QCOMPARE(regressPlaneValue(-1, -1), -1.2);
        QCOMPARE(regressPlaneValue(1, -1), 0.0);
        for (double x : {-0.9, -0.3, 0.1, 0.77})
            for (double y : {-0.6, 0.0, 0.42})
                QVERIFY(std::abs(regressPlaneValue(x, y) - playgroundPlane(6 * x, 6 * y)) < 1e-12);
    }

    void gaussianMatchesPlayground()
    {
        // By hand: at a centre +-1, one Playground unit away 0.5, between the bumps 0.
        QCOMPARE(regressGaussianValue(-4.0 / 6, 2.5 / 6), 1.0);
        QCOMPARE(regressGaussianValue(0, 2.5 / 6), -1.0);
        QCOMPARE(regressGaussianValue(4.0 / 6, -2.5 / 6), -1.0);
        QVERIFY(std::abs(regressGaussianValue(-4.0 / 6, 3.5 / 6) - 0.5) < 1e-12);
        QVERIFY(std::abs(regressGaussianValue(1.0 / 6, 2.5 / 6) + 0.5) < 1e-12);
        QVERIFY(std::abs(regressGaussianValue(1.5 / 6, 2.5 / 6) + 0.25) < 1e-12);
        QCOMPARE(regressGaussianValue(0, 0), 0.0);
        for (double x = -1; x <= 1; x += 0.125)
            for (double y = -1; y <= 1; y += 0.125)
                QVERIFY2(std::abs(regressGaussianValue(x, y) - playgroundGaussian(6 * x, 6 * y)) < 1e-12,
                         qPrintable(QStringLiteral("at %1, %2").arg(x).arg(y)));
    }

    void setsHoldTheirTargets_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("plane") << "reg-plane";
        QTest::newRow("gaussian") << "reg-gaussian";
    }

    void setsHoldTheirTargets()
    {
        QFETCH(QString, name);
        const std::string set = name.toStdString();
        auto value = set == "reg-plane" ? regressPlaneValue : regressGaussianValue;
        Rng rng(7);
        const Dataset d = makeToySet(set, 500, 0.0, rng); // through the lab's entry point
        QCOMPARE(d.size(), Index(500));
        QCOMPARE(int(d.target.size()), 500);
        QVERIFY(d.y.empty());
        QCOMPARE(d.numClasses, 0);
        double lo = 1, hi = -1;
        for (Index i = 0; i < d.size(); ++i) {
            QVERIFY(std::abs(d.x(i, 0)) <= 1 && std::abs(d.x(i, 1)) <= 1);
            lo = std::min(lo, double(d.x(i, 0)));
            hi = std::max(hi, double(d.x(i, 0)));
            // Clean: the target is the function at the (float) point, to float precision.
            QVERIFY(std::abs(d.target[size_t(i)] - value(d.x(i, 0), d.x(i, 1))) < 1e-6);
        }
        QVERIFY(lo < -0.9 && hi > 0.9); // the whole square, not a corner of it
        QVERIFY(isRegressionSet(set));
        QVERIFY(std::find(toySetNames().begin(), toySetNames().end(), set) == toySetNames().end());
    }

    void noiseMovesWhereTheTargetIsRead()
    {
        // Playground: label(x + noiseX, y + noiseY), noise* uniform in +-radius * noise; the
        // points are the same draws at any noise.
        Rng a(3), b(3);
        const Dataset clean = makeRegressPlane(2000, 0.0, a), noisy = makeRegressPlane(2000, 0.5, b);
        QVERIFY(clean.x == noisy.x);
        double worst = 0, mean = 0;
        for (size_t i = 0; i < clean.target.size(); ++i) {
            const double diff = std::abs(noisy.target[i] - clean.target[i]);
            worst = std::max(worst, diff);
            mean += diff / double(clean.target.size());
        }
        // 0.6 (nx + ny) with nx, ny uniform in +-0.5: at most 0.6, on average 0.6 * E|nx + ny| = 0.2.
        QVERIFY2(worst <= 0.6 + 1e-6 && worst > 0.5, qPrintable(QString::number(worst)));
        QVERIFY2(mean > 0.15 && mean < 0.25, qPrintable(QString::number(mean)));
    }

    void splitKeepsTargetsWithTheirPoints()
    {
        Rng rng(5), split(9);
        const Dataset d = makeRegressGaussian(300, 0.0, rng);
        const DataSplit s = splitTrainVal(d, 0.5, split);
        QCOMPARE(s.train.size() + s.val.size(), d.size());
        for (const Dataset* part : {&s.train, &s.val}) {
            QCOMPARE(int(part->target.size()), int(part->size()));
            for (Index i = 0; i < part->size(); ++i)
                QVERIFY(std::abs(part->target[size_t(i)] - regressGaussianValue(part->x(i, 0), part->x(i, 1))) < 1e-6);
        }
    }

    void badArgumentsAreRefused()
    {
        Rng rng(1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeRegressPlane(1, 0.1, rng));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeRegressGaussian(10, 1.5, rng));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeRegressionSet("reg-cubic", 10, 0.1, rng));
    }
};

QTEST_GUILESS_MAIN(TestRegressionSets)
#include "tst_regressionsets.moc"
