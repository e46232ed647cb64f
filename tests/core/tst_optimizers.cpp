// Optimizers on f(w) = 1/2 ||w - w*||^2 (gradient w - w*), checked against exact values:
// closed forms where they exist, else an independent scalar re-implementation of the
// published update rules in long double.
#include "nn/Parameter.h"
#include "optim/Adam.h"
#include "optim/AdamW.h"
#include "optim/Sgd.h"

#include <QtTest>
#include <cmath>

using namespace reglab;

namespace {
struct Quadratic {
    Parameter<double> w{"w", MatD::Zero(1, 3), MatD::Zero(1, 3), false};
    MatD target = (MatD(1, 3) << 1.0, -2.0, 0.5).finished();
    Quadratic() { w.value << 0.3, 0.7, -1.1; }
    void computeGrad() { w.grad = w.value - target; }
    std::vector<ParamGroup<double>> groups(double wd = 0.0) { return {ParamGroup<double>{{&w}, wd}}; }
};
} // namespace

class TestOptimizers : public QObject {
    Q_OBJECT
private slots:
    void sgdClosedForm()
    {
        // Plain gradient descent on the quadratic: e_t = (1 - lr)^t e_0 exactly.
        Quadratic q;
        Sgd<double> opt(q.groups());
        opt.lr = 0.1;
        const MatD e0 = q.w.value - q.target;
        for (int t = 1; t <= 20; ++t) {
            q.computeGrad();
            opt.step();
            const MatD expect = q.target + std::pow(0.9, t) * e0;
            QVERIFY((q.w.value - expect).cwiseAbs().maxCoeff() < 1e-13);
        }
    }

    void sgdMomentumMatchesReference()
    {
        Quadratic q;
        Sgd<double> opt(q.groups(0.01));
        opt.lr = 0.05;
        opt.momentum = 0.9;
        long double w = q.w.value(0, 0), v = 0, target = q.target(0, 0);
        for (int t = 1; t <= 50; ++t) {
            q.computeGrad();
            opt.step();
            const long double g = (w - target) + 0.01L * w; // coupled decay
            v = 0.9L * v + g;
            w -= 0.05L * v;
            QVERIFY(std::fabs(double(w) - q.w.value(0, 0)) < 1e-12);
        }
    }

    void adamFirstStepIsSignStep()
    {
        // After one step mhat = g and vhat = g^2, so w moves by lr * g / (|g| + eps).
        Quadratic q;
        Adam<double> opt(q.groups());
        opt.lr = 0.01;
        const MatD w0 = q.w.value;
        q.computeGrad();
        const MatD g = q.w.grad;
        opt.step();
        for (Index i = 0; i < 3; ++i)
            QVERIFY(std::fabs(q.w.value(0, i) - (w0(0, i) - 0.01 * g(0, i) / (std::fabs(g(0, i)) + 1e-8))) < 1e-15);
    }

    void adamAndAdamWMatchReference_data()
    {
        QTest::addColumn<bool>("decoupled");
        QTest::newRow("adam (coupled wd)") << false;
        QTest::newRow("adamw (decoupled wd)") << true;
    }
    void adamAndAdamWMatchReference()
    {
        QFETCH(bool, decoupled);
        Quadratic q;
        std::unique_ptr<Adam<double>> opt;
        if (decoupled)
            opt = std::make_unique<AdamW<double>>(q.groups(0.1));
        else
            opt = std::make_unique<Adam<double>>(q.groups(0.1));
        opt->lr = 0.02;
        const long double b1 = 0.9L, b2 = 0.999L, eps = 1e-8L, lr = 0.02L, wd = 0.1L;
        long double w = q.w.value(0, 1), m = 0, v = 0, target = q.target(0, 1);
        for (int t = 1; t <= 100; ++t) {
            q.computeGrad();
            opt->step();
            long double g = w - target;
            if (decoupled)
                w *= 1 - lr * wd;
            else
                g += wd * w;
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            const long double mhat = m / (1 - std::pow(b1, t)), vhat = v / (1 - std::pow(b2, t));
            w -= lr * mhat / (std::sqrt(vhat) + eps);
            QVERIFY2(std::fabs(double(w) - q.w.value(0, 1)) < 1e-12, qPrintable(QString("step %1").arg(t)));
        }
    }

    void adamWDecayDiffersFromCoupled()
    {
        Quadratic a, b;
        Adam<double> adam(a.groups(0.5));
        AdamW<double> adamw(b.groups(0.5));
        for (int t = 0; t < 10; ++t) {
            a.computeGrad();
            b.computeGrad();
            adam.step();
            adamw.step();
        }
        QVERIFY((a.w.value - b.w.value).norm() > 1e-4);
    }

    void groupsGetTheirOwnDecay()
    {
        Parameter<double> w{"w", MatD::Constant(1, 1, 2.0), MatD::Zero(1, 1), false};
        Parameter<double> b{"b", MatD::Constant(1, 1, 2.0), MatD::Zero(1, 1), true};
        AdamW<double> opt({ParamGroup<double>{{&w}, 0.5}, ParamGroup<double>{{&b}, 0.0}});
        opt.lr = 0.1;
        opt.step(); // zero gradients: only decay moves anything
        QCOMPARE(w.value(0, 0), 2.0 * (1 - 0.05));
        QCOMPARE(b.value(0, 0), 2.0);
    }

    void liveLearningRateChangeAppliesAtNextStep()
    {
        Quadratic q;
        Sgd<double> opt(q.groups());
        opt.lr = 0.1;
        q.computeGrad();
        opt.step();
        const MatD before = q.w.value;
        opt.lr = 0.5; // changed between steps
        q.computeGrad();
        const MatD g = q.w.grad;
        opt.step();
        QVERIFY((q.w.value - (before - 0.5 * g)).cwiseAbs().maxCoeff() < 1e-15);
    }

    void stateRoundTrip()
    {
        Quadratic a;
        Adam<double> opt(a.groups());
        for (int t = 0; t < 5; ++t) {
            a.computeGrad();
            opt.step();
        }
        const auto saved = opt.state();
        const MatD w5 = a.w.value;
        for (int t = 0; t < 5; ++t) {
            a.computeGrad();
            opt.step();
        }
        const MatD w10 = a.w.value;
        a.w.value = w5;
        opt.setState(saved);
        for (int t = 0; t < 5; ++t) {
            a.computeGrad();
            opt.step();
        }
        QCOMPARE(a.w.value, w10);
    }
};

QTEST_GUILESS_MAIN(TestOptimizers)
#include "tst_optimizers.moc"
