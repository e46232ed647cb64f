// core/run/Sweep (issue 13): the classify L2 sweep draws its U-curve, the numbers do not
// depend on the thread count, every bad input is refused before anything trains, and a
// stop ends the trainings.
#include "Parallel.h"
#include "labs/LabRegistry.h"
#include "metrics/Statistics.h"
#include "run/Sweep.h"
#include "lessons/Lesson.h"
#include "run/Frontier.h"
#include "run/SweepCsv.h"

#include "RunTestHelpers.h"
#include "TableLab.h"

#include <QtTest>

#include <atomic>
#include <cmath>
#include <cstring>
#include <chrono>
#include <thread>

using namespace reglab;

namespace {
// Few, very noisy moons and a wide net: with tiny L2 it overfits (val loss up), with a lot
// of L2 it underfits (val loss up again, to chance); between them the val loss is lowest.
// Measured (seed 1, 1500 steps): 1.186 at l2 = 1e-5, 0.177 at 0.01, 0.715 at 1.
RunPlan overfittingPlan(int64_t steps)
{
    RunPlan p;
    p.lab = "classify";
    p.steps = steps;
    p.seed = 1;
    p.sets = {{"dataset", "moons"}, {"noise", "0.6"}, {"num_points", "100"}, {"width", "128"},
              {"activation", "relu"}, {"lr", "0.01"}, {"eval_every", "50"}};
    return p;
}
} // namespace

class TestSweep : public QObject {
    Q_OBJECT

private slots:
    void classifyL2SweepIsAUCurve()
    {
        Sweep s;
        const std::vector<std::string> values{"1e-05", "0.01", "1"};
        QCOMPARE(s.prepare(overfittingPlan(1500), "l2", values, 1), std::string());
        QCOMPARE(s.defaultMetric(), std::string("val_loss"));
        QVERIFY(s.suggestsLogX());
        int reported = 0;
        s.run([&](const SweepPoint& p) {
            QVERIFY(p.done);
            ++reported;
        });
        QVERIFY(!s.interrupted());
        QCOMPARE(reported, 3);
        const std::vector<double> m = s.medians(s.metricIndex("val_loss"));
        qInfo("final val_loss at l2 = 1e-5, 1e-2, 1: %.4f %.4f %.4f", m[0], m[1], m[2]);
        // Both ends above the middle: the U.
        QVERIFY2(m[1] < 0.8 * m[0], "tiny L2 should overfit");
        QVERIFY2(m[1] < 0.8 * m[2], "strong L2 should underfit");
    }

    void sameNumbersAtOneAndTwoThreads()
    {
        auto sweepAt = [](int threads) {
            setNumThreads(threads);
            Sweep s;
            const std::string err = s.prepare(overfittingPlan(150), "l2", {"0", "0.01", "0.3"}, 2);
            s.run();
            setNumThreads(2);
            return std::make_pair(err, s.points());
        };
        const auto [e1, one] = sweepAt(1);
        const auto [e2, two] = sweepAt(2);
        QCOMPARE(e1, std::string());
        QCOMPARE(e2, std::string());
        QCOMPARE(one.size(), size_t(6));
        QCOMPARE(two.size(), one.size());
        for (size_t i = 0; i < one.size(); ++i) {
            QVERIFY(one[i].done && two[i].done);
            QCOMPARE(one[i].seed, two[i].seed);
            QCOMPARE(one[i].finals.size(), two[i].finals.size());
            for (size_t k = 0; k < one[i].finals.size(); ++k)
                QVERIFY2(runtest::sameBits(one[i].finals[k], two[i].finals[k]),
                         qPrintable(QString("point %1 metric %2: %3 vs %4").arg(i).arg(k)
                                        .arg(one[i].finals[k], 0, 'g', 17).arg(two[i].finals[k], 0, 'g', 17)));
        }
        // The seeds differ, so do their numbers: each point trained its own run.
        QCOMPARE(one[0].seed + 1, one[1].seed);
        QVERIFY(one[0].finals != one[1].finals);
    }

