// Two engines, one model (DESIGN section 10): each loss has one definition shared by nn/ and
// the tape, the Module bridge turns Parameters into tape leaves and writes gradients back,
// and the same MLP, loss and data give the same gradients in both engines. Also the tape's
// own safety: constants made from the tape's own values while it grows past its capacity.
#include "Rng.h"
#include "autodiff/Autodiff.h"
#include "autodiff/Module.h"
#include "nn/BinaryCrossEntropy.h"
#include "nn/Linear.h"
#include "nn/MeanSquaredError.h"
#include "nn/Sequential.h"
#include "nn/SoftmaxCrossEntropy.h"

#include <QtTest>

using namespace reglab;

namespace {

MatD randn(Index r, Index c, Rng& rng)
{
    MatD m(r, c);
    for (Index i = 0; i < m.size(); ++i)
        m(i) = rng.normal();
    return m;
}

double relError(const MatD& a, const MatD& b)
{
    if (a.rows() != b.rows() || a.cols() != b.cols())
        return 1e300;
    return (a - b).cwiseAbs().maxCoeff() / std::max(1.0, std::max(a.cwiseAbs().maxCoeff(), b.cwiseAbs().maxCoeff()));
}

enum class Loss { CrossEntropy, Bce, Mse };

struct Grads {
    double loss = 0;
    std::vector<MatD> params;
};

// One training step's loss and gradients of `net` in the nn/ engine.
Grads nnStep(Sequential<double>& net, const MatD& x, Loss loss, const std::vector<int>& labels, const MatD& targets,
             double smoothing, uint64_t dropSeed)
{
    Rng rng(dropSeed);
    const MatD& out = net.forward(x, true, rng);
    MatD dout;
    Grads g;
    switch (loss) {
    case Loss::CrossEntropy: g.loss = SoftmaxCrossEntropy<double>::loss(out, labels.data(), &dout, smoothing); break;
    case Loss::Bce: g.loss = BinaryCrossEntropy<double>::loss(out, targets, &dout); break;
    case Loss::Mse: g.loss = MeanSquaredError<double>::loss(out, targets, &dout); break;
    }
    net.zeroGrad();
    net.backward(dout);
    for (auto* p : net.parameters())
        g.params.push_back(p->grad);
    return g;
}

// The same step on the tape, through the Module bridge.
Grads tapeStep(Sequential<double>& net, const MatD& x, Loss loss, const std::vector<int>& labels,
               const MatD& targets, double smoothing, uint64_t dropSeed)
{
    Tape<double> tape;
    Module<double> m(net.parameters());
    m.bind(tape);
    Rng rng(dropSeed);
    const Var<double> out = forwardOnTape(m, net, tape.constant(x), true, rng);
    Var<double> l;
    switch (loss) {
    case Loss::CrossEntropy: l = softmaxCrossEntropy(out, labels, smoothing); break;
    case Loss::Bce: l = bceWithLogits(out, targets); break;
    case Loss::Mse: l = mse(out, targets); break;
    }
    net.zeroGrad();
    m.backward(l);
    Grads g;
    g.loss = l.item();
    for (auto* p : net.parameters())
        g.params.push_back(p->grad);
    return g;
}

} // namespace

class TestEngines : public QObject {
    Q_OBJECT
private slots:
    void lossesHaveOneDefinition_data()
    {
        QTest::addColumn<int>("loss");
        QTest::addColumn<double>("smoothing");
        QTest::newRow("cross-entropy") << int(Loss::CrossEntropy) << 0.0;
        QTest::newRow("cross-entropy, label smoothing 0.2") << int(Loss::CrossEntropy) << 0.2;
        QTest::newRow("bce") << int(Loss::Bce) << 0.0;
        QTest::newRow("mse") << int(Loss::Mse) << 0.0;
    }
    void lossesHaveOneDefinition()
    {
        // The tape's value is the nn/ value, bit for bit, and its gradient the nn/ gradient.
        QFETCH(int, loss);
        QFETCH(double, smoothing);
        Rng rng(3);
        const MatD z = randn(6, 4, rng);
        const std::vector<int> labels = {0, 3, 2, 1, 1, 0};
        MatD targets = randn(6, 4, rng);
        if (Loss(loss) == Loss::Bce)
            targets = (targets.array() > 0).cast<double>().matrix();
        MatD dz;
        double nnLoss = 0;
        Tape<double> t;
        const Var<double> zv = t.leaf(z);
        Var<double> l;
        switch (Loss(loss)) {
        case Loss::CrossEntropy:
            nnLoss = SoftmaxCrossEntropy<double>::loss(z, labels.data(), &dz, smoothing);
            l = softmaxCrossEntropy(zv, labels, smoothing);
            break;
        case Loss::Bce:
            nnLoss = BinaryCrossEntropy<double>::loss(z, targets, &dz);
            l = bceWithLogits(zv, targets);
            break;
        case Loss::Mse:
            nnLoss = MeanSquaredError<double>::loss(z, targets, &dz);
            l = mse(zv, targets);
            break;
        }
        QCOMPARE(l.item(), nnLoss);
        QVERIFY2(relError(t.grad(l, {zv})[0].value(), dz) < 1e-14, "gradients of the two definitions differ");
    }

    void mseIsHalfTheSquaredDistanceMeanOverRows()
    {
        // The definition itself: 0.5 * sum((out - t)^2) / rows (TensorFlow Playground's square loss).
        MatD out(2, 2), t(2, 2);
        out << 1, 2, 3, 4;
        t << 0, 0, 0, 0;
        QCOMPARE(MeanSquaredError<double>::loss(out, t, nullptr), 0.5 * 30.0 / 2.0);
        Tape<double> tape;
        QCOMPARE(mse(tape.constant(out), t).item(), 7.5);
    }

