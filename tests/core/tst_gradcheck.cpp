// Finite-difference checks of every layer, loss and regularizer of nn/ and regularizers/,
// in double precision. The scalar objective is L = sum(G .* y) with a random G, so the
// upstream gradient dL/dy = G exercises every output element.
#include "FiniteDiff.h"
#include "LayerCheck.h"
#include "Parallel.h"
#include "Rng.h"
#include "nn/ActivationLayer.h"
#include "nn/BinaryCrossEntropy.h"
#include "nn/Dropout.h"
#include "nn/Linear.h"
#include "nn/HuberLoss.h"
#include "nn/MeanSquaredError.h"
#include "nn/Sequential.h"
#include "nn/SoftmaxCrossEntropy.h"
#include "regularizers/DecoupledWeightDecay.h"
#include "regularizers/L1Proximal.h"
#include "regularizers/L2Penalty.h"
#include "regularizers/SpectralNorm.h"

#include <Eigen/SVD>

#include <array>

#include <QtTest>

using namespace reglab;

namespace {
constexpr double kTol = 1e-7;
} // namespace

class TestGradcheck : public QObject {
    Q_OBJECT
private slots:
    void linear()
    {
        Rng rng(1);
        Linear<double> lin(5, 3, "l");
        lin.weight().value = fd::random(5, 3, rng);
        lin.bias().value = fd::random(1, 3, rng);
        fd::checkLayer(lin, fd::random(4, 5, rng), rng);
    }

    void linearBlockedAndParallelPaths()
    {
        // Batches above 64 rows and layers above 64 columns take the blocked products of
        // Linear (row blocks for y and dx, column blocks for dW), in parallel at 2 threads:
        // a wrong block offset must show up here. 150 x 70 -> 130: 3 row blocks (the last
        // one short) and 3 column blocks; the work is above the parallel threshold.
        const int saved = numThreads();
        for (int threads : {1, 2}) {
            setNumThreads(threads);
            Rng rng(41);
            Linear<double> lin(70, 130, "big");
            lin.weight().value = fd::random(70, 130, rng);
            lin.bias().value = fd::random(1, 130, rng);
            MatD x = fd::random(150, 70, rng);
            MatD y, dx;
            Rng none(1);
            lin.forward(x, y, true, none);
            const MatD direct = (x * lin.weight().value).rowwise() + lin.bias().value.row(0);
            QVERIFY2(fd::maxRelError(y, direct) < 1e-12, "blocked forward differs from x W + b");
            const MatD G = fd::random(y.rows(), y.cols(), rng);
            lin.weight().grad.setZero();
            lin.bias().grad.setZero();
            lin.backward(x, y, G, &dx);
            // L is linear in x and W, so a large step has no truncation error and keeps the
            // rounding of a 19,500-term sum small next to the difference.
            auto objective = [&]() {
                MatD out;
                lin.infer(x, out);
                return (G.array() * out.array()).sum();
            };
            int checked = 0;
            const double ex = fd::sampledRelError(dx, fd::sampledGradient(x, objective, 120, rng, 1e-3), &checked);
            QVERIFY2(ex < kTol && checked > 50, qPrintable(QStringLiteral("dx: %1").arg(ex)));
            const double ew = fd::sampledRelError(lin.weight().grad,
                                                  fd::sampledGradient(lin.weight().value, objective, 120, rng, 1e-3), &checked);
            QVERIFY2(ew < kTol && checked > 50, qPrintable(QStringLiteral("dW: %1").arg(ew)));
            QVERIFY_GRAD(lin.bias().grad, fd::gradient(lin.bias().value, objective, 1e-3), kTol);
            // Every entry, not only the sampled ones: the blocked products against the plain ones.
            QVERIFY(fd::maxRelError(lin.weight().grad, x.transpose() * G) < 1e-12);
            QVERIFY(fd::maxRelError(dx, G * lin.weight().value.transpose()) < 1e-12);
        }
        setNumThreads(saved);
    }