    void choiceParamsSweepNames()
    {
        Sweep s;
        QCOMPARE(s.prepare(overfittingPlan(20), "activation", {"relu", "tanh"}, 1), std::string());
        QVERIFY(s.categorical());
        QVERIFY(!s.suggestsLogX());
        QVERIFY(std::isnan(s.points()[0].x));
        s.run();
        QCOMPARE(s.points()[1].value, std::string("tanh"));
        QVERIFY(std::isfinite(s.medians(s.metricIndex("val_loss"))[1]));
        const std::string csv = sweepCsv(s);
        QVERIFY2(csv.rfind("activation,seed,", 0) == 0, csv.c_str());
        QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), 3L);
        QVERIFY(csv.find("\ntanh,1,") != std::string::npos);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("param");
        QTest::addColumn<QStringList>("values");
        QTest::addColumn<int>("seeds");
        QTest::addColumn<QString>("expect");
        QTest::newRow("unknown param") << "l3" << QStringList{"1"} << 1 << "unknown parameter 'l3'";
        QTest::newRow("no param") << "" << QStringList{"1"} << 1 << "--param needs";
        QTest::newRow("out of range") << "l2" << QStringList{"0.1", "5"} << 1 << "--values 5:";
        QTest::newRow("not a number") << "l2" << QStringList{"0.1", "lots"} << 1 << "--values lots:";
        QTest::newRow("unknown choice") << "activation" << QStringList{"relu", "sigmoidish"} << 1 << "sigmoidish";
        QTest::newRow("empty list") << "l2" << QStringList{} << 1 << "at least one value";
        QTest::newRow("no seeds") << "l2" << QStringList{"0.1"} << 0 << "--seeds";
        QTest::newRow("too many points") << "l2" << QStringList(501, "0.1") << 2 << "more than 1000";
        QTest::newRow("a file param") << "csv_file" << QStringList{"a.csv"} << 1 << "cannot be swept";
    }
    void refusals()
    {
        QFETCH(QString, param);
        QFETCH(QStringList, values);
        QFETCH(int, seeds);
        QFETCH(QString, expect);
        std::vector<std::string> v;
        for (const QString& s : values)
            v.push_back(s.toStdString());
        Sweep s;
        const std::string err = s.prepare(overfittingPlan(10), param.toStdString(), v, seeds);
        QVERIFY2(err.find(expect.toStdString()) != std::string::npos, err.c_str());
        QVERIFY(err.find('\n') == std::string::npos);
        QVERIFY(s.points().empty());
        QVERIFY_THROWS_EXCEPTION(std::logic_error, s.run());
    }

    // Curves (issue 14): every value is trained for each curve, with both params set; the
    // CSV names the curve first; medians are per curve.
    void curvesTrainEveryValueForEachCurve()
    {
        Sweep s;
        QCOMPARE(s.prepare(overfittingPlan(150), "l2", {"1e-05", "1"}, 2, "activation", {"relu", "tanh"}),
                 std::string());
        QCOMPARE(s.points().size(), size_t(8));
        QCOMPARE(s.curveCount(), size_t(2));
        QCOMPARE(s.points()[5].curve, std::string("tanh"));
        QCOMPARE(s.points()[5].curveIndex, size_t(1));
        QCOMPARE(s.points()[5].value, std::string("1e-05"));
        QCOMPARE(s.points()[5].seed, uint64_t(2));
        s.run();
        const int v = s.metricIndex("val_loss");
        const std::vector<double> relu = s.medians(v, 0), tanh = s.medians(v, 1);
        // Each curve trained its own activation: the same l2 and seeds give other numbers.
        QVERIFY(relu[0] != tanh[0]);
        // And each point is the plain run of those params.
        Sweep one;
        RunPlan plan = overfittingPlan(150);
        plan.sets.emplace_back("activation", "tanh");
        QCOMPARE(one.prepare(plan, "l2", {"1e-05"}, 2), std::string());
        one.run();
        QCOMPARE(one.medians(v)[0], tanh[0]);
        const std::string csv = sweepCsv(s);
        QVERIFY2(csv.rfind("activation,l2,seed,", 0) == 0, csv.c_str());
        QVERIFY(csv.find("\ntanh,1,2,") != std::string::npos);
        QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), 9L);
    }

    void curvesRefusals_data()
    {
        QTest::addColumn<QString>("by");
        QTest::addColumn<QStringList>("curves");
        QTest::addColumn<QString>("expect");
        QTest::newRow("the swept param") << "l2" << QStringList{"0", "1"} << "already the swept parameter";
        QTest::newRow("unknown") << "l9" << QStringList{"1"} << "--by: unknown parameter 'l9'";
        QTest::newRow("bad value") << "activation" << QStringList{"relu", "sigmoidish"} << "--by sigmoidish";
        QTest::newRow("twice") << "activation" << QStringList{"relu", "relu"} << "given twice";
        QTest::newRow("no values") << "activation" << QStringList{} << "--by needs the values";
        QTest::newRow("too many") << "width" << QStringList{"8", "9", "10", "11", "12", "13"} << "more than 1000";
    }
    void curvesRefusals()
    {
        QFETCH(QString, by);
        QFETCH(QStringList, curves);
        QFETCH(QString, expect);
        std::vector<std::string> c;
        for (const QString& x : curves)
            c.push_back(x.toStdString());
        Sweep s;
        const std::string err = s.prepare(overfittingPlan(10), "l2", std::vector<std::string>(100, "0.1"), 2,
                                          by.toStdString(), c);
        QVERIFY2(err.find(expect.toStdString()) != std::string::npos, err.c_str());
        QVERIFY(s.points().empty());
    }

    // Pareto dominance of one curve's median points over another's, either way round.
    void frontierDominance()
    {
        const std::vector<FrontierPoint> ewc{{"1", 0.83, 0.99}, {"10", 0.92, 0.98}, {"100", 0.98, 0.97}, {"1000", 0.995, 0.95}};
        const std::vector<FrontierPoint> l2{{"0.1", 0.90, 0.97}, {"1", 0.98, 0.30}, {"10", 0.99, 0.10}};
        FrontierCheck c = Frontier::dominates(ewc, l2, true, true);
        QVERIFY(c.holds);
        QCOMPARE(c.dominatedBy, (std::vector<std::string>{"10", "1000", "1000"})); // the widest margin
        c = Frontier::dominates(l2, ewc, true, true);
        QVERIFY(!c.holds);
        QVERIFY2(c.text.find("1, 10, 100, 1000") != std::string::npos, c.text.c_str());
        // One point beyond the other curve's reach on x is not dominated, however poor on y.
        std::vector<FrontierPoint> l2far = l2;
        l2far.push_back({"100", 0.996, 0.1});
        c = Frontier::dominates(ewc, l2far, true, true);
        QVERIFY(!c.holds);
        QCOMPARE(c.dominatedBy.back(), std::string());
        // Lower is better: a loss on y flips which points cover.
        c = Frontier::dominates({{"a", 0.9, 0.1}}, {{"b", 0.8, 0.2}}, true, false);
        QVERIFY(c.holds);
        c = Frontier::dominates({{"a", 0.9, 0.1}}, {{"b", 0.8, 0.2}}, true, true);
        QVERIFY(!c.holds);
        QVERIFY(!Frontier::dominates({}, l2, true, true).holds);
        // A tolerance counts a frozen net's hair more of A (0.992 vs 0.99) as a tie, no more.
        QVERIFY(!Frontier::dominates({{"1000", 0.99, 0.97}}, {{"30", 0.992, 0.06}}, true, true).holds);
        QVERIFY(Frontier::dominates({{"1000", 0.99, 0.97}}, {{"30", 0.992, 0.06}}, true, true, 0.01).holds);
        QVERIFY(!Frontier::dominates({{"1000", 0.99, 0.97}}, {{"30", 0.998, 0.06}}, true, true, 0.005).holds);
        // A gap of exactly the tolerance is within it, whatever the rounding (0.97 - 0.98 + 0.01 < 0 in doubles).
        QVERIFY(Frontier::dominates({{"a", 0.97, 0.5}}, {{"b", 0.98, 0.5}}, true, true, 0.01).holds);
        QVERIFY(Frontier::dominates({{"a", 0.5, 0.98}}, {{"b", 0.5, 0.97}}, true, false, 0.01).holds); // lower is better
        QVERIFY(Frontier::dominates({{"a", 0.5, 1e8 + 0.97}}, {{"b", 0.5, 1e8 + 0.98}}, true, true, 0.01).holds); // large values
    }

    // The verdict on sweeps with chosen outcomes (TableLab): the dominating curve's points
    // name the curve covering them, whichever other curve it is, and a claim that does not
    // hold says why in one sentence.
    void frontierVerdict()
    {
        auto verdictOf = [](const table::Table& t, const std::string& param, const std::vector<std::string>& values,
                            const std::string& by, const std::vector<std::string>& curves, const std::string& dominant) {
            Sweep s([t](const std::string&) { return std::unique_ptr<Lab>(new table::TableLab(t)); });
            RunPlan plan;
            plan.lab = "table";
            plan.steps = 1;
            const std::string err = s.prepare(plan, param, values, 1, by, curves);
            if (!err.empty())
                throw std::runtime_error(err);
            s.run();
            return Frontier::verdict("p dominates", s, 0, 1, dominant);
        };
        auto detail = [](const Json& v) { return v.find("detail") ? v.find("detail")->toString() : std::string(); };
        table::Table t{{{"p", 1}, {0.9, 0.9}},   {{"p", 2}, {0.5, 0.99}},  {{"p", 3}, {0.99, 0.5}},
                       {{"q", 1}, {0.95, 0.4}},  {{"q", 2}, {0.85, 0.85}}, {{"q", 3}, {0.4, 0.4}},
                       {{"r", 1}, {0.5, 0.99}},  {{"r", 2}, {0.3, 0.3}},   {{"r", 3}, {0.2, 0.2}}};
        Json v = verdictOf(t, "a", {"1", "2", "3"}, "c", {"p", "q", "r"}, "p");
        QVERIFY2(v.find("holds")->toBool(), v.dump().c_str());
        QVERIFY(!v.find("detail"));
        // p's a=2 ties with r's a=1 alone: the third curve is looked at, not only the first other.
        const auto& pts = v.find("dominating")->find("points")->items();
        QCOMPARE(pts.size(), size_t(3));
        QVERIFY(pts[0].find("covered_by")->isNull());
        QCOMPARE(pts[1].find("covered_by")->toString(), std::string("1"));
        QCOMPARE(pts[1].find("covered_by_curve")->toString(), std::string("r"));
        QVERIFY(pts[2].find("covered_by_curve")->isNull());
        // Not covered: the points are named.
        table::Table missing = t;
        missing[{"p", 3}] = {0.2, 0.2};
        v = verdictOf(missing, "a", {"1", "2", "3"}, "c", {"p", "q"}, "p");
        QVERIFY(!v.find("holds")->toBool());
        QCOMPARE(detail(v), std::string("not covered: q a=1"));
        // Equal curves: each covers the other, and that is no claim.
        table::Table same = t;
        for (int a = 1; a <= 3; ++a)
            same[{"q", a}] = same[{"p", a}];
        v = verdictOf(same, "a", {"1", "2", "3"}, "c", {"p", "q"}, "p");
        QVERIFY(!v.find("holds")->toBool());
        QVERIFY2(detail(v).find("also covered by q: no clear difference") != std::string::npos, detail(v).c_str());
        // A curve whose every run diverged has nothing to compare.
        table::Table diverged = t;
        for (int a = 1; a <= 3; ++a)
            diverged.erase({"q", a});
        v = verdictOf(diverged, "a", {"1", "2", "3"}, "c", {"p", "q"}, "p");
        QVERIFY(!v.find("holds")->toBool());
        QCOMPARE(detail(v), std::string("the q curve has no finite points (its runs diverged)"));
        v = verdictOf(diverged, "a", {"1", "2", "3"}, "c", {"q", "p"}, "q");
        QCOMPARE(detail(v), std::string("the q curve has no finite points (its runs diverged)"));
        // The dominant curve as the param writes it or not ("01" is the curve "1"), or none.
        v = verdictOf(t, "c", {"p", "q"}, "a", {"1", "2"}, "01");
        QVERIFY2(detail(v).find("no curve") == std::string::npos, v.dump().c_str());
        QCOMPARE(v.find("dominating")->find("a")->toString(), std::string("1"));
        v = verdictOf(t, "a", {"1", "2"}, "c", {"p", "q"}, "zz");
        QVERIFY(!v.find("holds")->toBool());
        QCOMPARE(detail(v), std::string("the sweep has no curve 'zz'"));
    }

    // A lesson's frontier is read strictly: every mistake is one sentence that says where.
    void lessonFrontierIsReadStrictly_data()
    {
        QTest::addColumn<QString>("frontier");
        QTest::addColumn<QString>("expect");
        const QString ok = R"("text": "t", "param": "lambda", "values": "1,10", "by": "penalty",
                              "curves": ["l2-anchor", "ewc"], "x": "acc_a", "y": "acc_b", "dominant": "ewc")";
        QTest::newRow("fine") << ok + R"(, "seeds": 2, "tolerance": 0.01)" << "";
        QTest::newRow("unknown key") << ok + R"(, "sedes": 2)" << "unknown key 'sedes'";
        QTest::newRow("no param") << QString(ok).replace(R"("param": "lambda",)", "") << "param";
        QTest::newRow("one curve") << QString(ok).replace(R"(["l2-anchor", "ewc"])", R"(["ewc"])") << "at least two";
        QTest::newRow("curve not text") << QString(ok).replace(R"(["l2-anchor", "ewc"])", R"(["ewc", 3])") << "strings";
        QTest::newRow("dominant elsewhere") << QString(ok).replace(R"("dominant": "ewc")", R"("dominant": "none")")
                                            << "not one of the curves";
        QTest::newRow("seeds 0") << ok + R"(, "seeds": 0)" << "seeds must be";
        QTest::newRow("tolerance < 0") << ok + R"(, "tolerance": -0.1)" << "tolerance must be";
        QTest::newRow("not an object") << QString() << "frontier must be an object";
    }
    void lessonFrontierIsReadStrictly()
    {
        QFETCH(QString, frontier);
        QFETCH(QString, expect);
        const QString body = frontier.isEmpty() ? QStringLiteral("[1]") : QStringLiteral("{") + frontier + QStringLiteral("}");
        const std::string text = (R"({"id": "L16", "title": "T", "lab": "continual", "text": "x",
            "claim": {"text": "c", "checks": [{"metric": "acc_a", "run": "main", "at": "final", "op": ">", "value": 0.9}]},
            "frontier": )" + body + "}").toStdString();
        std::string err;
        const auto lesson = Lesson::parse(text, &err);
        if (expect.isEmpty()) {
            QVERIFY2(lesson && lesson->frontier, err.c_str());
            QCOMPARE(lesson->frontier->seeds, 2);
            QCOMPARE(lesson->frontier->tolerance, 0.01);
            // What describe prints reads back the same.
            const auto again = Lesson::fromJson(lesson->toJson(), &err);
            QVERIFY2(again && again->frontier, err.c_str());
            QCOMPARE(again->frontier->curves, lesson->frontier->curves);
            QCOMPARE(again->frontier->tolerance, 0.01);
        } else {
            QVERIFY(!lesson);
            QVERIFY2(err.find(expect.toStdString()) != std::string::npos, err.c_str());
            QVERIFY2(err.find("L16") != std::string::npos && err.find("frontier") != std::string::npos, err.c_str()); // says where
            QVERIFY(err.find('\n') == std::string::npos);
        }
    }

    void valuesAndRanges()
    {
        std::vector<std::string> v;
        QCOMPARE(Sweep::parseValues(" 1e-5, 0.01 ,1", &v), std::string());
        QCOMPARE(v, (std::vector<std::string>{"1e-5", "0.01", "1"}));
        QCOMPARE(Sweep::parseValues("1e-5:1e-1:5log", &v), std::string());
        QCOMPARE(v, (std::vector<std::string>{"1e-05", "0.0001", "0.001", "0.01", "0.1"}));
        QCOMPARE(Sweep::parseValues("0:1:5", &v), std::string());
        QCOMPARE(v, (std::vector<std::string>{"0", "0.25", "0.5", "0.75", "1"}));
        QVERIFY(Sweep::parseValues("", &v).find("at least one") != std::string::npos);
        QVERIFY(Sweep::parseValues("1,,2", &v).find("empty value") != std::string::npos);
        QVERIFY(Sweep::parseValues("0:1:5log", &v).find("above 0") != std::string::npos);
        QVERIFY(Sweep::parseValues("0:1", &v).find("LO:HI:N") != std::string::npos);
        QVERIFY(Sweep::parseValues("0:1:2000", &v).find("[1, 1000]") != std::string::npos);
        QCOMPARE(median({3, 1, NAN, 2}), 2.0);
        QCOMPARE(median({4, 1, 2, 3}), 2.5);
        QVERIFY(std::isnan(median({NAN})));
    }

    void aStopEndsTheTrainings()
    {
        Sweep s;
        QCOMPARE(s.prepare(overfittingPlan(1000000), "l2", {"0", "0.1"}, 1), std::string());
        std::atomic<bool> stop{false};
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            stop.store(true);
        });
        int reported = 0;
        s.run([&](const SweepPoint&) { ++reported; }, &stop);
        stopper.join();
        QVERIFY(s.interrupted());
        QCOMPARE(reported, 0);
        QVERIFY(!s.points()[0].done);
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
