// The gan lab on real training runs: the generator learns the target, the metrics follow
// the target's kind, a saved state replays exactly, and a seed gives the same numbers at
// any thread count.
#include "Parallel.h"
#include "LabRun.h"
#include "labs/LabRegistry.h"

#include <QtTest>
#include <cmath>

using namespace reglab;

namespace {
std::unique_ptr<Lab> makeGan(const labrun::Sets& sets, uint64_t seed = 1) { return labrun::makeLab("gan", sets, seed); }
using labrun::column;
using labrun::run;

} // namespace

class TestGan : public QObject {
    Q_OBJECT
private slots:
    void registeredWithTooltips()
    {
        auto lab = createLab("gan");
        QVERIFY(lab);
        for (const ParamSpec& p : lab->params())
            QVERIFY2(!p.tooltip.empty(), p.id.c_str());
    }

    // The best sliced Wasserstein distance falls to under half its start, on average over
    // four seeds. One seed's run is no test of that: a GAN's path hangs on float rounding,
    // and any change to the arithmetic (the closed-form WGAN-GP step, for one) moves a given
    // seed's 1000-step ratio anywhere between ~0.1 and ~0.6 (over seeds 1-16 the mean was
    // 0.26 on the tape and 0.27 in closed form).
    void theGeneratorLearnsTheRing()
    {
        double sum = 0;
        QString ratios;
        for (int seed = 1; seed <= 4; ++seed) {
            auto lab = makeGan({{"lr_d", "0.001"}, {"lr_g", "0.001"}, {"eval_every", "50"}}, uint64_t(seed));
            const auto rows = run(*lab, 1000);
            const size_t swd = size_t(column(*lab, "swd"));
            double best = rows.front().values[swd];
            for (const auto& r : rows)
                best = std::min(best, r.values[swd]);
            sum += best / rows.front().values[swd];
            ratios += QStringLiteral(" %1").arg(best / rows.front().values[swd]);
            for (const auto& r : rows)
                QCOMPARE(r.values.size(), lab->metrics().size());
        }
        QVERIFY2(sum / 4 < 0.5, qPrintable(QStringLiteral("best / first swd:") + ratios));
    }

    void metricsFollowTheTarget()
    {
        auto ring = makeGan({});
        QVERIFY(column(*ring, "modes_covered") >= 0 && column(*ring, "mode_kl") >= 0);
        auto spiral = makeGan({{"target", "spiral"}});
        QCOMPARE(column(*spiral, "modes_covered"), -1); // a spiral has no modes to count
        const auto rows = run(*spiral, 40);
        for (const auto& r : rows) {
            QCOMPARE(r.values.size(), spiral->metrics().size());
            for (double v : r.values)
                QVERIFY(std::isfinite(v));
        }
        // Step 0 measures the untrained nets: finite losses, no mode covered yet.
        QVERIFY(ring->initialLossFinite());
        QCOMPARE(ring->initialRow().values[size_t(column(*ring, "modes_covered"))], 0.0);
        const LabViews v = ring->views();
        QCOMPARE(v.grids.size(), size_t(1));
        QCOMPARE(v.points.size(), size_t(2));
        QCOMPARE(v.histograms.size(), size_t(6)); // three weight matrices each in G and D
    }

    void saveAndRestoreReplaysExactly()
    {
        auto lab = makeGan({{"r1", "1"}, {"spectral_norm", "true"}, {"batch_size", "64"}, {"eval_every", "5"}});
        run(*lab, 20);
        auto state = lab->saveState();
        const auto a = run(*lab, 30);
        lab->restoreState(*state);
        const auto b = run(*lab, 30);
        QCOMPARE(a.size(), b.size());
        for (size_t i = 1; i < a.size(); ++i)
            QCOMPARE(a[i].values, b[i].values);
    }

    void liveLossChangeIsAnEvent()
    {
        auto lab = makeGan({{"batch_size", "32"}});
        run(*lab, 3);
        QVERIFY(lab->set("loss", ParamValue::ofChoice("hinge")).empty());
        lab->step();
        QCOMPARE(lab->events().size(), size_t(1));
        QCOMPARE(lab->events()[0].step, int64_t(3));
        QVERIFY(!lab->setText("loss", "softmax").empty());
    }

    void sameSeedSameNumbersAtAnyThreadCount()
    {
        std::vector<std::vector<MetricRow>> runs;
        for (int threads : {1, 2}) {
            setNumThreads(threads);
            auto lab = makeGan({{"batch_size", "300"}, {"width", "96"}, {"r1", "0.5"}, {"eval_every", "5"}}, 7);
            runs.push_back(run(*lab, 20));
        }
        setNumThreads(2);
        QCOMPARE(runs[0].size(), runs[1].size());
        for (size_t i = 0; i < runs[0].size(); ++i)
            QCOMPARE(runs[0][i].values, runs[1][i].values);
    }
};

QTEST_GUILESS_MAIN(TestGan)
#include "tst_gan.moc"