    void linearFloatKernelPath()
    {
        // float products of 32,768 multiply-adds and more run on SmallGemm's kernel (the
        // trainer's path; the double checks above take Eigen's). Checked against the same
        // products in double, entry by entry, on shapes with every kind of edge (row tails
        // of 22 and 5, column tails, a transposed input for dW), and bit for bit at 1 and 2
        // threads. The formulas are those the double finite-difference checks verify.
        const int saved = numThreads();
        for (auto [batch, in, out] : {std::array<Index, 3>{150, 70, 130}, {133, 784, 37}, {69, 256, 10}}) {
            MatF firstY, firstDx, firstDw;
            for (int threads : {1, 2}) {
                setNumThreads(threads);
                Rng rng(43);
                Linear<float> lin(in, out, "k");
                lin.weight().value = fd::random(in, out, rng).cast<float>();
                lin.bias().value = fd::random(1, out, rng).cast<float>();
                const MatF x = fd::random(batch, in, rng).cast<float>();
                const MatF G = fd::random(batch, out, rng).cast<float>();
                MatF y, dx;
                Rng none(1);
                lin.forward(x, y, true, none);
                lin.weight().grad.setConstant(0.5f); // dW accumulates
                lin.backward(x, y, G, &dx);
                const MatD xd = x.cast<double>(), Wd = lin.weight().value.cast<double>(), Gd = G.cast<double>();
                const MatD direct = (xd * Wd).rowwise() + lin.bias().value.cast<double>().row(0);
                const MatD dW = (xd.transpose() * Gd).array() + 0.5;
                // Within the worst-case bound of a float sum of k products, k u sum |a b|
                // (Higham), u = 2^-24: a wrong block or offset is off by whole terms.
                auto close = [](const MatF& got, const MatD& want, const MatD& absSum, Index k) {
                    return ((got.cast<double>() - want).array().abs() <= double(k + 2) * 0x1p-24 * absSum.array()).all();
                };
                const MatD xa = xd.cwiseAbs(), Wa = Wd.cwiseAbs(), Ga = Gd.cwiseAbs();
                const MatD yAbs = (xa * Wa).rowwise() + lin.bias().value.cast<double>().cwiseAbs().row(0);
                QVERIFY2(close(y, direct, yAbs, in), "kernel forward differs from x W + b");
                QVERIFY2(close(lin.weight().grad, dW, (xa.transpose() * Ga).array() + 0.5, batch), "kernel dW differs from x^T G");
                QVERIFY2(close(dx, Gd * Wd.transpose(), Ga * Wa.transpose(), out), "kernel dx differs from G W^T");
                if (threads == 1) {
                    firstY = y, firstDx = dx, firstDw = lin.weight().grad;
                } else {
                    QVERIFY(y == firstY && dx == firstDx && lin.weight().grad == firstDw);
                }
            }
        }
        setNumThreads(saved);
    }

    void activations_data()
    {
        QTest::addColumn<int>("act");
        QTest::newRow("relu") << int(Activation::ReLU);
        QTest::newRow("leaky_relu") << int(Activation::LeakyReLU);
        QTest::newRow("tanh") << int(Activation::Tanh);
        QTest::newRow("sigmoid") << int(Activation::Sigmoid);
        QTest::newRow("identity") << int(Activation::Identity);
    }
    void activations()
    {
        QFETCH(int, act);
        Rng rng(2);
        ActivationLayer<double> layer{Activation(act)};
        fd::checkLayer(layer, fd::randomAwayFromZero(6, 4, rng), rng); // no kink within eps
    }

    void dropoutWithFixedMask()
    {
        Rng rng(3);
        Dropout<double> d(0.5);
        MatD mask(4, 6);
        for (Index i = 0; i < mask.size(); ++i)
            mask.data()[i] = rng.uniform() < 0.5 ? 0.0 : 2.0;
        d.setFixedMask(mask);
        fd::checkLayer(d, fd::random(4, 6, rng), rng);
    }

    void dropoutIsInvertedAndOffAtEval()
    {
        Dropout<double> d(0.25);
        Rng rng(4);
        MatD x = MatD::Ones(200, 50), y;
        d.forward(x, y, true, rng);
        const double kept = (y.array() != 0).cast<double>().mean();
        QVERIFY(std::fabs(kept - 0.75) < 0.02);
        QVERIFY(std::fabs(y.mean() - 1.0) < 0.03); // inverted: expectation preserved
        for (Index i = 0; i < y.size(); ++i)
            QVERIFY(y.data()[i] == 0.0 || std::fabs(y.data()[i] - 1.0 / 0.75) < 1e-12);
        d.forward(x, y, false, rng);
        QCOMPARE(y, x);
    }

