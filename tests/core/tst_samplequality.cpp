// The GAN lab's targets and sample-quality metrics (modes covered, high quality, mode KL,
// sliced Wasserstein distance) on sample sets whose answers are known.
#include "Rng.h"
#include "data/GanTarget.h"
#include "metrics/SampleQuality.h"

#include <QtTest>
#include <cmath>

using namespace reglab;

class TestSampleQuality : public QObject {
    Q_OBJECT
private slots:
    void targetsAreTheWganGpToySets()
    {
        const GanTarget ring = GanTarget::named("ring8");
        QCOMPARE(ring.modes().size(), size_t(8));
        QVERIFY(std::fabs(ring.modes()[0].x - 2.0 / 1.414) < 1e-12 && ring.modes()[0].y == 0.0);
        QVERIFY(std::fabs(ring.modes()[2].y - 2.0 / 1.414) < 1e-12);
        QCOMPARE(GanTarget::named("grid25").modes().size(), size_t(25));
        QVERIFY(GanTarget::named("spiral").modes().empty());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, GanTarget::named("ring9"));
        // Samples: the mixture's spread around its centers, every mode about equally often.
        Rng rng(1);
        const MatF s = ring.sample(8000, rng);
        const ModeStats m = modeStats(s, ring);
        QCOMPARE(m.modesCovered, 8);
        // P(|x - c| < 3 sigma) for a 2D isotropic Gaussian is 1 - exp(-4.5) = 0.9889.
        QVERIFY2(std::fabs(m.highQuality - 0.9889) < 0.005, qPrintable(QString::number(m.highQuality)));
        QVERIFY(m.modeKl < 0.005);
        const MatF spiral = GanTarget::named("spiral").sample(500, rng);
        QCOMPARE(spiral.rows(), Index(500));
        QVERIFY(spiral.allFinite() && spiral.cwiseAbs().maxCoeff() < 1.5f);
    }

    void drawnTargetsSampleTheirPoints()
    {
        MatF pts(2, 2);
        pts << 0.5f, 0.5f, -0.5f, -0.5f;
        const GanTarget t = GanTarget::fromPoints(pts, 0.01);
        Rng rng(2);
        const MatF s = t.sample(1000, rng);
        int nearFirst = 0;
        for (Index i = 0; i < s.rows(); ++i) {
            const double d0 = (s.row(i) - pts.row(0)).norm(), d1 = (s.row(i) - pts.row(1)).norm();
            QVERIFY(std::min(d0, d1) < 0.06); // within 6 jitter sigmas of a drawn point
            nearFirst += d0 < d1 ? 1 : 0;
        }
        QVERIFY(nearFirst > 400 && nearFirst < 600);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, GanTarget::fromPoints(MatF(0, 2)));
        MatF bad(1, 2);
        bad << NAN, 0.0f;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, GanTarget::fromPoints(bad));
    }

    void collapsedAndScatteredSamples()
    {
        const GanTarget ring = GanTarget::named("ring8");
        // Mode collapse: every sample on mode 0.
        MatF one(100, 2);
        one.col(0).setConstant(float(ring.modes()[0].x));
        one.col(1).setZero();
        ModeStats m = modeStats(one, ring);
        QCOMPARE(m.modesCovered, 1);
        QCOMPARE(m.highQuality, 1.0);
        QVERIFY(std::fabs(m.modeKl - std::log(8.0)) < 1e-12);
        // Half on mode 0, half on mode 4: KL = log 8 - log 2 = log 4.
        for (Index i = 50; i < 100; ++i)
            one(i, 0) = float(ring.modes()[4].x);
        m = modeStats(one, ring);
        QCOMPARE(m.modesCovered, 2);
        QVERIFY(std::fabs(m.modeKl - std::log(4.0)) < 1e-12);
        // Nothing near a mode: quality 0, no mode covered, the worst KL.
        const MatF far = MatF::Zero(10, 2);
        m = modeStats(far, ring);
        QCOMPARE(m.modesCovered, 0);
        QCOMPARE(m.highQuality, 0.0);
        QVERIFY(std::fabs(m.modeKl - std::log(8.0)) < 1e-12);
        // A mode with fewer than the minimum share is not covered: 1 of 100 at 2%.
        one.row(0) << float(ring.modes()[2].x), float(ring.modes()[2].y);
        QCOMPARE(modeStats(one, ring, 0.02).modesCovered, 2);
        QCOMPARE(modeStats(one, ring, 0.01).modesCovered, 3);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, modeStats(one, GanTarget::named("moons")));
    }

    void slicedWassersteinOfKnownSets()
    {
        Rng rng(3);
        const MatF a = GanTarget::named("grid25").sample(2000, rng);
        QCOMPARE(slicedWasserstein(a, a), 0.0);
        // A shift by (d, 0) moves every projection by d cos(t): the distance is the mean of
        // |d cos t| over the directions, 2d/pi as directions grow.
        MatF b = a;
        b.col(0).array() += 0.3f;
        QVERIFY2(std::fabs(slicedWasserstein(a, b, 256) - 0.6 / 3.14159265358979) < 1e-4,
                 qPrintable(QString::number(slicedWasserstein(a, b, 256))));
        // Order does not matter (the projections are sorted), and two draws of the same
        // target are much closer than two targets.
        MatF shuffled = a.colwise().reverse();
        QVERIFY(slicedWasserstein(a, shuffled) < 1e-6);
        const MatF a2 = GanTarget::named("grid25").sample(2000, rng);
        const MatF ring = GanTarget::named("ring8").sample(2000, rng);
        QVERIFY(slicedWasserstein(a, a2) * 5 < slicedWasserstein(a, ring));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, slicedWasserstein(a, MatF(10, 2)));
    }
};

QTEST_GUILESS_MAIN(TestSampleQuality)
#include "tst_samplequality.moc"
