// The headless run code (core/run) beyond the file formats: session files, the runner, the
// summary, the all-or-nothing output folder and the run writer. Uses a small fake lab, so
// nothing here depends on a real lab being registered.
#include "labs/ExportableLab.h"
#include "labs/Lab.h"
#include "lessons/Lesson.h"
#include "run/Json.h"
#include "run/OutputDir.h"
#include "run/RunWriter.h"
#include "run/Runner.h"
#include "run/Session.h"
#include "run/Summary.h"

#include "RunTestHelpers.h"
#include "RunnerFakeLab.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

using namespace reglab;
using namespace reglab::runtest;

class TestRunner : public QObject {
    Q_OBJECT

private slots:
    // Lesson ids: L1 ... L99 and a variant letter (L15b); nothing else is taken for a lesson.
    void lessonIds()
    {
        for (const char* ok : {"L1", "L9", "L99", "L15b", "L2a"})
            QVERIFY2(Lesson::looksLikeId(ok), ok);
        for (const char* bad : {"", "L", "L0", "L05", "L100", "L15B", "L15bb", "Lb", "X1", "l1", "L1-", "classify"})
            QVERIFY2(!Lesson::looksLikeId(bad), bad);
    }
    // ---- Runner ----
    void runnerAppliesAtAtTheBoundary()
    {
        Runner r(std::make_unique<FakeLab>());
        RunPlan plan = fakePlan(12);
        plan.sets = {{"lr", "0.2"}, {"width", "5"}};
        plan.changes = {{5, "lr", "0.5"}, {0, "flag", "true"}};
        QCOMPARE(r.prepare(plan), std::string());
        QCOMPARE(r.lab().value("width").number, 5.0);
        int callbacks = 0;
        r.run([&](const MetricRow&) { ++callbacks; });
        QCOMPARE(r.stepsRun(), int64_t(12));
        QVERIFY(!r.diverged());
        QVERIFY(!r.stoppedEarly());
        QCOMPARE(callbacks, 12);
        QCOMPARE(int(r.rows().size()), 13); // initial row + one per step
        QCOMPARE(r.rows().front().step, int64_t(0));
        // "at 5" = after step 5: step 5 still used 0.2, step 6 is the first with 0.5.
        QCOMPARE(r.rows()[5].values[2], 0.2);
        QCOMPARE(r.rows()[6].values[2], 0.5);
        // The event log has both changes, in the order they applied, at their steps.
        const auto& ev = r.lab().events();
        QCOMPARE(int(ev.size()), 2);
        QCOMPARE(ev[0].param, std::string("flag"));
        QCOMPARE(ev[0].step, int64_t(0));
        QCOMPARE(ev[1].param, std::string("lr"));
        QCOMPARE(ev[1].step, int64_t(5));
        QCOMPARE(ev[1].oldValue, std::string("0.2"));
        QCOMPARE(ev[1].newValue, std::string("0.5"));
        // The loss follows the product of (1 - lr) over the steps run.
        double loss = 1.0 + 7e-3;
        for (int s = 1; s <= 12; ++s)
            loss *= 1.0 - (s <= 5 ? 0.2 : 0.5);
        QCOMPARE(r.rows().back().values[0], loss);
    }

    void runnerValidatesBeforeTraining_data()
    {
        QTest::addColumn<QString>("kind"); // set or at
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown param") << "set" << "nope=1" << "--set nope=1: unknown parameter 'nope' for lab 'fake'";
        QTest::newRow("out of range") << "set" << "lr=2" << "--set lr=2: 'lr' must be a number in [0, 1], got 2";
        QTest::newRow("not a number") << "set" << "lr=fast" << "(not a number)";
        QTest::newRow("not whole") << "set" << "width=2.5" << "'width' must be a whole number in [1, 10]";
        QTest::newRow("bad choice") << "set" << "mode=c" << "'mode' must be one of: a, b, got 'c'";
        QTest::newRow("bad bool") << "set" << "flag=maybe" << "'flag' must be true or false";
        QTest::newRow("at unknown") << "at" << "3:nope=1" << "unknown parameter 'nope'";
        QTest::newRow("at not live") << "at" << "3:width=4" << "'width' cannot change during a run";
        QTest::newRow("at bad value") << "at" << "3:lr=-1" << "'lr' must be a number in [0, 1]";
        QTest::newRow("at beyond") << "at" << "10:lr=0.5" << "step 10 is not inside the run (it has 10 steps";
    }