    void mlpEndToEnd_data()
    {
        QTest::addColumn<int>("act");
        QTest::newRow("tanh") << int(Activation::Tanh);
        QTest::newRow("sigmoid") << int(Activation::Sigmoid);
        QTest::newRow("leaky_relu") << int(Activation::LeakyReLU);
    }
    void mlpEndToEnd()
    {
        QFETCH(int, act);
        Rng rng(5);
        MlpConfig c;
        c.inputs = 3;
        c.hidden = {6, 5};
        c.outputs = 4;
        c.activation = Activation(act);
        Sequential<double> net = makeMlp<double>(c, rng);
        MatD x = fd::random(7, 3, rng);
        std::vector<int> labels = {0, 3, 1, 2, 2, 0, 1};
        L2Penalty<double> l2;
        l2.strength = 0.3;
        auto params = net.parameters();
        auto objective = [&]() {
            Rng r(1);
            const MatD& out = net.forward(x, false, r);
            return SoftmaxCrossEntropy<double>::loss(out, labels.data(), nullptr) + l2.penalty(params);
        };
        Rng r(1);
        const MatD& out = net.forward(x, false, r);
        MatD dout;
        SoftmaxCrossEntropy<double>::loss(out, labels.data(), &dout);
        net.zeroGrad();
        MatD dx = net.backward(dout, true);
        l2.addGradient(params);
        QVERIFY_GRAD(dx, fd::gradient(x, objective), kTol);
        for (auto* p : params)
            QVERIFY_GRAD(p->grad, fd::gradient(p->value, objective), kTol);
    }

    void inferMatchesForward()
    {
        Rng rng(6);
        MlpConfig c;
        c.inputs = 2;
        c.hidden = {8, 8};
        c.dropout = 0.3;
        Sequential<double> net = makeMlp<double>(c, rng);
        MatD x = fd::random(9, 2, rng), out, scratch;
        Rng r(1);
        const MatD y = net.forward(x, false, r);
        net.infer(x, out, scratch);
        QCOMPARE(out, y);
    }

    void softmaxCrossEntropy_data()
    {
        QTest::addColumn<int>("classes");
        QTest::addColumn<double>("smoothing");
        QTest::newRow("2 classes") << 2 << 0.0;
        QTest::newRow("10 classes") << 10 << 0.0;
        QTest::newRow("5 classes, smoothing 0.1") << 5 << 0.1;
    }
    void softmaxCrossEntropy()
    {
        QFETCH(int, classes);
        QFETCH(double, smoothing);
        Rng rng(7);
        MatD z = fd::random(6, classes, rng, 3.0);
        std::vector<int> y(6);
        for (auto& v : y)
            v = int(rng.below(uint32_t(classes)));
        MatD dz;
        SoftmaxCrossEntropy<double>::loss(z, y.data(), &dz, smoothing);
        auto f = [&]() { return SoftmaxCrossEntropy<double>::loss(z, y.data(), nullptr, smoothing); };
        QVERIFY_GRAD(dz, fd::gradient(z, f), kTol);
        int correct = 0;
        const double sum = SoftmaxCrossEntropy<double>::sumLoss(z, y.data(), &correct, smoothing);
        QVERIFY(std::fabs(sum / 6 - f()) < 1e-12);
    }

    void softmaxCrossEntropyIsStable()
    {
        MatD z(1, 3);
        z << 1000.0, -1000.0, 0.0;
        int y = 0;
        QVERIFY(std::isfinite(SoftmaxCrossEntropy<double>::loss(z, &y, nullptr)));
        QVERIFY(SoftmaxCrossEntropy<double>::loss(z, &y, nullptr) < 1e-12);
        y = 1;
        QVERIFY(std::fabs(SoftmaxCrossEntropy<double>::loss(z, &y, nullptr) - 2000.0) < 1e-9);
    }

    void binaryCrossEntropy()
    {
        Rng rng(8);
        MatD z = fd::random(5, 2, rng, 3.0), t(5, 2), dz;
        for (Index i = 0; i < t.size(); ++i)
            t.data()[i] = rng.uniform();
        BinaryCrossEntropy<double>::loss(z, t, &dz);
        auto f = [&]() { return BinaryCrossEntropy<double>::loss(z, t, nullptr); };
        QVERIFY_GRAD(dz, fd::gradient(z, f), kTol);
        MatD big(1, 1), one = MatD::Ones(1, 1);
        big(0, 0) = -800; // log(sigmoid(-800)) must not be -inf
        QVERIFY(std::fabs(BinaryCrossEntropy<double>::loss(big, one, nullptr) - 800.0) < 1e-9);
    }

