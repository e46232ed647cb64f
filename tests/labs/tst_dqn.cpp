// The dqn lab (L17's CartPole half): CartPole-v1 step by step against Gymnasium's formulas,
// its termination and its time limit (not terminal); the replay ring; the TD targets of DQN
// and double DQN computed by hand from the two nets; the target net's hard and Polyak
// updates; the same numbers at 1 and 2 threads; a run that learns to balance.
#include "LabRun.h"
#include "Parallel.h"
#include "labs/rl/CartPole.h"
#include "labs/rl/DqnLab.h"
#include "labs/rl/ReplayBuffer.h"

#include <QtTest>

#include <cmath>
#include <vector>

using namespace reglab;

namespace {

DqnLab* asDqn(Lab& lab) { return dynamic_cast<DqnLab*>(&lab); }

void compareRows(const std::vector<MetricRow>& a, const std::vector<MetricRow>& b)
{
    QCOMPARE(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i].step, b[i].step);
        for (size_t k = 0; k < a[i].values.size(); ++k)
            QVERIFY2(a[i].values[k] == b[i].values[k] || (std::isnan(a[i].values[k]) && std::isnan(b[i].values[k])),
                     qPrintable(QString("row %1 column %2").arg(i).arg(k)));
    }
}

} // namespace

class TestDqn : public QObject {
    Q_OBJECT
private slots:
    void cartPoleMatchesGymnasium()
    {
        // Expected states from Gymnasium's CartPoleEnv.step ("euler"), transcribed in numpy
        // (float64) with its constants:
        //   temp = (f + pml*thd**2*sin(th)) / tm
        //   tha  = (g*sin(th) - cos(th)*temp) / (l*(4/3 - mp*cos(th)**2/tm))
        //   xa   = temp - pml*tha*cos(th)/tm
        //   x += tau*xd; xd += tau*xa; th += tau*thd; thd += tau*tha
        // from (0.01, -0.02, 0.03, -0.04) with actions 1 1 0 1 0 0.
        const int actions[] = {1, 1, 0, 1, 0, 0};
        const double want[6][4] = {
            {0.009600000000000001, 0.17467919574755525, 0.0292, -0.32306871796000824},
            {0.013093583914951107, 0.36937344399176103, 0.022738625640799835, -0.6064020159998609},
            {0.020481052794786327, 0.17394104931769996, 0.010610585320802618, -0.3066446263789627},
            {0.023959873781140326, 0.3689102079328361, 0.004477692793223363, -0.5959624480242944},
            {0.031338077939797045, 0.17372587880180418, -0.007441556167262526, -0.30187245208590824},
            {0.03481259551583313, -0.021289224954454344, -0.013479005208980691, -0.011545693213184216},
        };
        CartPole env;
        env.setState({0.01, -0.02, 0.03, -0.04}, 0);
        for (int t = 0; t < 6; ++t) {
            QCOMPARE(env.step(actions[t]), 1.0);
            for (int k = 0; k < 4; ++k)
                QVERIFY2(std::fabs(env.state()[size_t(k)] - want[t][k]) <= 1e-14 * (1 + std::fabs(want[t][k])),
                         qPrintable(QString("step %1 variable %2: %3 vs %4").arg(t + 1).arg(k)
                                        .arg(env.state()[size_t(k)], 0, 'g', 17).arg(want[t][k], 0, 'g', 17)));
            QVERIFY(!env.done());
        }
        float obs[4];
        env.observe(obs);
        QCOMPARE(obs[2], float(want[5][2]));
    }

