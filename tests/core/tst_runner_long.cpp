// The runner over long runs and their ends: memory flat in the number of steps (rows are
// streamed, summed up incrementally and thinned for the charts), --steps 0, a diverged run
// that exports its last finite state, a loss that is NaN before any update, and early
// stopping on the very last step.
#include "labs/ExportableLab.h"
#include "run/FiniteCheckpoint.h"
#include "run/RowHistory.h"
#include "run/RunWriter.h"
#include "run/Runner.h"

#include "RunTestHelpers.h"
#include "RunnerFakeLab.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>
#include <unistd.h>

using namespace reglab;
using namespace reglab::runtest;

#if defined(__SANITIZE_ADDRESS__)
extern "C" size_t __sanitizer_get_current_allocated_bytes(); // ASan's runtime (allocator_interface.h)
#endif

namespace {
// Memory in use by this process in bytes: resident memory, or under AddressSanitizer (whose
// quarantine keeps freed blocks resident) the heap bytes still allocated.
long usedBytes()
{
#if defined(__SANITIZE_ADDRESS__)
    return long(__sanitizer_get_current_allocated_bytes());
#else
    std::ifstream f("/proc/self/statm");
    long pages = 0, resident = 0;
    f >> pages >> resident;
    return resident * sysconf(_SC_PAGESIZE);
#endif
}

int countLines(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    int n = 0;
    while (!f.atEnd()) {
        f.readLine();
        ++n;
    }
    return n;
}
} // namespace

class TestRunnerLong : public QObject {
    Q_OBJECT
private slots:
    void historyThinsEvenlyAndKeepsBothEnds()
    {
        RowHistory h(16);
        for (int64_t s = 0; s < 1000; ++s)
            h.add({s, {double(s)}});
        const std::vector<MetricRow> rows = h.rows();
        QVERIFY2(rows.size() <= 17, qPrintable(QString::number(rows.size())));
        QVERIFY(rows.size() >= 8);
        QCOMPARE(rows.front().step, int64_t(0));
        QCOMPARE(rows.back().step, int64_t(999));
        // Evenly spaced (except the latest row, always kept).
        for (size_t i = 1; i + 1 < rows.size(); ++i)
            QCOMPARE(rows[i].step - rows[i - 1].step, h.stride());
        // Below capacity every row is kept.
        RowHistory small(16);
        for (int64_t s = 0; s < 10; ++s)
            small.add({s, {0.0}});
        QCOMPARE(small.rows().size(), size_t(10));
    }

    void memoryIsFlatInTheNumberOfSteps()
    {
        // A million logged rows would be ~110 MB if they were kept; streamed they cost
        // nothing, and the summary still knows every final and best value.
        QTemporaryDir tmp;
        Runner r(std::make_unique<FakeLab>());
        RunPlan plan = fakePlan(1000000);
        plan.sets = {{"lr", "0.000001"}};
        QCOMPARE(r.prepare(plan), std::string());
        const QString csv = tmp.path() + "/metrics.csv";
        QCOMPARE(r.streamMetricsTo(csv.toStdString()), std::string());
        const long before = usedBytes();
        r.run();
        const long grown = usedBytes() - before;
        QVERIFY2(grown < 20L << 20, qPrintable(QStringLiteral("memory in use grew by %1 MB").arg(grown >> 20)));
        QVERIFY(r.history().size() <= RowHistory::kDefaultCapacity + 1);
        QCOMPARE(r.metricsStreamError(), std::string());
        QCOMPARE(countLines(csv), 1000000 + 2); // header, step 0, one row per step
        const Summary s = r.summary();
        QCOMPARE(s.find("peak")->bestStep, int64_t(10));
        QCOMPARE(s.find("peak")->final, -double(999990) * 999990);
        QCOMPARE(s.find("loss")->final, r.rows().back().values[0]);
        // writeAll uses the streamed file instead of writing the (thinned) rows again.
        std::vector<std::string> written;
        QCOMPARE(RunWriter::writeAll(tmp.path().toStdString(), r, &written), std::string());
        QCOMPARE(countLines(csv), 1000000 + 2);
    }

