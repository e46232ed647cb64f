// The continual lab (catastrophic forgetting and EWC, L16): the L2-anchor and EWC penalties
// against finite differences, the cap on their stiffness, the diagonal Fisher against a
// brute-force computation on a tiny net (given labels exactly; labels sampled from the model
// against the exact expectation over classes), no penalty and the same training as a plain
// run before the switch, the switch as a marker, the same numbers at 1 and 2 threads, and
// forgetting without a penalty (and EWC keeping task A).
#include "FiniteDiff.h"
#include "LabRun.h"
#include "Parallel.h"
#include "data/PrototypeDigits.h"
#include "labs/continual/ContinualLab.h"
#include "labs/continual/Fisher.h"
#include "nn/Sequential.h"
#include "regularizers/AnchorPenalty.h"
#include "run/Runner.h"
#include "run/Session.h"

#include <QtTest>

#include <cmath>

using namespace reglab;
using labrun::Sets;

namespace {

// Small and quick: 600 samples (400 training), the switch after 20 epochs of A.
Sets quick(const std::string& penalty, const std::string& lambda)
{
    return {{"num_points", "600"}, {"switch_step", "250"}, {"penalty", penalty}, {"lambda", lambda},
            {"eval_every", "10"}};
}

double at(const std::vector<MetricRow>& rows, const Lab& lab, const char* id, int64_t step)
{
    return labrun::valueAt(rows, labrun::column(lab, id), step);
}

// log p(y | x) of one row, from the net's logits (evaluation mode).
double logProb(const Sequential<double>& net, const MatD& x, int y)
{
    MatD out, scratch;
    net.infer(x, out, scratch);
    const double m = out.maxCoeff();
    return out(0, y) - m - std::log((out.array() - m).exp().sum());
}

MatD probs(const Sequential<double>& net, const MatD& x)
{
    MatD out, scratch;
    net.infer(x, out, scratch);
    const double m = out.maxCoeff();
    MatD p = (out.array() - m).exp().matrix();
    return p / p.sum();
}

Sequential<double> tinyNet(Rng& rng)
{
    MlpConfig cfg;
    cfg.inputs = 3;
    cfg.hidden = {4};
    cfg.outputs = 3;
    cfg.activation = Activation::Tanh; // smooth: finite differences are exact to ~1e-9
    return makeMlp<double>(cfg, rng);
}

} // namespace

class TestContinual : public QObject {
    Q_OBJECT
private slots:
    // (1/2) sum k_i (theta_i - theta*_i)^2, k = lambda (L2 anchor) or lambda F_i (EWC),
    // capped: addGradient is the gradient of penalty(), with and without the cap biting.
    void penaltiesMatchFiniteDifferences()
    {
        Rng rng(4);
        Parameter<double> w{"w", fd::random(4, 3, rng), MatD::Zero(4, 3), false};
        Parameter<double> b{"b", fd::random(1, 3, rng), MatD::Zero(1, 3), true};
        std::vector<Parameter<double>*> ps{&w, &b};
        for (const char* kind : {"l2-anchor", "ewc"})
            for (double cap : {0.0, 3.0}) {
                AnchorPenalty<double> pen;
                pen.strength = 2.5;
                pen.maxStiffness = cap;
                pen.anchor = {fd::random(4, 3, rng), fd::random(1, 3, rng)};
                if (std::string(kind) == "ewc")
                    pen.importance = {fd::random(4, 3, rng).cwiseAbs(), fd::random(1, 3, rng).cwiseAbs()};
                w.grad.setZero();
                b.grad.setZero();
                pen.addGradient(ps);
                QVERIFY_GRAD(w.grad, fd::gradient(w.value, [&] { return pen.penalty(ps); }), 1e-7);
                QVERIFY_GRAD(b.grad, fd::gradient(b.value, [&] { return pen.penalty(ps); }), 1e-7); // biases too
                // And the value itself, summed by hand.
                double want = 0;
                for (size_t p = 0; p < ps.size(); ++p)
                    for (Index e = 0; e < ps[p]->value.size(); ++e) {
                        double k = 2.5 * (pen.importance.empty() ? 1.0 : pen.importance[p].data()[e]);
                        if (cap > 0)
                            k = std::min(k, cap);
                        want += 0.5 * k * std::pow(ps[p]->value.data()[e] - pen.anchor[p].data()[e], 2);
                    }
                QVERIFY(std::abs(pen.penalty(ps) - want) < 1e-12 * std::max(1.0, want));
            }
        // No anchor yet: no penalty and no gradient.
        AnchorPenalty<double> none;
        none.strength = 10;
        w.grad.setZero();
        none.addGradient(ps);
        QCOMPARE(none.penalty(ps), 0.0);
        QCOMPARE(w.grad, MatD(MatD::Zero(4, 3)));
    }