    void terminatesAndTruncatesAsGymnasium()
    {
        // Always pushing right from rest: the pole passes -12 degrees after 9 steps (numpy,
        // same formulas: theta = -0.21518604988500967), and that step still pays +1.
        CartPole env;
        env.setState({0, 0, 0, 0}, 0);
        double total = 0;
        for (int t = 0; t < 8; ++t) {
            total += env.step(1);
            QVERIFY(!env.done());
        }
        total += env.step(1);
        QVERIFY(env.terminated());
        QVERIFY(!env.truncated());
        QCOMPARE(total, 9.0);
        QVERIFY(std::fabs(env.state()[2] - -0.21518604988500967) < 1e-14);
        QVERIFY(std::fabs(CartPole::kThetaThreshold - 0.20943951023931953) < 1e-16);
        // The cart past 2.4 ends it too; exactly at the limits does not.
        env.setState({2.4, 0, 0, 0}, 3);
        QVERIFY(!env.terminated());
        env.setState({-2.4001, 0, 0, 0}, 3);
        QVERIFY(env.terminated());
        // The 500th step of a balanced pole is a truncation, not a termination.
        env.setState({0, 0, 0, 0}, 499);
        env.step(1);
        QVERIFY(env.truncated());
        QVERIFY(!env.terminated());
        QVERIFY(env.done());
    }

    void resetDrawsFourUniforms()
    {
        CartPole env;
        Rng rng(5), replay(5);
        env.reset(rng);
        for (int k = 0; k < 4; ++k) {
            const double v = replay.uniform(-0.05, 0.05);
            QCOMPARE(env.state()[size_t(k)], v);
            QVERIFY(std::fabs(v) <= 0.05);
        }
        QVERIFY(rng.words() == replay.words());
        QCOMPARE(env.steps(), 0);
    }

    void replayIsAFixedRing()
    {
        ReplayBuffer b;
        b.reset(3, 2);
        for (int i = 0; i < 5; ++i) {
            const float s[2] = {float(i), 0}, n[2] = {float(i) + 0.5f, 0};
            b.add(s, i % 2, float(10 * i), n, i == 4);
        }
        QCOMPARE(b.size(), 3);
        QCOMPARE(b.capacity(), 3);
        MatF s, n;
        std::vector<int> a;
        std::vector<float> r, term;
        Rng rng(3);
        b.sample(200, rng, s, n, a, r, term);
        std::vector<int> seen(5, 0);
        for (int i = 0; i < 200; ++i) {
            const int k = int(s(i, 0));
            QVERIFY2(k >= 2, "the two oldest transitions were overwritten");
            seen[size_t(k)] = 1;
            QCOMPARE(n(i, 0), float(k) + 0.5f);
            QCOMPARE(a[size_t(i)], k % 2);
            QCOMPARE(r[size_t(i)], float(10 * k));
            QCOMPARE(term[size_t(i)], k == 4 ? 1.0f : 0.0f);
        }
        QCOMPARE(seen[2] + seen[3] + seen[4], 3);
    }

    void tdTargetsByHand_data()
    {
        QTest::addColumn<bool>("isDouble");
        QTest::newRow("dqn") << false;
        QTest::newRow("double dqn") << true;
    }
    void tdTargetsByHand()
    {
        QFETCH(bool, isDouble);
        auto lab = labrun::makeLab("dqn", {{"double_dqn", isDouble ? "true" : "false"}, {"learning_starts", "64"},
                                           {"target_every", "1000"}, {"gamma", "0.9"}});
        labrun::run(*lab, 999); // the online net has moved away from the target net
        DqnLab& d = *asDqn(*lab);
        MatF s, next;
        std::vector<int> a;
        std::vector<float> r, term;
        Rng rng(9);
        d.replay().sample(64, rng, s, next, a, r, term);
        MatF qt, qo, scratch;
        d.target().infer(next, qt, scratch);
        qo = d.qValues(next);
        const std::vector<float> y = d.tdTargets(next, r, term);
        int disagree = 0, terminal = 0;
        for (int i = 0; i < 64; ++i) {
            const int byTarget = qt(i, 1) > qt(i, 0) ? 1 : 0, byOnline = qo(i, 1) > qo(i, 0) ? 1 : 0;
            disagree += byTarget != byOnline;
            terminal += term[size_t(i)] > 0;
            const float want = r[size_t(i)] + 0.9f * (1 - term[size_t(i)]) * qt(i, isDouble ? byOnline : byTarget);
            QCOMPARE(y[size_t(i)], want);
        }
        QVERIFY2(disagree > 0, "the nets must disagree somewhere for the test to tell the two apart");
        QVERIFY(terminal > 0);
    }