    void runnerValidatesBeforeTraining()
    {
        QFETCH(QString, kind);
        QFETCH(QString, text);
        QFETCH(QString, error);
        RunPlan plan = fakePlan(10);
        std::string err;
        if (kind == "set") {
            std::string k, v;
            QCOMPARE(RunPlan::parseAssignment(text.toStdString(), &k, &v), std::string());
            plan.sets.emplace_back(k, v);
        } else {
            ParamChange c;
            QCOMPARE(RunPlan::parseChange(text.toStdString(), &c), std::string());
            plan.changes.push_back(c);
        }
        Runner r(std::make_unique<FakeLab>());
        err = r.prepare(plan);
        QVERIFY2(QString::fromStdString(err).contains(error), err.c_str());
        // Nothing was applied: the lab still has its defaults and has not been reset.
        QCOMPARE(r.lab().value("lr").number, 0.1);
        QCOMPARE(r.lab().value("width").number, 3.0);
        QVERIFY(r.rows().empty());
    }

    void runnerAsksTheLabBeforeTraining()
    {
        for (bool asAt : {false, true}) {
            Runner r(std::make_unique<FakeLab>());
            RunPlan plan = fakePlan(10);
            if (asAt)
                plan.changes = {{3, "lr", "0.77"}};
            else
                plan.sets = {{"lr", "0.77"}};
            const std::string err = r.prepare(plan);
            QVERIFY2(err.find(asAt ? "--at 3:lr=0.77: the fake lab refuses" : "--set lr=0.77: the fake lab refuses")
                         != std::string::npos,
                     err.c_str());
            QVERIFY(r.rows().empty()); // not reset, nothing trained
        }
        // A valid --at is checked the same way but leaves the start value alone.
        Runner ok(std::make_unique<FakeLab>());
        RunPlan plan = fakePlan(10);
        plan.changes = {{3, "lr", "0.5"}};
        QCOMPARE(ok.prepare(plan), std::string());
        QCOMPARE(ok.lab().value("lr").number, 0.1);
        QCOMPARE(ok.rows().front().values[2], 0.1);
    }

    void runnerStopsWhenAsked()
    {
        Runner r(std::make_unique<FakeLab>());
        QCOMPARE(r.prepare(fakePlan(100)), std::string());
        std::atomic<bool> stop{false};
        r.run([&](const MetricRow& row) { stop = row.step >= 5; }, &stop);
        QVERIFY(r.interrupted());
        QCOMPARE(r.stepsRun(), int64_t(5));
        QCOMPARE(int(r.rows().size()), 6);
    }

    void planSyntax()
    {
        std::string k, v;
        QVERIFY(RunPlan::parseAssignment("l2", &k, &v).find("not of the form name=value") != std::string::npos);
        QVERIFY(!RunPlan::parseAssignment("=1", &k, &v).empty());
        QCOMPARE(RunPlan::parseAssignment("csv_path=a=b.csv", &k, &v), std::string());
        QCOMPARE(k, std::string("csv_path"));
        QCOMPARE(v, std::string("a=b.csv")); // the first '=' splits
        ParamChange c;
        QCOMPARE(RunPlan::parseChange("2000:dropout=0.3", &c), std::string());
        QCOMPARE(c.step, int64_t(2000));
        QCOMPARE(c.param, std::string("dropout"));
        QCOMPARE(c.value, std::string("0.3"));
        for (const char* bad : {"dropout=0.3", "-5:lr=1", "1.5:lr=1", "x:lr=1", ":lr=1", "5:lr", "5:=1", " 5:lr=1"})
            QVERIFY2(!RunPlan::parseChange(bad, &c).empty(), bad);
        int64_t n = 0;
        QCOMPARE(RunPlan::parseInteger("5000", "--steps", 1, 100000, &n), std::string());
        QCOMPARE(n, int64_t(5000));
        QCOMPARE(RunPlan::parseInteger("0", "--steps", 1, 100000, &n),
                 std::string("--steps must be a whole number in [1, 100000], got 0"));
        for (const char* bad : {"", "1e3", "12abc", "+5", "99999999999999999999999", "-1"})
            QVERIFY2(!RunPlan::parseInteger(bad, "--steps", 1, 100000, &n).empty(), bad);
    }