    // SGD on the penalty alone multiplies theta - theta* by (1 - lr k): beyond lr k = 2 it
    // diverges; the cap at 1 / lr lands on the anchor instead. And the lab caps at 1 / lr.
    void stiffnessCap()
    {
        const double lr = 0.05;
        for (double cap : {0.0, 1.0 / lr}) {
            Parameter<double> w{"w", MatD::Constant(1, 2, 1.0), MatD::Zero(1, 2), false};
            std::vector<Parameter<double>*> ps{&w};
            AnchorPenalty<double> pen;
            pen.strength = 100;
            pen.importance = {MatD::Constant(1, 2, 0.6)}; // lr * lambda * F = 3
            pen.anchor = {MatD::Zero(1, 2)};
            pen.maxStiffness = cap;
            QVERIFY(std::abs(pen.maxUncappedStiffness() - 60) < 1e-12);
            for (int s = 0; s < 20; ++s) {
                w.grad.setZero();
                pen.addGradient(ps);
                w.value -= lr * w.grad;
            }
            if (cap == 0)
                QVERIFY(w.value.cwiseAbs().maxCoeff() > 1e5); // 2^20
            else
                QVERIFY(w.value.cwiseAbs().maxCoeff() < 1e-12);
        }
        // The lab: lambda 1e5 with EWC stays finite and keeps A; every stiffness within 1 / lr.
        auto lab = labrun::makeLab("continual", quick("ewc", "100000"), 3);
        const auto rows = labrun::run(*lab, 400);
        QCOMPARE(rows.back().step, int64_t(400));
        const auto& pen = static_cast<ContinualLab&>(*lab).anchor();
        QVERIFY(!pen.anchor.empty());
        double top = 0;
        for (size_t p = 0; p < pen.anchor.size(); ++p)
            for (Index e = 0; e < pen.anchor[p].size(); ++e)
                top = std::max(top, double(pen.stiffness(p, e)));
        QVERIFY2(top <= 1.0 / 0.05 * (1 + 1e-6), qPrintable(QString::number(top)));
        QVERIFY(at(rows, *lab, "stiffness", 400) > 2); // the cap is what keeps it stable
        QVERIFY(at(rows, *lab, "acc_a", 400) > 0.85);
    }

    // Given labels: the mean over rows of (d log p(y | x) / d theta)^2, each derivative by
    // central differences.
    void fisherMatchesBruteForce()
    {
        Rng rng(8);
        Sequential<double> net = tinyNet(rng);
        const MatD x = fd::random(5, 3, rng);
        const std::vector<int> labels = {0, 2, 1, 1, 2};
        const std::vector<MatD> f = Fisher<double>::diagonal(net, x, labels);
        std::vector<Parameter<double>*> params = net.parameters();
        QCOMPARE(f.size(), params.size());
        for (size_t k = 0; k < params.size(); ++k) {
            MatD want = MatD::Zero(params[k]->value.rows(), params[k]->value.cols());
            for (Index i = 0; i < x.rows(); ++i) {
                const MatD row = x.row(i);
                const MatD g = fd::gradient(params[k]->value, [&] { return logProb(net, row, labels[size_t(i)]); });
                want.array() += g.array().square();
            }
            want /= double(x.rows());
            QVERIFY_GRAD(f[k], want, 1e-7);
        }
    }