    void targetNetUpdates_data()
    {
        QTest::addColumn<QString>("trainEvery");
        QTest::newRow("an update every step") << "1";
        QTest::newRow("every third step") << "3"; // the copy still comes at step 50, not 150
    }
    void targetNetUpdates()
    {
        QFETCH(QString, trainEvery);
        auto lab = labrun::makeLab("dqn", {{"learning_starts", "10"}, {"target_every", "50"}, {"batch_size", "8"},
                                           {"train_every", trainEvery.toStdString()}});
        DqnLab& d = *asDqn(*lab);
        labrun::run(*lab, 49);
        QVERIFY(d.online().modelValues()[0] != d.target().modelValues()[0]);
        labrun::run(*lab, 1);
        QVERIFY(d.online().modelValues()[0] == d.target().modelValues()[0]);
        // Polyak: after one update the target moved τ of the way.
        auto p = labrun::makeLab("dqn", {{"learning_starts", "10"}, {"tau", "0.25"}, {"batch_size", "8"}});
        DqnLab& e = *asDqn(*p);
        labrun::run(*p, 20);
        const MatF before = e.target().modelValues()[0];
        labrun::run(*p, 1);
        const MatF want = 0.25f * e.online().modelValues()[0] + 0.75f * before;
        QVERIFY((e.target().modelValues()[0] - want).cwiseAbs().maxCoeff() < 1e-6f);
    }

    void onlyFallsAreTerminal()
    {
        auto lab = labrun::makeLab("dqn", {{"learning_starts", "5000"}, {"buffer_size", "3000"}});
        labrun::run(*lab, 3000); // random actions (ε = 1 at first)
        DqnLab& d = *asDqn(*lab);
        QVERIFY(d.episodes() > 50);
        MatF s, next;
        std::vector<int> a;
        std::vector<float> r, term;
        Rng rng(2);
        d.replay().sample(3000, rng, s, next, a, r, term);
        int falls = 0;
        for (int i = 0; i < 3000; ++i) {
            const bool out = std::fabs(next(i, 0)) > 2.4f || std::fabs(next(i, 2)) > float(CartPole::kThetaThreshold);
            QCOMPARE(term[size_t(i)] > 0, out);
            QCOMPARE(r[size_t(i)], 1.0f);
            falls += out;
        }
        QVERIFY(falls > 20);
    }

    void sameNumbersAtOneAndTwoThreads()
    {
        const labrun::Sets sets = {{"width", "128"}, {"batch_size", "128"}, {"learning_starts", "200"},
                                   {"eval_every", "100"}, {"dropout", "0.1"}, {"weight_decay", "0.01"},
                                   {"double_dqn", "true"}};
        setNumThreads(1);
        auto a = labrun::makeLab("dqn", sets, 3);
        const auto rowsA = labrun::run(*a, 600);
        setNumThreads(2);
        auto b = labrun::makeLab("dqn", sets, 3);
        const auto rowsB = labrun::run(*b, 600);
        setNumThreads(1);
        compareRows(rowsA, rowsB);
        QVERIFY(asDqn(*a)->online().modelValues() == asDqn(*b)->online().modelValues());
    }

    void learnsToBalance()
    {
        // Random play lasts about 22 steps; the default DQN reaches a return above 150 on the
        // way (the greedy evaluation, best row) within 10,000 steps.
        auto lab = labrun::makeLab("dqn", {}, 1);
        const auto rows = labrun::run(*lab, 10000);
        const int col = labrun::column(*lab, "eval_return");
        double best = 0;
        for (const MetricRow& r : rows)
            best = std::max(best, r.values[size_t(col)]);
        QVERIFY2(best > 150, qPrintable(QString::number(best)));
        QVERIFY(rows.front().values[size_t(col)] < 30); // the untrained net pushes one way and falls
    }

    void refusesBadValues()
    {
        auto lab = labrun::makeLab("dqn", {});
        const std::string why = lab->setText("gamma", "1.5");
        QVERIFY(!why.empty());
        QVERIFY(why.find('\n') == std::string::npos);
        QVERIFY(!lab->setText("buffer_size", "10").empty());
        QVERIFY(!lab->setText("loss", "l1").empty());
    }
};

QTEST_GUILESS_MAIN(TestDqn)
#include "tst_dqn.moc"