    void meanSquaredError()
    {
        Rng rng(9);
        MatD o = fd::random(5, 3, rng), t = fd::random(5, 3, rng), d;
        const double l = MeanSquaredError<double>::loss(o, t, &d);
        QVERIFY(std::fabs(l - 0.5 * (o - t).squaredNorm() / 5) < 1e-12);
        auto f = [&]() { return MeanSquaredError<double>::loss(o, t, nullptr); };
        QVERIFY_GRAD(d, fd::gradient(o, f), kTol);
    }

    // Huber (DQN's TD loss): finite differences on both pieces (errors spread over
    // [-3, 3], none within 1e-3 of the kinks at +-delta), its value in both regimes, and its
    // quadratic piece equal to the squared error's.
    void huberLoss()
    {
        Rng rng(10);
        MatD o = fd::random(6, 2, rng, 3.0), t = MatD::Zero(6, 2), d;
        for (Index i = 0; i < o.size(); ++i)
            if (std::fabs(std::fabs(o.data()[i]) - 1.0) < 1e-3)
                o.data()[i] += 0.01;
        int linear = 0;
        for (Index i = 0; i < o.size(); ++i)
            linear += std::fabs(o.data()[i]) > 1;
        QVERIFY(linear > 0 && linear < o.size());
        HuberLoss<double>::loss(o, t, &d);
        auto f = [&]() { return HuberLoss<double>::loss(o, t, nullptr); };
        QVERIFY_GRAD(d, fd::gradient(o, f), kTol);
        MatD one(1, 1), zero = MatD::Zero(1, 1);
        one(0, 0) = 3;
        QCOMPARE(HuberLoss<double>::loss(one, zero, nullptr), 2.5); // 3 - 1/2
        QCOMPARE(HuberLoss<double>::loss(one, zero, nullptr, 4.0), 4.5); // 0.5 * 9
        MatD target = fd::random(4, 3, rng), small = target;
        for (Index i = 0; i < small.size(); ++i)
            small.data()[i] += rng.uniform(-0.9, 0.9); // every error within delta = 1
        QVERIFY(std::fabs(HuberLoss<double>::loss(small, target, nullptr)
                          - MeanSquaredError<double>::loss(small, target, nullptr)) < 1e-12);
    }

    // The spectral penalty (lambda/2) sigma(W)^2 against finite differences of the true
    // sigma (an SVD, not the power iteration it checks), once the iteration has converged;
    // biases untouched; the hard constraint leaves sigma <= 1; the state round-trips.
    void spectralPenaltyGradientAndConstraint()
    {
        Rng rng(12);
        Parameter<double> w{"w", fd::random(6, 4, rng), MatD::Zero(6, 4), false};
        Parameter<double> b{"b", fd::random(1, 4, rng), MatD::Zero(1, 4), true};
        std::vector<Parameter<double>*> ps{&w, &b};
        SpectralNorm<double> sn;
        sn.strength = 0.4;
        Rng init(3);
        sn.init(ps, init);
        QCOMPARE(sn.sigmas().size(), size_t(1)); // one matrix: the bias has none
        auto trueSigma = [](const MatD& m) { return Eigen::JacobiSVD<MatD>(m).singularValues()(0); };
        for (int k = 0; k < 300; ++k)
            sn.iterate(ps);
        QVERIFY(std::fabs(sn.sigmas()[0] - trueSigma(w.value)) < 1e-10);
        QVERIFY(std::fabs(sn.penalty(ps) - 0.2 * std::pow(trueSigma(w.value), 2)) < 1e-9);
        sn.addGradient(ps);
        QVERIFY_GRAD(w.grad, fd::gradient(w.value, [&] { return 0.2 * std::pow(trueSigma(w.value), 2); }), 1e-6);
        QCOMPARE(b.grad, MatD(MatD::Zero(1, 4)));
        // The bound of a one-matrix "network" is its sigma, and measuring it changes nothing.
        const auto before = sn.state();
        const std::vector<double> refined = sn.refinedSigmas({&w, &b}, 5);
        QCOMPARE(refined.size(), size_t(1));
        QVERIFY(std::fabs(refined[0] - trueSigma(w.value)) < 1e-9);
        QCOMPARE(sn.state().u[0], before.u[0]);

        w.value *= 3.0 / trueSigma(w.value); // sigma 3
        sn.hard = true;
        for (int k = 0; k < 50; ++k)
            sn.project(ps);
        QVERIFY2(trueSigma(w.value) <= 1.0 + 1e-9 && trueSigma(w.value) > 0.99, qPrintable(QString::number(trueSigma(w.value))));
        SpectralNorm<double> other;
        Rng init2(4);
        other.init(ps, init2);
        other.setState(sn.state());
        QCOMPARE(other.state().v[0], sn.state().v[0]);
        SpectralNorm<double> none;
        QVERIFY_EXCEPTION_THROWN(none.setState(sn.state()), std::invalid_argument);
    }