    void summaryBestAndFinal()
    {
        Runner r(std::make_unique<FakeLab>());
        QCOMPARE(r.prepare(fakePlan(20)), std::string());
        r.run();
        const Summary s = r.summary();
        QCOMPARE(s.lab, std::string("fake"));
        QCOMPARE(s.seed, uint64_t(7));
        QCOMPARE(s.stepsRun, int64_t(20));
        QCOMPARE(int(s.metrics.size()), 3);
        const MetricSummary* loss = s.find("loss");
        QVERIFY(loss && !loss->higherIsBetter);
        QCOMPARE(loss->final, r.rows().back().values[0]);
        QCOMPARE(loss->best, loss->final); // falling loss: best at the end
        QCOMPARE(loss->bestStep, int64_t(20));
        const MetricSummary* peak = s.find("peak");
        QVERIFY(peak && peak->higherIsBetter);
        QCOMPARE(peak->best, 0.0);
        QCOMPARE(peak->bestStep, int64_t(10));
        QCOMPARE(peak->final, -100.0);
        // lr is constant: ties keep the earliest step (the initial row).
        QCOMPARE(s.find("lr")->bestStep, int64_t(0));

        const Json j = s.toJson();
        QCOMPARE(j.find("steps")->toNumber(), 20.0);
        QCOMPARE(j.find("diverged")->toBool(true), false);
        const Json* pj = j.find("metrics")->find("peak");
        QCOMPARE(pj->find("best")->toNumber(), 0.0);
        QCOMPARE(pj->find("best_step")->toNumber(), 10.0);
        QCOMPARE(pj->find("final")->toNumber(), -100.0);
        QVERIFY(!j.find("early_stopping_best_step"));
    }

    void divergingRunStops()
    {
        Runner r(std::make_unique<FakeLab>());
        RunPlan plan = fakePlan(50);
        plan.sets = {{"blowup_at", "7"}};
        QCOMPARE(r.prepare(plan), std::string());
        r.run();
        QVERIFY(r.diverged());
        QVERIFY(!r.stoppedEarly());
        QCOMPARE(r.stepsRun(), int64_t(7));
        QVERIFY2(r.divergedWhat().find("NaN at step 7") != std::string::npos, r.divergedWhat().c_str());
        QCOMPARE(int(r.rows().size()), 8);
        QVERIFY(std::isnan(r.rows().back().values[0]));

        const Summary s = r.summary();
        QVERIFY(s.diverged);
        QCOMPARE(s.stepsRequested, int64_t(50));
        QVERIFY(std::isnan(s.find("loss")->final));
        QCOMPARE(s.find("loss")->bestStep, int64_t(6)); // the last finite value
        const Json j = s.toJson();
        QVERIFY(j.find("diverged")->toBool());
        QVERIFY(j.find("diverged_what")->toString().find("step 7") != std::string::npos);
        QVERIFY(j.find("metrics")->find("loss")->find("final")->isNull()); // NaN -> null
        QVERIFY(j.dump(false).find("\"loss\":{\"final\":null,") != std::string::npos);
    }

    void finishedLabStopsEarly()
    {
        Runner r(std::make_unique<FakeLab>());
        RunPlan plan = fakePlan(30);
        plan.sets = {{"finish_at", "4"}};
        QCOMPARE(r.prepare(plan), std::string());
        r.run();
        QVERIFY(r.stoppedEarly());
        QVERIFY(!r.diverged());
        QCOMPARE(r.stepsRun(), int64_t(4));
        const Summary s = r.summary();
        QVERIFY(s.stoppedEarly);
        QCOMPARE(s.earlyStopBestStep, int64_t(3));
        QCOMPARE(s.toJson().find("early_stopping_best_step")->toNumber(), 3.0);
    }