    // Labels drawn from the model: over many draws the Fisher tends to the true Fisher,
    // sum over classes c of p(c | x) (d log p(c | x) / d theta)^2 (brute force), and the
    // labels follow p.
    void sampledFisherIsTheTrueFisher()
    {
        Rng rng(9);
        Sequential<double> net = tinyNet(rng);
        for (auto* p : net.parameters())
            p->value *= 2.0; // less uniform predictions
        const MatD x = fd::random(3, 3, rng);
        const int copies = 6000;
        MatD many(x.rows() * copies, 3);
        for (Index r = 0; r < many.rows(); ++r)
            many.row(r) = x.row(r % x.rows());
        Rng draw(5);
        const std::vector<int> labels = Fisher<double>::sampleLabels(net, many, draw);
        // Label frequencies against p, row by row.
        for (Index i = 0; i < x.rows(); ++i) {
            const MatD p = probs(net, x.row(i));
            for (int c = 0; c < 3; ++c) {
                int n = 0;
                for (Index r = i; r < many.rows(); r += x.rows())
                    n += labels[size_t(r)] == c;
                QVERIFY2(std::abs(double(n) / copies - p(0, c)) < 0.025,
                         qPrintable(QString("row %1 class %2: %3 vs %4").arg(i).arg(c).arg(double(n) / copies).arg(p(0, c))));
            }
        }
        const std::vector<MatD> f = Fisher<double>::diagonal(net, many, labels);
        std::vector<Parameter<double>*> params = net.parameters();
        double worst = 0;
        for (size_t k = 0; k < params.size(); ++k) {
            MatD want = MatD::Zero(params[k]->value.rows(), params[k]->value.cols());
            for (Index i = 0; i < x.rows(); ++i) {
                const MatD row = x.row(i), p = probs(net, row);
                for (int c = 0; c < 3; ++c) {
                    const MatD g = fd::gradient(params[k]->value, [&] { return logProb(net, row, c); });
                    want.array() += p(0, c) * g.array().square();
                }
            }
            want /= double(x.rows());
            const double scale = want.maxCoeff();
            worst = std::max(worst, (f[k] - want).cwiseAbs().maxCoeff() / scale);
        }
        QVERIFY2(worst < 0.08, qPrintable(QString::number(worst))); // Monte Carlo: 18,000 draws
    }