    void zeroStepsWritesTheUntrainedModel()
    {
        QTemporaryDir tmp;
        Runner r(std::make_unique<FakeLab>());
        QCOMPARE(r.prepare(fakePlan(0)), std::string());
        r.run();
        QCOMPARE(r.stepsRun(), int64_t(0));
        QVERIFY(!r.diverged() && !r.stoppedEarly());
        QCOMPARE(int(r.rows().size()), 1);
        std::vector<std::string> written;
        QCOMPARE(RunWriter::writeAll(tmp.path().toStdString(), r, &written), std::string());
        QCOMPARE(countLines(tmp.path() + "/metrics.csv"), 2);
        QVERIFY(QFile::exists(tmp.path() + "/model/layer0.weight.npy"));
        QCOMPARE(r.summary().toJson().find("steps")->toNumber(), 0.0);
    }

    void divergedRunExportsItsLastFiniteState()
    {
        Runner r(std::make_unique<FakeLab>());
        RunPlan plan = fakePlan(5000);
        plan.sets = {{"blowup_at", "1500"}};
        plan.changes = {{1200, "lr", "0.2"}};
        QCOMPARE(r.prepare(plan), std::string());
        r.run();
        QVERIFY(r.diverged());
        QCOMPARE(r.stepsRun(), int64_t(1500));
        const auto* ex = dynamic_cast<const ExportableLab*>(&r.lab());
        QVERIFY(std::isnan(ex->tensors()[1].value(0, 2))); // the lab holds the NaN state
        // Back to the last finite checkpoint (taken every 1000 steps): finite weights, the
        // step in summary.json, the run's events still in the session.
        QCOMPARE(r.restoreLastFinite(), int64_t(1000));
        QVERIFY(std::isfinite(ex->tensors()[1].value(0, 2)));
        const Json j = r.summary().toJson();
        QCOMPARE(j.find("model")->find("step")->toNumber(), 1000.0);
        QVERIFY(j.find("model")->find("note")->toString().find("last finite") != std::string::npos);
        QCOMPARE(j.find("steps")->toNumber(), 1500.0);
        QCOMPARE(int(r.session().events.size()), 1);
        QCOMPARE(r.session().events[0].step, int64_t(1200));
    }

    void lossNaNBeforeAnyUpdateIsReportedAtStepZero()
    {
        Runner r(std::make_unique<FakeLab>());
        RunPlan plan = fakePlan(100);
        plan.sets = {{"nan_from_start", "1"}};
        QCOMPARE(r.prepare(plan), std::string());
        r.run();
        QVERIFY(r.diverged());
        QCOMPARE(r.stepsRun(), int64_t(0));
        QVERIFY2(r.divergedWhat().find("step 0") != std::string::npos, r.divergedWhat().c_str());
        QVERIFY(r.divergedWhat().find("step 1") == std::string::npos);
        // The lab says the same when stepped directly (the window's worker does that).
        FakeLab lab;
        QVERIFY(lab.setText("nan_from_start", "1").empty());
        lab.reset(1);
        const StepResult s = lab.step();
        QVERIFY(s.nonFinite);
        QVERIFY2(s.nonFiniteWhat.find("step 0") != std::string::npos, s.nonFiniteWhat.c_str());
    }

    void earlyStoppingOnTheLastStepIsStillStoppedEarly()
    {
        Runner r(std::make_unique<FakeLab>());
        RunPlan plan = fakePlan(5);
        plan.sets = {{"finish_at", "5"}};
        QCOMPARE(r.prepare(plan), std::string());
        r.run();
        QCOMPARE(r.stepsRun(), int64_t(5));
        QVERIFY(r.stoppedEarly());
        QVERIFY(r.summary().toJson().find("stopped_early")->toBool());
    }

    void checkpointPromotesOnlyAfterAFiniteStep()
    {
        FakeLab lab;
        lab.reset(1);
        FiniteCheckpoint c(10);
        c.reset(lab);
        QCOMPARE(c.lastStep(), int64_t(0));
        for (int i = 0; i < 10; ++i) {
            QVERIFY(!c.beforeStep(lab));
            lab.step();
            QVERIFY(!c.afterStep(true));
        }
        QVERIFY(c.beforeStep(lab)); // 10 steps since the checkpoint
        lab.step();
        QVERIFY(!c.afterStep(false)); // that step's loss was not finite: dropped
        QCOMPARE(c.lastStep(), int64_t(0));
        QVERIFY(c.beforeStep(lab));
        lab.step();
        QVERIFY(c.afterStep(true));
        QCOMPARE(c.lastStep(), int64_t(11));
    }
};

QTEST_GUILESS_MAIN(TestRunnerLong)
#include "tst_runner_long.moc"