    void loggingEveryNSteps()
    {
        Runner r(std::make_unique<FakeLab>());
        RunPlan plan = fakePlan(10);
        plan.sets = {{"eval_every", "4"}};
        QCOMPARE(r.prepare(plan), std::string());
        r.run();
        QCOMPARE(int(r.rows().size()), 3); // steps 0, 4, 8
        QCOMPARE(r.rows()[2].step, int64_t(8));
    }

    // ---- Session ----
    void sessionRoundTripAndReplay()
    {
        Runner r(std::make_unique<FakeLab>());
        RunPlan plan = fakePlan(15);
        plan.sets = {{"lr", "0.1"}, {"mode", "b"}, {"width", "4"}};
        plan.changes = {{3, "lr", "0.30000000000000004"}, {9, "flag", "on"}};
        QCOMPARE(r.prepare(plan), std::string());
        r.run();
        const Session s = r.session();
        QCOMPARE(s.lab, std::string("fake"));
        QCOMPARE(s.steps, int64_t(15));
        QCOMPARE(s.seed, uint64_t(7));
        QCOMPARE(int(s.params.size()), int(r.lab().params().size()));
        QCOMPARE(int(s.events.size()), 2);

        const std::string text = s.toJson().dump(true);
        QVERIFY(text.find("\"version\": " + std::to_string(Session::kFormatVersion)) != std::string::npos);
        std::string err;
        const auto back = Session::parse(text, fakeFactory(), &err);
        QVERIFY2(back, err.c_str());
        QCOMPARE(back->lab, s.lab);
        QCOMPARE(back->seed, s.seed);
        QCOMPARE(back->steps, s.steps);
        QVERIFY(back->params == s.params);
        QCOMPARE(int(back->events.size()), 2);
        for (size_t i = 0; i < 2; ++i) {
            QCOMPARE(back->events[i].step, s.events[i].step);
            QCOMPARE(back->events[i].param, s.events[i].param);
            QCOMPARE(back->events[i].oldValue, s.events[i].oldValue);
            QCOMPARE(back->events[i].newValue, s.events[i].newValue);
            QCOMPARE(back->events[i].label, s.events[i].label);
        }
        // Params are lossless text: lr after the change keeps all its digits.
        QCOMPARE(back->events[0].newValue, std::string("0.30000000000000004"));

        // Replaying gives the same rows bit for bit and the same events.
        Runner replay(std::make_unique<FakeLab>());
        QCOMPARE(replay.prepare(back->toPlan()), std::string());
        replay.run();
        QCOMPARE(replay.rows().size(), r.rows().size());
        for (size_t i = 0; i < r.rows().size(); ++i)
            for (size_t k = 0; k < r.rows()[i].values.size(); ++k)
                QVERIFY(sameBits(replay.rows()[i].values[k], r.rows()[i].values[k]));
        QCOMPARE(replay.lab().events().size(), r.lab().events().size());

        // save() writes the same text atomically.
        QTemporaryDir tmp;
        const std::string path = (tmp.path() + "/run.reglab").toStdString();
        QCOMPARE(s.save(path), std::string());
        QCOMPARE(readAll(QString::fromStdString(path)), text);
        QCOMPARE(QDir(tmp.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size(), 1);
        QVERIFY(Session::load(path, fakeFactory(), &err));
        QVERIFY(!Session::load(path + ".missing", fakeFactory(), &err));
        QVERIFY(err.find("does not exist") != std::string::npos);
    }

    void sessionRefusals_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        const QString ok = "{\"version\": 1, \"lab\": \"fake\", \"seed\": 3, \"steps\": 10, \"params\": {\"lr\": \"0.5\"}, \"events\": []}";
        QTest::newRow("valid") << ok << "";
        QTest::newRow("newer version") << QString(ok).replace("\"version\": 1", "\"version\": 4")
                                       << "format version 4, newer than this RegLab reads (3)";
        QTest::newRow("no version") << QString(ok).replace("\"version\": 1,", "") << "no valid \"version\"";
        QTest::newRow("unknown lab") << QString(ok).replace("\"fake\"", "\"gan9\"") << "unknown lab 'gan9'";
        QTest::newRow("unknown param") << QString(ok).replace("\"lr\"", "\"momentum\"")
                                       << "unknown parameter 'momentum' of lab 'fake'";
        QTest::newRow("bad value") << QString(ok).replace("\"0.5\"", "\"7\"") << "'lr' must be a number in [0, 1]";
        QTest::newRow("number not text") << QString(ok).replace("\"0.5\"", "0.5") << "must be text";
        QTest::newRow("not json") << QString(ok).left(20) << "not valid JSON: line 1";
        QTest::newRow("not an object") << "[1]" << "must be a JSON object";
        QTest::newRow("other format") << QString(ok).replace("{", "{\"format\": \"x\", ") << "not a RegLab session";
        QTest::newRow("bad seed") << QString(ok).replace("\"seed\": 3", "\"seed\": -3") << "\"seed\"";
        QTest::newRow("event unknown param")
            << QString(ok).replace("[]", "[{\"step\": 2, \"param\": \"zz\", \"new\": \"1\"}]") << "unknown parameter 'zz'";
        QTest::newRow("event not live")
            << QString(ok).replace("[]", "[{\"step\": 2, \"param\": \"width\", \"new\": \"2\"}]") << "cannot change during a run";
        QTest::newRow("event after end")
            << QString(ok).replace("[]", "[{\"step\": 10, \"param\": \"lr\", \"new\": \"0.2\"}]") << "not before the session's end";
        QTest::newRow("event bad value")
            << QString(ok).replace("[]", "[{\"step\": 2, \"param\": \"lr\", \"new\": \"2\"}]") << "'lr' must be a number";
        QTest::newRow("events unsorted")
            << QString(ok).replace("[]", "[{\"step\": 5, \"param\": \"lr\", \"new\": \"0.2\"}, {\"step\": 2, \"param\": \"lr\", \"new\": \"0.3\"}]")
            << "out of order";
    }