    // Before the switch there is no anchor, no penalty, and the run is step for step the
    // plain one; the switch is an event at switch_step, and the penalty acts after it.
    void noPenaltyBeforeTheSwitch()
    {
        auto ewc = labrun::makeLab("continual", quick("ewc", "100"), 2);
        auto plain = labrun::makeLab("continual", quick("none", "100"), 2);
        const auto a = labrun::run(*ewc, 250), b = labrun::run(*plain, 250);
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].values[size_t(labrun::column(*ewc, "penalty"))], 0.0);
            QCOMPARE(a[i].values[size_t(labrun::column(*ewc, "anchor_distance"))], 0.0);
            QCOMPARE(a[i].values[0], b[i].values[0]);
            QCOMPARE(a[i].values[1], b[i].values[1]);
        }
        QVERIFY(static_cast<ContinualLab&>(*ewc).anchor().anchor.empty());
        QVERIFY(ewc->events().empty());
        const auto after = labrun::run(*ewc, 100);
        QCOMPARE(ewc->events().size(), size_t(1));
        QCOMPARE(ewc->events()[0].step, int64_t(250));
        QCOMPARE(ewc->events()[0].param, std::string("task"));
        QVERIFY(ewc->events()[0].byLab); // the UI shows the switch in its panel
        QCOMPARE(static_cast<ContinualLab&>(*ewc).currentTask(), 1);
        QVERIFY(at(after, *ewc, "penalty", 350) > 0);
        QVERIFY(at(after, *ewc, "anchor_distance", 350) > 0);
    }

    // Rolled back to before the switch, the lab switches again at switch_step (not at once)
    // and repeats the run exactly; rolled back after it, the anchor and Fisher come back.
    void rollbackAcrossTheSwitch()
    {
        auto lab = labrun::makeLab("continual", quick("ewc", "100"), 6);
        labrun::run(*lab, 200);
        const auto early = lab->saveState();
        labrun::run(*lab, 60);
        const auto late = lab->saveState();
        const auto want = labrun::run(*lab, 40); // to 300
        lab->restoreState(*early);
        QVERIFY(lab->events().empty());
        const auto again = labrun::run(*lab, 100);
        QCOMPARE(lab->events().size(), size_t(1));
        QCOMPARE(lab->events()[0].step, int64_t(250));
        QCOMPARE(at(again, *lab, "acc_a", 300), at(want, *lab, "acc_a", 300));
        QCOMPARE(at(again, *lab, "penalty", 300), at(want, *lab, "penalty", 300));
        lab->restoreState(*late);
        const auto fromLate = labrun::run(*lab, 40);
        QCOMPARE(at(fromLate, *lab, "penalty", 300), at(want, *lab, "penalty", 300));
    }

    // Same numbers at 1 and 2 threads, through the switch and the Fisher.
    void sameAtAnyThreadCount()
    {
        std::vector<MetricRow> runs[2];
        for (int threads : {1, 2}) {
            const ThreadShare share(threads);
            auto lab = labrun::makeLab("continual", quick("ewc", "100"), 5);
            runs[threads - 1] = labrun::run(*lab, 320);
        }
        QCOMPARE(runs[0].size(), runs[1].size());
        for (size_t i = 0; i < runs[0].size(); ++i)
            for (size_t k = 0; k < runs[0][i].values.size(); ++k)
                QCOMPARE(runs[0][i].values[k], runs[1][i].values[k]);
    }

    // Without a penalty, B's training wipes out A (prototype digits); EWC keeps A and learns B.
    void forgettingWithoutPenalty()
    {
        auto plain = labrun::makeLab("continual", quick("none", "100"), 11);
        auto ewc = labrun::makeLab("continual", quick("ewc", "100"), 11);
        const auto p = labrun::run(*plain, 500), e = labrun::run(*ewc, 500);
        const double before = at(p, *plain, "acc_a", 250);
        QVERIFY2(before > 0.9, qPrintable(QString::number(before)));
        QVERIFY2(at(p, *plain, "acc_a", 500) < before - 0.15,
                 qPrintable(QString("%1 -> %2").arg(before).arg(at(p, *plain, "acc_a", 500))));
        QVERIFY(at(p, *plain, "acc_b", 500) > 0.9);
        QVERIFY2(at(e, *ewc, "acc_a", 500) > at(p, *plain, "acc_a", 500) + 0.1,
                 qPrintable(QString::number(at(e, *ewc, "acc_a", 500))));
        QVERIFY(at(e, *ewc, "acc_b", 500) > 0.8);
    }

    // Three tasks (issue 14): C from twice the switch step, a second permutation; the anchor
    // moves to where B left the weights and the Fisher of B joins A's (one penalty, Huszár);
    // EWC keeps A and B and learns C, where plain SGD forgets A and B.
    void threeTasksOnePenalty()
    {
        Sets three = quick("ewc", "100");
        three.emplace_back("tasks", "3");
        Sets plainThree = quick("none", "100");
        plainThree.emplace_back("tasks", "3");
        auto lab = labrun::makeLab("continual", three, 11);
        auto plain = labrun::makeLab("continual", plainThree, 11);
        QCOMPARE(lab->defaultSteps(), int64_t(750));
        QVERIFY(labrun::column(*lab, "acc_c") == 2);
        auto& c = static_cast<ContinualLab&>(*lab);
        QVERIFY(c.permutation(1) != c.permutation(2));
        for (size_t j = 0; j < c.permutation(2).size(); ++j)
            QCOMPARE(c.task(2).val.x.col(Index(j)), c.task(0).val.x.col(c.permutation(2)[j]));
        labrun::run(*lab, 251);
        QCOMPARE(c.currentTask(), 1);
        std::vector<MatF> fisherA = c.anchor().importance;
        QVERIFY(!fisherA.empty());
        const auto e = labrun::run(*lab, 499); // to 750
        QCOMPARE(c.currentTask(), 2);
        QCOMPARE(lab->events().size(), size_t(2));
        QCOMPARE(lab->events()[1].step, int64_t(500));
        QCOMPARE(lab->events()[1].param, std::string("task"));
        // A's Fisher plus B's: every entry at least A's, some larger.
        double grew = 0;
        for (size_t k = 0; k < fisherA.size(); ++k) {
            QVERIFY((c.anchor().importance[k].array() >= fisherA[k].array() - 1e-6f).all());
            grew += double((c.anchor().importance[k] - fisherA[k]).sum());
        }
        QVERIFY(grew > 0);
        const auto p = labrun::run(*plain, 750);
        qInfo("after C: EWC A %.3f B %.3f C %.3f; plain A %.3f B %.3f C %.3f", at(e, *lab, "acc_a", 750),
              at(e, *lab, "acc_b", 750), at(e, *lab, "acc_c", 750), at(p, *plain, "acc_a", 750),
              at(p, *plain, "acc_b", 750), at(p, *plain, "acc_c", 750));
        QVERIFY(at(p, *plain, "acc_c", 750) > 0.9);
        QVERIFY(at(e, *lab, "acc_a", 750) > at(p, *plain, "acc_a", 750) + 0.1);
        QVERIFY(at(e, *lab, "acc_b", 750) > at(p, *plain, "acc_b", 750) + 0.1);
        QVERIFY(at(e, *lab, "acc_c", 750) > 0.6);

        // Rolled back before the second switch, it switches again at its step, not at once.
        auto again = labrun::makeLab("continual", three, 11);
        labrun::run(*again, 450);
        const auto before = again->saveState();
        labrun::run(*again, 100);
        again->restoreState(*before);
        QCOMPARE(again->value("task").text, std::string("B"));
        const auto redo = labrun::run(*again, 300);
        QCOMPARE(again->events().back().step, int64_t(500));
        QCOMPARE(at(redo, *again, "acc_c", 750), at(e, *lab, "acc_c", 750));
    }

    void taskCNeedsThreeTasks()
    {
        auto lab = labrun::makeLab("continual", quick("ewc", "100"), 1);
        const std::string err = lab->setText("task", "C");
        QVERIFY2(err.find("needs 3 tasks") != std::string::npos, err.c_str());
        QVERIFY(labrun::column(*lab, "acc_c") < 0);
        Sets three = quick("ewc", "100");
        three.emplace_back("tasks", "3");
        auto lab3 = labrun::makeLab("continual", three, 1);
        QCOMPARE(lab3->setText("task", "C"), std::string());
        QVERIFY(lab3->setText("tasks", "2").find("no task C") != std::string::npos);
        // A state training C does not go into a lab of 2 tasks.
        labrun::run(*lab3, 5);
        QCOMPARE(static_cast<ContinualLab&>(*lab3).currentTask(), 2);
        const auto state = lab3->saveState();
        labrun::run(*lab, 7);
        const auto mine = lab->saveState();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, lab->restoreState(*state));
        // Refused, the lab is as it was: its step and the params in force.
        QCOMPARE(lab->stepCount(), int64_t(7));
        QVERIFY(lab->saveState()->active == mine->active);

        // Asked for together before the first reset (`--set tasks=3 --set task=C`): C is made at reset.
        auto fresh = createLab("continual");
        QCOMPARE(fresh->setText("tasks", "3"), std::string());
        QCOMPARE(fresh->setText("task", "C"), std::string());
        fresh->reset(1);
        QCOMPARE(static_cast<ContinualLab&>(*fresh).currentTask(), 2);
        // A lab built with 2 tasks has no C to switch to until it is reset with 3.
        QCOMPARE(lab->setText("tasks", "3"), std::string());
        const std::string live = lab->setText("task", "C");
        QVERIFY2(live.find("made at reset") != std::string::npos, live.c_str());
        lab->reset(1);
        QCOMPARE(lab->setText("task", "C"), std::string());
    }

    // A reset starts the story again: task A, whatever the lab's automatic switches set; a
    // task the user chose is kept.
    void resetStartsAtTaskA()
    {
        auto lab = labrun::makeLab("continual", quick("ewc", "100"), 4);
        auto& c = static_cast<ContinualLab&>(*lab);
        labrun::run(*lab, 260);
        QCOMPARE(c.currentTask(), 1);
        lab->reset(4);
        QCOMPARE(c.currentTask(), 0);
        QCOMPARE(lab->value("task").text, std::string("A"));
        labrun::run(*lab, 260);
        QCOMPARE(c.currentTask(), 1);
        QCOMPARE(lab->events().size(), size_t(1));
        QCOMPARE(lab->setText("task", "B"), std::string());
        lab->reset(4);
        QCOMPARE(c.currentTask(), 1);

        // A run of 3 tasks goes on to C with 2 tasks asked for the next run; that run starts at A.
        Sets three = quick("none", "100");
        three.emplace_back("tasks", "3");
        auto lab3 = labrun::makeLab("continual", three, 4);
        auto& c3 = static_cast<ContinualLab&>(*lab3);
        labrun::run(*lab3, 300);
        QCOMPARE(lab3->setText("tasks", "2"), std::string());
        labrun::run(*lab3, 210);
        QCOMPARE(c3.currentTask(), 2);
        lab3->reset(4);
        QCOMPARE(c3.currentTask(), 0);
        QVERIFY(labrun::column(*lab3, "acc_c") < 0);
    }

    // The lab's own switch in a session: saved as by_lab, not replayed as a scheduled change
    // (the lab switches again at its step), and a lab put back from its state resets to A;
    // so does one rolled back between the two switches.
    void theLabsSwitchInSessionsAndRollbacks()
    {
        RunPlan plan;
        plan.lab = "continual";
        plan.seed = 2;
        plan.steps = 40;
        plan.sets = {{"num_points", "300"}, {"switch_step", "30"}, {"eval_every", "10"}};
        Runner r(createLab("continual"));
        QCOMPARE(r.prepare(plan), std::string());
        r.run();
        const Session s = r.session();
        QCOMPARE(s.events.size(), size_t(1));
        QVERIFY(s.events[0].byLab);
        const std::string text = s.toJson().dump(true);
        QVERIFY2(text.find("\"by_lab\": true") != std::string::npos, text.c_str());
        std::string err;
        const auto back = Session::parse(text, registryLabFactory(), &err);
        QVERIFY2(back, err.c_str());
        QVERIFY(back->events[0].byLab);
        QVERIFY(back->toPlan().changes.empty());
        Runner replay(createLab("continual"));
        QCOMPARE(replay.prepare(back->toPlan()), std::string());
        replay.run();
        QCOMPARE(replay.lab().events().size(), size_t(1));
        QVERIFY(replay.lab().events()[0].byLab);
        std::string bad = text;
        bad.replace(bad.find("\"by_lab\": true"), 15, "\"by_lab\": \"yes\"");
        QVERIFY(!Session::parse(bad, registryLabFactory(), &err));
        QVERIFY2(err.find("by_lab") != std::string::npos, err.c_str());

        // Put back from its bytes (a session with state), then reset: task A.
        auto lab = labrun::makeLab("continual", plan.sets, 2);
        lab->restoreStateBytes(r.lab().stateBytes(), s.events);
        QCOMPARE(static_cast<ContinualLab&>(*lab).currentTask(), 1);
        lab->reset(2);
        QCOMPARE(static_cast<ContinualLab&>(*lab).currentTask(), 0);

        // Rolled back between the two switches (to B, the lab's), then reset: task A.
        Sets three = quick("none", "100");
        three.emplace_back("tasks", "3");
        auto lab3 = labrun::makeLab("continual", three, 2);
        labrun::run(*lab3, 300);
        const auto inB = lab3->saveState();
        labrun::run(*lab3, 250);
        QCOMPARE(static_cast<ContinualLab&>(*lab3).currentTask(), 2);
        lab3->restoreState(*inB);
        QCOMPARE(lab3->value("task").text, std::string("B"));
        lab3->reset(2);
        QCOMPARE(static_cast<ContinualLab&>(*lab3).currentTask(), 0);
    }

    // Rolled back before the first switch after both automatic switches, the run goes A, then
    // B at its step, then C: never straight from A to C.
    void rollbackBeforeBothSwitches()
    {
        Sets three = quick("none", "100");
        three.emplace_back("tasks", "3");
        auto lab = labrun::makeLab("continual", three, 3);
        auto& c = static_cast<ContinualLab&>(*lab);
        labrun::run(*lab, 200);
        const auto early = lab->saveState();
        labrun::run(*lab, 350); // past 250 (B) and 500 (C)
        QCOMPARE(c.currentTask(), 2);
        lab->restoreState(*early);
        QCOMPARE(lab->value("task").text, std::string("A"));
        labrun::run(*lab, 1);
        QCOMPARE(c.currentTask(), 0);
        labrun::run(*lab, 99); // to 300
        QCOMPARE(c.currentTask(), 1);
        QCOMPARE(lab->events().size(), size_t(1));
        QCOMPARE(lab->events()[0].step, int64_t(250));
        labrun::run(*lab, 250);
        QCOMPARE(c.currentTask(), 2);
    }

    // Task B is task A's samples with one fixed permutation of the inputs; the prototype
    // digits have 32 inputs that are always zero.
    void tasksArePermutations()
    {
        auto lab = labrun::makeLab("continual", quick("none", "1"), 1);
        const auto& c = static_cast<ContinualLab&>(*lab);
        const DataSplit &a = c.task(0), &b = c.task(1);
        QCOMPARE(a.train.y, b.train.y);
        for (size_t j = 0; j < c.permutation().size(); ++j)
            QCOMPARE(b.train.x.col(Index(j)), a.train.x.col(c.permutation()[j]));
        int blank = 0;
        for (Index j = 0; j < a.train.x.cols(); ++j)
            blank += a.train.x.col(j).cwiseAbs().maxCoeff() == 0.0f;
        QCOMPARE(blank, PrototypeDigits::kInputs - PrototypeDigits::kActive);
    }
};

QTEST_APPLESS_MAIN(TestContinual)
#include "tst_continual.moc"
