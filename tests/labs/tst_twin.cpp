// Twin runs (DESIGN section 5) on the classify lab: a twin gives the same bits as its
// configuration run alone, at one thread or with the two runs side by side; --at goes to
// both unless the twin sets that param; one run ending does not end the other; metrics.csv
// carries twin_ columns with empty cells where a run did not log.
#include "Parallel.h"
#include "labs/LabRegistry.h"
#include "run/Runner.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <sstream>

using namespace reglab;

namespace {

RunPlan basePlan(int64_t steps)
{
    RunPlan p;
    p.lab = "classify";
    p.steps = steps;
    p.seed = 7;
    p.sets = {{"dataset", "moons"}, {"noise", "0.3"}, {"num_points", "120"}, {"width", "32"},
              {"activation", "relu"}, {"eval_every", "5"}};
    return p;
}

std::vector<MetricRow> runAlone(const RunPlan& plan)
{
    Runner r(createLab("classify"));
    const std::string err = r.prepare(plan);
    if (!err.empty())
        qFatal("%s", err.c_str());
    r.run();
    return r.rows();
}

bool sameRows(const std::vector<MetricRow>& a, const std::vector<MetricRow>& b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].step != b[i].step || a[i].values != b[i].values) // bit for bit
            return false;
    return true;
}

std::vector<std::string> splitCsvLine(const std::string& line)
{
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ','))
        cells.push_back(cell);
    if (!line.empty() && line.back() == ',')
        cells.push_back("");
    return cells;
}

} // namespace

class TestTwin : public QObject {
    Q_OBJECT
private slots:
    void cleanup() { setNumThreads(2); }

    void twinGivesTheBitsOfItsConfigurationAlone_data()
    {
        QTest::addColumn<int>("threads");
        QTest::newRow("1 thread") << 1;
        QTest::newRow("2 threads, side by side") << 2;
    }
    void twinGivesTheBitsOfItsConfigurationAlone()
    {
        QFETCH(int, threads);
        RunPlan plan = basePlan(400);
        plan.twinSets = {{"dropout", "0.3"}};
        plan.changes = {{150, "lr", "0.003"}};
        setNumThreads(1);
        const std::vector<MetricRow> mainAlone = runAlone(plan);
        const std::vector<MetricRow> twinAlone = runAlone(plan.twinPlan());
        QVERIFY(!sameRows(mainAlone, twinAlone)); // the twin really differs

        setNumThreads(threads);
        Runner r(createLab("classify"));
        QCOMPARE(r.prepare(plan), std::string());
        r.run();
        QVERIFY(r.twin());
        QVERIFY(sameRows(r.rows(), mainAlone));
        QVERIFY(sameRows(r.twin()->history().rows(), twinAlone));
        QCOMPARE(int(r.twin()->session().events.size()), 1); // the --at went to the twin too
    }

    void atGoesToBothUnlessTheTwinSetsThatParam()
    {
        RunPlan plan = basePlan(100);
        plan.changes = {{20, "l2", "0.01"}, {30, "lr", "0.002"}};
        plan.twinSets = {{"l2", "0"}};
        plan.twinChanges = {{50, "dropout", "0.2"}};
        const RunPlan t = plan.twinPlan();
        QCOMPARE(int(t.changes.size()), 2); // lr at 30, its own dropout at 50
        QCOMPARE(t.changes[0].param, std::string("lr"));
        QCOMPARE(t.changes[1].param, std::string("dropout"));
        Runner r(createLab("classify"));
        QCOMPARE(r.prepare(plan), std::string());
        r.run();
        QCOMPARE(int(r.session().events.size()), 2);
        const auto twinEvents = r.twin()->session().events;
        QCOMPARE(int(twinEvents.size()), 2);
        QCOMPARE(twinEvents[0].param, std::string("lr"));
        QCOMPARE(twinEvents[1].param, std::string("dropout"));
        QCOMPARE(plan.twinLabel(), std::string("l2 0, dropout 0.2 at 50"));
    }

    void badTwinValuesAreRefusedBeforeTraining()
    {
        Runner r(createLab("classify"));
        RunPlan plan = basePlan(100);
        plan.twinSets = {{"dropout", "2"}};
        QVERIFY(r.prepare(plan).rfind("--twin dropout=2:", 0) == 0);
        plan.twinSets = {{"nope", "1"}};
        QVERIFY(r.prepare(plan).find("unknown parameter 'nope'") != std::string::npos);
        plan.twinSets.clear();
        plan.twinChanges = {{500, "l2", "0.1"}};
        QVERIFY(r.prepare(plan).find("not inside the run") != std::string::npos);
        plan.twinChanges = {{5, "width", "3"}};
        QVERIFY(r.prepare(plan).find("cannot change during a run") != std::string::npos);
    }

    void oneRunEndingLeavesTheOtherTrainingAndTheCsvMergesBoth()
    {
        // The main run stops early; the twin, without early stopping, trains to the end.
        RunPlan plan = basePlan(3000);
        plan.sets.push_back({"early_stopping", "1"});
        plan.sets.push_back({"patience", "5"});
        plan.twinSets = {{"early_stopping", "0"}};
        QTemporaryDir dir;
        const std::string csv = dir.filePath("metrics.csv").toStdString();
        Runner r(createLab("classify"));
        QCOMPARE(r.prepare(plan), std::string());
        QCOMPARE(r.streamMetricsTo(csv), std::string());
        r.run();
        QCOMPARE(r.metricsStreamError(), std::string());
        QVERIFY(r.stoppedEarly());
        QVERIFY(r.stepsRun() < 3000);
        QCOMPARE(r.twin()->stepsRun(), int64_t(3000));
        QVERIFY(!r.twin()->stoppedEarly());

        std::ifstream f(csv);
        std::string line;
        std::getline(f, line);
        const auto header = splitCsvLine(line);
        const size_t n = r.lab().metrics().size();
        QCOMPARE(header.size(), 1 + n + r.twin()->lab().metrics().size());
        QCOMPARE(header[1 + n], std::string("twin_train_loss"));
        int rows = 0, twinOnly = 0;
        int64_t lastStep = -1;
        while (std::getline(f, line)) {
            const auto cells = splitCsvLine(line);
            QCOMPARE(cells.size(), header.size());
            const int64_t step = std::stoll(cells[0]);
            QVERIFY(step > lastStep); // one row per step, in order
            lastStep = step;
            ++rows;
            if (cells[1].empty()) {
                QVERIFY(step > r.stepsRun());
                QVERIFY(!cells[1 + n].empty());
                ++twinOnly;
            }
        }
        QCOMPARE(lastStep, int64_t(3000));
        QCOMPARE(rows, 3000 / 5 + 1);
        QVERIFY(twinOnly > 0);
        // summary.json says how each run ended.
        const Json s = r.summaryJson();
        QVERIFY(s.find("stopped_early")->toBool());
        QVERIFY(!s.find("twin")->find("stopped_early")->toBool());
        QCOMPARE(s.find("twin")->find("label")->toString(), std::string("early_stopping 0"));
    }
};

QTEST_APPLESS_MAIN(TestTwin)
#include "tst_twin.moc"