    void sessionRefusals()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        std::string err;
        const auto s = Session::parse(text.toStdString(), fakeFactory(), &err);
        if (error.isEmpty()) {
            QVERIFY2(s, err.c_str());
            // Missing params get their defaults, in declaration order.
            QCOMPARE(s->params.front(), std::make_pair(std::string("lr"), std::string("0.5")));
            QCOMPARE(s->params[1], std::make_pair(std::string("width"), std::string("3")));
            return;
        }
        QVERIFY(!s);
        QVERIFY2(QString::fromStdString(err).contains(error), err.c_str());
    }

    // ---- Output folder ----
    void outputDirCommit()
    {
        QTemporaryDir tmp;
        const std::string dir = (tmp.path() + "/a/b/run").toStdString();
        OutputDir out;
        QCOMPARE(out.begin(dir), std::string());
        QVERIFY(!QFileInfo::exists(QString::fromStdString(dir)));
        QVERIFY(QFileInfo(QString::fromStdString(out.path())).isDir());
        QFile f(QString::fromStdString(out.path() + "/x.txt"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hi");
        f.close();
        QCOMPARE(out.commit(), std::string());
        QCOMPARE(readAll(QString::fromStdString(dir + "/x.txt")), std::string("hi"));
        // Only DIR is left: no temp folder next to it.
        QCOMPARE(QDir(tmp.path() + "/a/b").entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{"run"});

        // An existing empty folder is replaced; a non-empty one is refused.
        QVERIFY(QDir().mkpath(tmp.path() + "/empty"));
        OutputDir again;
        QCOMPARE(again.begin((tmp.path() + "/empty/").toStdString()), std::string());
        QCOMPARE(again.commit(), std::string());
        OutputDir full;
        const std::string err = full.begin(dir);
        QVERIFY2(err.find("already exists and is not empty") != std::string::npos, err.c_str());
    }

    void outputDirAbandonLeavesNothing()
    {
        QTemporaryDir tmp;
        {
            OutputDir out;
            QCOMPARE(out.begin((tmp.path() + "/new/deeper/run").toStdString()), std::string());
            QFile f(QString::fromStdString(out.path() + "/half.csv"));
            QVERIFY(f.open(QIODevice::WriteOnly));
        } // destroyed without commit
        QCOMPARE(QDir(tmp.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
    }

    void outputDirRefusals()
    {
        QTemporaryDir tmp;
        QFile file(tmp.path() + "/plain");
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const std::string base = tmp.path().toStdString();
        OutputDir out;
        std::string err = out.begin(base + "/plain");
        QVERIFY2(err.find("a file with that name exists") != std::string::npos, err.c_str());
        err = out.begin(base + "/plain/sub/run");
        QVERIFY2(err.find("is not a folder") != std::string::npos, err.c_str());
        QVERIFY(!out.begin("/proc/reglab-test-run").empty());
        QVERIFY(!out.begin("").empty());
        QVERIFY(!out.begin("/").empty());
        const QString cwd = QDir::currentPath();
        QVERIFY(QDir::setCurrent(tmp.path() + "/"));
        QVERIFY(QDir().mkdir("emptyhere") && QDir::setCurrent(tmp.path() + "/emptyhere"));
        err = out.begin(".");
        QVERIFY2(err.find("current folder") != std::string::npos, err.c_str());
        QVERIFY(QDir::setCurrent(cwd) && QDir(tmp.path()).rmdir("emptyhere"));
        QCOMPARE(QDir(tmp.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{"plain"});
        QVERIFY(!QFileInfo::exists("/proc/reglab-test-run"));
    }

    void runWriterWritesEveryFile()
    {
        Runner r(std::make_unique<FakeLab>());
        RunPlan plan = fakePlan(6);
        plan.changes = {{2, "lr", "0.4"}};
        QCOMPARE(r.prepare(plan), std::string());
        r.run();
        QTemporaryDir tmp;
        std::vector<std::string> written;
        QCOMPARE(RunWriter::writeAll(tmp.path().toStdString(), r, &written), std::string());
        const std::vector<std::string> expected = {"metrics.csv",          "summary.json",         "session.json",
                                                   "model/layer0.weight.npy", "model/layer0.bias.npy", "data/train.csv",
                                                   "data/val.csv"};
        QVERIFY(written == expected);
        for (const auto& f : expected)
            QVERIFY2(QFileInfo(tmp.path() + "/" + QString::fromStdString(f)).size() > 0, f.c_str());
        const std::string csv = readAll(tmp.path() + "/metrics.csv");
        QVERIFY(csv.rfind("step,loss,peak,lr\n0,", 0) == 0);
        QCOMPARE(int(std::count(csv.begin(), csv.end(), '\n')), 8); // header + initial row + 6 steps
        QVERIFY(readAll(tmp.path() + "/model/layer0.bias.npy").find("'shape': (3,)") != std::string::npos);
        QVERIFY(readAll(tmp.path() + "/model/layer0.weight.npy").find("'shape': (2, 3)") != std::string::npos);
        QCOMPARE(readAll(tmp.path() + "/data/val.csv"), std::string("x0,x1,label\n-1.5,2,1\n"));
        std::string err;
        const auto session = Session::load((tmp.path() + "/session.json").toStdString(), fakeFactory(), &err);
        QVERIFY2(session, err.c_str());
        QCOMPARE(int(session->events.size()), 1);
        const auto summary = Json::parse(readAll(tmp.path() + "/summary.json"), &err);
        QVERIFY2(summary, err.c_str());
        QCOMPARE(summary->find("lab")->toString(), std::string("fake"));

        QCOMPARE(RunWriter::safeFileStem("../evil/name"), std::string("_._evil_name")); // no folders, not hidden
        QCOMPARE(RunWriter::safeFileStem("layer0.weight"), std::string("layer0.weight"));
    }
};

QTEST_GUILESS_MAIN(TestRunner)
#include "tst_runner.moc"