    void l2PenaltyGradientAndBiasExclusion()
    {
        Rng rng(10);
        Parameter<double> w{"w", fd::random(3, 4, rng), MatD::Zero(3, 4), false};
        Parameter<double> b{"b", fd::random(1, 4, rng), MatD::Zero(1, 4), true};
        std::vector<Parameter<double>*> ps{&w, &b};
        L2Penalty<double> l2;
        l2.strength = 0.7;
        QVERIFY(std::fabs(l2.penalty(ps) - 0.35 * w.value.squaredNorm()) < 1e-12);
        l2.addGradient(ps);
        QVERIFY_GRAD(w.grad, fd::gradient(w.value, [&] { return l2.penalty(ps); }), kTol);
        QCOMPARE(b.grad, MatD(MatD::Zero(1, 4))); // biases excluded by default
        l2.includeBiases = true;
        l2.addGradient(ps);
        QVERIFY_GRAD(b.grad, fd::gradient(b.value, [&] { return l2.penalty(ps); }), kTol);
    }

    void l1PenaltySubgradientAwayFromZero()
    {
        Rng rng(11);
        Parameter<double> w{"w", fd::randomAwayFromZero(4, 3, rng), MatD::Zero(4, 3), false};
        std::vector<Parameter<double>*> ps{&w};
        L1Proximal<double> l1;
        l1.strength = 0.2;
        const MatD analytic = 0.2 * w.value.array().sign().matrix();
        QVERIFY_GRAD(analytic, fd::gradient(w.value, [&] { return l1.penalty(ps); }), kTol);
    }

    void l1ProximalIsTheExactProxOperator()
    {
        // prox minimises lambda*lr*|w| + (w - w0)^2 / 2; check against a dense 1-D search.
        const double t = 0.3;
        for (double w0 : {-1.0, -0.31, -0.2, 0.0, 0.1, 0.29, 0.5, 2.0}) {
            MatD w(1, 1);
            w(0, 0) = w0;
            L1Proximal<double>::softThreshold(w, t);
            double best = 0, bestVal = 1e300;
            for (int i = -40000; i <= 40000; ++i) {
                const double c = i * 1e-4;
                const double v = t * std::fabs(c) + 0.5 * (c - w0) * (c - w0);
                if (v < bestVal) {
                    bestVal = v;
                    best = c;
                }
            }
            QVERIFY2(std::fabs(w(0, 0) - best) < 2e-4, qPrintable(QString::number(w0)));
        }
    }

    void l1WeightsCanLeaveZeroAgain()
    {
        // A weight thresholded to 0 moves off zero when the gradient pushes harder than lambda.
        Parameter<double> w{"w", MatD::Constant(1, 1, 0.01), MatD::Zero(1, 1), false};
        std::vector<Parameter<double>*> ps{&w};
        L1Proximal<double> l1;
        l1.strength = 1.0;
        l1.afterStep(ps, 0.1);
        QCOMPARE(w.value(0, 0), 0.0);
        w.value(0, 0) -= 0.1 * -5.0; // SGD step with gradient -5 (|g| > lambda)
        l1.afterStep(ps, 0.1);
        QVERIFY(std::fabs(w.value(0, 0) - 0.4) < 1e-12);
    }

    void decoupledWeightDecayExactValues()
    {
        Parameter<double> w{"w", MatD::Constant(2, 2, 3.0), MatD::Zero(2, 2), false};
        Parameter<double> b{"b", MatD::Constant(1, 2, 3.0), MatD::Zero(1, 2), true};
        std::vector<Parameter<double>*> ps{&w, &b};
        DecoupledWeightDecay<double> wd;
        wd.strength = 0.5;
        wd.beforeStep(ps, 0.1);
        QCOMPARE(w.value(0, 0), 3.0 * (1 - 0.05));
        QCOMPARE(b.value(0, 0), 3.0); // biases excluded by default
    }
};

QTEST_GUILESS_MAIN(TestGradcheck)
#include "tst_gradcheck.moc"