    void sameMlpSameGradientsInBothEngines_data()
    {
        QTest::addColumn<int>("loss");
        QTest::addColumn<int>("act");
        QTest::addColumn<double>("dropout");
        QTest::addColumn<double>("smoothing");
        QTest::newRow("relu, dropout, CE with smoothing") << int(Loss::CrossEntropy) << int(Activation::ReLU) << 0.3 << 0.1;
        QTest::newRow("tanh, CE") << int(Loss::CrossEntropy) << int(Activation::Tanh) << 0.0 << 0.0;
        QTest::newRow("leaky relu, dropout, BCE") << int(Loss::Bce) << int(Activation::LeakyReLU) << 0.5 << 0.0;
        QTest::newRow("sigmoid, MSE") << int(Loss::Mse) << int(Activation::Sigmoid) << 0.2 << 0.0;
    }
    void sameMlpSameGradientsInBothEngines()
    {
        QFETCH(int, loss);
        QFETCH(int, act);
        QFETCH(double, dropout);
        QFETCH(double, smoothing);
        Rng init(9);
        MlpConfig c;
        c.inputs = 5;
        c.hidden = {16, 12};
        c.outputs = 3;
        c.activation = Activation(act);
        c.dropout = dropout;
        Sequential<double> net = makeMlp<double>(c, init);
        Rng data(4);
        const MatD x = randn(20, 5, data);
        std::vector<int> labels(20);
        for (int& y : labels)
            y = int(data.below(3));
        MatD targets = randn(20, 3, data);
        if (Loss(loss) == Loss::Bce)
            targets = (targets.array() > 0).cast<double>().matrix();

        const Grads a = nnStep(net, x, Loss(loss), labels, targets, smoothing, 77);
        const Grads b = tapeStep(net, x, Loss(loss), labels, targets, smoothing, 77);
        QVERIFY2(std::abs(a.loss - b.loss) <= 1e-12 * std::max(1.0, std::abs(a.loss)),
                 qPrintable(QStringLiteral("loss %1 vs %2").arg(a.loss).arg(b.loss)));
        QCOMPARE(a.params.size(), b.params.size());
        for (size_t i = 0; i < a.params.size(); ++i)
            QVERIFY2(relError(a.params[i], b.params[i]) < 1e-9,
                     qPrintable(QStringLiteral("parameter %1: %2").arg(i).arg(relError(a.params[i], b.params[i]))));
        // The check can fail: another dropout draw gives other gradients.
        if (dropout > 0) {
            const Grads other = tapeStep(net, x, Loss(loss), labels, targets, smoothing, 78);
            QVERIFY(relError(a.params[0], other.params[0]) > 1e-6);
        }
    }

    void moduleBackwardAccumulatesLikeNn()
    {
        // backward() adds into Parameter::grad (nn/ backward does too), so a lab can sum a
        // loss over two passes (e.g. D on real and on fake samples).
        Rng rng(2);
        Linear<double> lin(3, 2, "l");
        lin.weight().value = randn(3, 2, rng);
        Module<double> m({&lin.weight(), &lin.bias()});
        const MatD x = randn(4, 3, rng);
        lin.weight().grad.setZero();
        lin.bias().grad.setZero();
        Tape<double> t;
        for (int pass = 0; pass < 2; ++pass) {
            t.clear();
            m.bind(t);
            m.backward(sumSquares(addRow(matmul(t.constant(x), m.var(lin.weight())), m.var(lin.bias()))));
        }
        const MatD y = (x * lin.weight().value).rowwise() + lin.bias().value.row(0);
        QVERIFY(relError(lin.weight().grad, 2.0 * 2.0 * x.transpose() * y) < 1e-12);
        // A parameter that was not bound is refused with a clear message.
        Linear<double> other(3, 2, "other");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m.var(other.weight()));
    }

    void constantsOfTheTapesOwnValuesSurviveGrowth()
    {
        // tape.constant(v.value()), detach(v) and the loss overloads taking a matrix read a
        // value that lives in the tape while the tape may grow (and move its nodes). A tape
        // reserved for 2 nodes grows many times here; under ASan (the sanitizer pass of
        // .ci/run) a read of the old storage is an error, and without it the copies would
        // come out empty or wrong.
        Tape<double> t(2);
        Rng rng(5);
        Var<double> v = t.leaf(randn(4, 3, rng));
        const MatD first = v.value();
        for (int i = 0; i < 200; ++i) {
            const std::size_t before = t.capacity();
            const Var<double> c = t.constant(v.value());
            QCOMPARE(c.value(), v.value());
            const Var<double> d = detach(v);
            QCOMPARE(d.value(), v.value());
            QVERIFY(!d.requiresGrad());
            const double b = bceWithLogits(v, t.value(d)).item();
            const double m = mse(v, t.value(c)).item();
            QVERIFY(std::isfinite(b));
            QCOMPARE(m, 0.0);
            v = add(c, d);
            (void)before;
        }
        QVERIFY(t.capacity() > 2);
        QCOMPARE(v.value(), first * std::pow(2.0, 200));
    }

    void detachStopsGradients()
    {
        // y = sum(x * detach(x)): dy/dx = detach(x) = x, not 2x.
        Rng rng(6);
        const MatD x0 = randn(3, 3, rng);
        Tape<double> t;
        const Var<double> x = t.leaf(x0);
        const Var<double> y = sum(mul(x, detach(x)));
        QVERIFY(relError(t.grad(y, {x})[0].value(), x0) < 1e-15);
    }
};

QTEST_GUILESS_MAIN(TestEngines)
#include "tst_engines.moc"
