// The worker thread from the GUI's side: commands, batching, stale runs, NaN rollback,
// shutdown. Everything goes through TrainingSession's public API and its signals.
#include "FakeLab.h"
#include "session/TrainingSession.h"
#include "session/ViewPacer.h"
#include "labs/LabRegistry.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <cmath>

namespace {
std::unique_ptr<reglab::Lab> makeLab(std::vector<std::pair<std::string, double>> values = {})
{
    auto lab = std::make_unique<fake::FakeLab>();
    for (const auto& [id, v] : values)
        lab->set(id, reglab::ParamValue::ofNumber(v));
    lab->reset(7);
    return lab;
}

LabFactory fakeFactory()
{
    return [](const std::string& id) -> std::unique_ptr<reglab::Lab> {
        if (id == "fake")
            return std::make_unique<fake::FakeLab>();
        return nullptr;
    };
}

int64_t rowsIn(const QSignalSpy& spy)
{
    int64_t n = 0;
    for (const auto& args : spy)
        n += int64_t(args.at(0).value<MetricBatch>().rows.size());
    return n;
}
} // namespace

class TestTrainingSession : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { qRegisterMetaType<MetricBatch>(); }

    void describesTheLabBeforeStarting()
    {
        TrainingSession s(makeLab(), fakeFactory());
        QCOMPARE(QString::fromStdString(s.lab().id), QStringLiteral("fake"));
        QCOMPARE(s.lab().params.size(), s.lab().values.size());
        QVERIFY(s.lab().findParam("l2"));
        QVERIFY(!s.isPlaying());
        QCOMPARE(s.stepCount(), int64_t(0));
    }

    void playDeliversRowsInBatchesOfAtMost40PerSecond()
    {
        // The rate is judged on the worker's own send times, so a busy machine (a GUI thread
        // that stalls and then receives a burst) cannot make it look faster than it is.
        TrainingSession s(makeLab({{"eval_every", 1}}), fakeFactory());
        QSignalSpy batches(&s, &TrainingSession::metricsArrived);
        s.play();
        QVERIFY(s.isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(batches.count() >= 25, 30000);
        s.pause();
        int timed = 0, tooClose = 0;
        qint64 last = -1;
        for (const auto& args : batches) {
            const auto b = args.at(0).value<MetricBatch>();
            if (last >= 0 && !b.forced) {
                ++timed;
                tooClose += b.sentAtMs - last < TrainingWorker::kBatchIntervalMs - 1;
            }
            last = b.sentAtMs;
        }
        QVERIFY(timed >= 10);
        QVERIFY2(tooClose == 0, qPrintable(QStringLiteral("%1 of %2 batches came sooner than %3 ms")
                                               .arg(tooClose).arg(timed).arg(TrainingWorker::kBatchIntervalMs)));
        // Full speed with a fast lab: many rows per batch, the rate measured.
        QVERIFY(rowsIn(batches) > batches.count());
        QVERIFY(s.stepsPerSecond() > 0 || s.stepCount() > 1000);
        // Rows arrive in step order, without gaps (eval_every = 1).
        int64_t lastStep = -1;
        for (const auto& args : batches)
            for (const auto& row : args.at(0).value<MetricBatch>().rows) {
                if (lastStep >= 0)
                    QCOMPARE(row.step, lastStep + 1);
                lastStep = row.step;
            }
    }

    void pauseStopsStepping()
    {
        TrainingSession s(makeLab(), fakeFactory());
        QSignalSpy playing(&s, &TrainingSession::playingChanged);
        s.play();
        QTRY_VERIFY(s.stepCount() > 100);
        s.pause();
        QVERIFY(!s.isPlaying());
        QTest::qWait(150); // batches already in flight
        const int64_t stopped = s.stepCount();
        QTest::qWait(300);
        QCOMPARE(s.stepCount(), stopped);
        QVERIFY(!s.isPlaying());
        QCOMPARE(playing.count(), 2);
    }

    void stepRunsExactlyNSteps()
    {
        TrainingSession s(makeLab(), fakeFactory());
        s.step(25);
        QTRY_COMPARE(s.stepCount(), int64_t(25));
        s.step(1);
        QTRY_COMPARE(s.stepCount(), int64_t(26));
        QTest::qWait(100);
        QCOMPARE(s.stepCount(), int64_t(26));
    }

    void setAppliesAtTheNextStepBoundaryAsAnEvent()
    {
        TrainingSession s(makeLab(), fakeFactory());
        QSignalSpy batches(&s, &TrainingSession::metricsArrived);
        s.step(5);
        QTRY_COMPARE(s.stepCount(), int64_t(5));
        QCOMPARE(s.set("l2", reglab::ParamValue::ofNumber(0.001)), QString());
        QCOMPARE(s.lab().values[size_t(s.lab().paramIndex("l2"))].number, 0.001);
        // Nothing happens while paused...
        QTest::qWait(100);
        for (const auto& args : batches)
            QVERIFY(args.at(0).value<MetricBatch>().events.empty());
        // ...and the next step applies it, before step 6.
        s.step(1);
        QTRY_COMPARE(s.stepCount(), int64_t(6));
        std::vector<reglab::ParamEvent> events;
        QTRY_VERIFY([&] {
            events.clear();
            for (const auto& args : batches)
                for (const auto& e : args.at(0).value<MetricBatch>().events)
                    events.push_back(e);
            return !events.empty();
        }());
        QCOMPARE(events.size(), size_t(1));
        QCOMPARE(QString::fromStdString(events[0].param), QStringLiteral("l2"));
        QCOMPARE(events[0].step, int64_t(5));
        QVERIFY(QString::fromStdString(events[0].label).contains(QStringLiteral("0.001")));
    }

    void setRejectsBadValuesWithAMessage()
    {
        TrainingSession s(makeLab(), fakeFactory());
        QVERIFY(!s.set("l2", reglab::ParamValue::ofNumber(5.0)).isEmpty());
        QVERIFY(!s.set("no_such_param", reglab::ParamValue::ofNumber(1.0)).isEmpty());
        QVERIFY(!s.set("lr", reglab::ParamValue::ofNumber(std::nan(""))).isEmpty());
        QCOMPARE(s.lab().values[size_t(s.lab().paramIndex("l2"))].number, 0.0);
    }

    void resetDropsBatchesOfTheOldRun()
    {
        TrainingSession s(makeLab({{"eval_every", 1}}), fakeFactory());
        QSignalSpy started(&s, &TrainingSession::runStarted);
        s.play();
        QTRY_VERIFY(s.stepCount() > 2000);
        // Let batches of the old run pile up in the GUI queue, unprocessed.
        QThread::msleep(150);
        const quint64 before = s.runId();
        s.reset(11);
        QVERIFY(s.runId() > before);
        QSignalSpy batches(&s, &TrainingSession::metricsArrived);
        QTRY_COMPARE(started.count(), 1);
        QTRY_VERIFY(rowsIn(batches) > 10);
        QVERIFY2(s.droppedBatches() > 0, "the queued batches of the old run were not dropped");
        // Every accepted row after the reset belongs to the new run, which restarts at 1.
        const auto first = batches.first().at(0).value<MetricBatch>();
        QVERIFY(!first.rows.empty() || first.step < 2000);
        for (const auto& args : batches) {
            const auto b = args.at(0).value<MetricBatch>();
            QCOMPARE(b.runId, s.runId());
        }
        int64_t last = 0;
        for (const auto& args : batches)
            for (const auto& row : args.at(0).value<MetricBatch>().rows) {
                QCOMPARE(row.step, last + 1);
                last = row.step;
            }
        QCOMPARE(started.first().at(0).value<LabDescription>().seed, uint64_t(11));
        s.pause();
    }

    void nanPausesAndRollbackRestoresAFiniteState()
    {
        TrainingSession s(makeLab({{"nan_at_step", 3000}, {"eval_every", 1}}), fakeFactory());
        QSignalSpy diverged(&s, &TrainingSession::diverged);
        QSignalSpy rolledBack(&s, &TrainingSession::rolledBack);
        QSignalSpy batches(&s, &TrainingSession::metricsArrived);
        s.play();
        QTRY_COMPARE(diverged.count(), 1);
        QTRY_VERIFY(!s.isPlaying());
        const QString message = diverged.first().at(0).toString();
        const qint64 step = diverged.first().at(1).toLongLong();
        const qint64 back = diverged.first().at(2).toLongLong();
        QVERIFY2(message.contains(QStringLiteral("NaN")) && message.contains(QString::number(step)), qPrintable(message));
        QCOMPARE(step, qint64(3000));
        QVERIFY2(back >= 0 && back < step, qPrintable(QString::number(back)));
        QVERIFY(back > 1000); // checkpoints keep up with the run
        // Paused for good: no more steps.
        QTest::qWait(200);
        QCOMPARE(s.stepCount(), int64_t(step));

        s.rollback();
        QTRY_COMPARE(rolledBack.count(), 1);
        QCOMPARE(rolledBack.first().at(0).value<LabDescription>().step, int64_t(back));
        QCOMPARE(s.stepCount(), int64_t(back));
        // Train on from the checkpoint with the trap off: finite rows again.
        QCOMPARE(s.set("nan_at_step", reglab::ParamValue::ofNumber(0)), QString());
        batches.clear();
        s.step(50);
        QTRY_COMPARE(s.stepCount(), int64_t(back + 50));
        QTRY_VERIFY(rowsIn(batches) >= 50);
        for (const auto& args : batches)
            for (const auto& row : args.at(0).value<MetricBatch>().rows) {
                QVERIFY(row.step > back);
                for (double v : row.values)
                    QVERIFY(std::isfinite(v));
            }
        QCOMPARE(diverged.count(), 1);
    }

    void pacedSpeedIsFollowed()
    {
        // Never faster than the pace (an upper bound a busy machine cannot break), and it
        // does get there (however long a busy machine takes).
        TrainingSession s(makeLab(), fakeFactory());
        s.setSpeed(50);
        QElapsedTimer t;
        t.start();
        s.play();
        QTRY_VERIFY_WITH_TIMEOUT(s.stepCount() >= 30, 30000);
        s.pause();
        QTest::qWait(100);
        const double seconds = t.elapsed() / 1000.0;
        const int64_t steps = s.stepCount();
        QVERIFY2(steps <= int64_t(50 * seconds) + 3,
                 qPrintable(QStringLiteral("%1 steps in %2 s at 50 steps/s").arg(steps).arg(seconds)));
    }

    void viewsArriveAndFollowTheRun()
    {
        TrainingSession s(makeLab(), fakeFactory());
        QSignalSpy views(&s, &TrainingSession::viewsArrived);
        QTRY_VERIFY(views.count() >= 1); // published at start
        const auto v = views.first().at(0).value<reglab::LabViews>();
        QCOMPARE(v.grids.size(), size_t(1));
        QCOMPARE(v.points.size(), size_t(2));
        QCOMPARE(v.histograms.size(), size_t(3));
        views.clear();
        QElapsedTimer t;
        t.start();
        s.play();
        QTRY_VERIFY_WITH_TIMEOUT(views.count() >= 2, 30000);
        QTest::qWait(1000);
        s.pause();
        QTest::qWait(100);
        // At most 5 per second (plus the one on play and the one on pause).
        const double seconds = t.elapsed() / 1000.0;
        QVERIFY2(views.count() <= int(seconds * 5) + 3,
                 qPrintable(QStringLiteral("%1 views in %2 s").arg(views.count()).arg(seconds)));
    }

    void viewsTakeAtMostAFifthOfTheWorkersTime()
    {
        // Cheap views: at most 5 a second. A view that took c ms waits 4c before the next,
        // so drawing never takes more than a fifth of the worker's time.
        ViewPacer p;
        QCOMPARE(p.intervalMs(), 200.0);
        p.drawn(10);
        QCOMPARE(p.intervalMs(), 200.0);
        QVERIFY(!p.due(199) && p.due(200));
        p.drawn(300);
        QCOMPARE(p.intervalMs(), 1200.0);
        QVERIFY(300.0 / (300.0 + p.intervalMs()) <= ViewPacer::kMaxShare + 1e-12);
        p.drawn(-1); // a clock that went backwards is no cost
        QCOMPARE(p.intervalMs(), 200.0);
    }

    void replaceLabStartsANewRun()
    {
        TrainingSession s(makeLab(), fakeFactory());
        QSignalSpy started(&s, &TrainingSession::runStarted);
        QSignalSpy errors(&s, &TrainingSession::errorOccurred);
        s.step(10);
        QTRY_COMPARE(s.stepCount(), int64_t(10));
        s.replaceLab("fake", 3, {{"width", "64"}, {"l2", "0.01"}, {"bogus", "1"}});
        QTRY_COMPARE(started.count(), 1);
        const auto d = started.first().at(0).value<LabDescription>();
        QVERIFY(started.first().at(1).toBool());
        QCOMPARE(d.step, int64_t(0));
        QCOMPARE(d.values[size_t(d.paramIndex("width"))].number, 64.0);
        QCOMPARE(d.values[size_t(d.paramIndex("l2"))].number, 0.01);
        s.replaceLab("nope", 3);
        QTRY_COMPARE(errors.count(), 1);
        QVERIFY(errors.first().at(0).toString().contains(QStringLiteral("nope")));
    }

    void labRefusalsAndFailedResetsAreReported()
    {
        TrainingSession s(makeLab(), fakeFactory());
        QSignalSpy rejected(&s, &TrainingSession::paramRejected);
        QSignalSpy errors(&s, &TrainingSession::errorOccurred);
        QSignalSpy batches(&s, &TrainingSession::metricsArrived);
        // Passes the spec, refused by the lab: the GUI copy goes back to what the lab keeps.
        QCOMPARE(s.set("notes_file", reglab::ParamValue::ofChoice("notes.doc")), QString());
        QTRY_COMPARE(rejected.count(), 1);
        QCOMPARE(QString::fromStdString(rejected.first().at(0).value<std::string>()), QStringLiteral("notes_file"));
        QVERIFY(rejected.first().at(2).toString().contains(QStringLiteral(".txt")));
        QCOMPARE(s.lab().values[size_t(s.lab().paramIndex("notes_file"))].text, std::string());
        // A reset the lab cannot do: an error, and the old run goes on under the new runId.
        s.step(10);
        QTRY_COMPARE(s.stepCount(), int64_t(10));
        QCOMPARE(s.set("notes_file", reglab::ParamValue::ofChoice("unreadable.txt")), QString());
        s.reset(3);
        QTRY_COMPARE(errors.count(), 1);
        QVERIFY(errors.first().at(0).toString().contains(QStringLiteral("cannot be read")));
        batches.clear();
        s.step(5);
        QTRY_COMPARE(s.stepCount(), int64_t(15));
        QVERIFY(batches.count() > 0);
    }

    void aLabThatThrowsOnSetIsReportedNotFatal()
    {
        // set() may load a file (a CSV data set): bad_alloc there must end as a message in
        // the window, never as std::terminate in the worker thread.
        TrainingSession s(makeLab(), fakeFactory());
        QSignalSpy rejected(&s, &TrainingSession::paramRejected);
        QCOMPARE(s.set("notes_file", reglab::ParamValue::ofChoice("huge.txt")), QString());
        QTRY_COMPARE(rejected.count(), 1);
        QVERIFY2(rejected.first().at(2).toString().contains(QStringLiteral("cannot use this value")),
                 qPrintable(rejected.first().at(2).toString()));
        s.step(3);
        QTRY_COMPARE(s.stepCount(), int64_t(3)); // the worker goes on
    }

    // A twin added after the continual lab switched to B by itself: both start again from
    // what the user asked (task A), so before the next switch they train the same.
    void aTwinAddedAfterTheLabsSwitchStartsAtTaskA()
    {
        auto lab = reglab::createLab("continual");
        for (const auto& [k, v] : {std::pair{"num_points", "300"}, {"switch_step", "30"}, {"eval_every", "10"}})
            QCOMPARE(lab->setText(k, v), std::string());
        lab->reset(3);
        TrainingSession s(std::move(lab), [](const std::string& id) { return reglab::createLab(id); });
        s.step(40);
        QTRY_COMPARE(s.stepCount(), int64_t(40));
        // In force B; asked A: what a sweep or the next launch starts from.
        const size_t task = size_t(s.lab().paramIndex("task"));
        QTRY_COMPARE(s.lab().values[task].text, std::string("B"));
        QCOMPARE(s.lab().asked[task].text, std::string("A"));
        QSignalSpy batches(&s, &TrainingSession::metricsArrived);
        s.setTwin({{"lambda", "1"}});
        QTRY_VERIFY(s.lab().hasTwin() && s.stepCount() == 0);
        s.step(20);
        const auto find = [&](const std::string& id) {
            for (size_t i = 0; i < s.lab().metrics.size(); ++i)
                if (s.lab().metrics[i].id == id)
                    return int(i);
            return -1;
        };
        const int main = find("loss"), twin = find("twin_loss");
        QVERIFY(main >= 0 && twin >= 0);
        reglab::MetricRow at20;
        QTRY_VERIFY([&] {
            for (const auto& args : batches)
                for (const reglab::MetricRow& r : args.at(0).value<MetricBatch>().rows)
                    if (r.step == 20)
                        at20 = r;
            return at20.step == 20;
        }());
        QCOMPARE(at20.values.at(size_t(twin)), at20.values.at(size_t(main)));
        QCOMPARE(s.lab().values[size_t(s.lab().paramIndex("task"))].text, std::string("A"));
    }

    void destructionWhileRunningIsQuick()
    {
        QElapsedTimer t;
        {
            auto s = std::make_unique<TrainingSession>(makeLab({{"work_us", 3000}}), fakeFactory());
            s->play();
            QTRY_VERIFY(s->stepCount() > 5);
            t.start();
        }
        // A long run is interrupted between two steps (3 ms each); the bound only has to be
        // far below "waits for the run", and far above what a busy machine's scheduler adds.
        QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
        {
            auto s = std::make_unique<TrainingSession>(makeLab(), fakeFactory());
            s->play();
            QTRY_VERIFY(s->stepCount() > 1000);
        }
    }
};

QTEST_MAIN(TestTrainingSession)
#include "tst_trainingsession.moc"
