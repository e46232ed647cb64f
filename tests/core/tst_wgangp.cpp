// The WGAN-GP objective of the GAN lab (core/labs/gan/WganGp) on tiny nets in double: the
// critic and generator losses against a computation by the nn/ engine and finite
// differences, and both steps' parameter gradients against finite differences of the loss
// (the critic's goes through the gradient penalty: second order on the tape).
#include "FiniteDiff.h"
#include "Rng.h"
#include "labs/gan/WganGp.h"
#include "nn/Sequential.h"

#include <QtTest>
#include <cmath>

using namespace reglab;

namespace {
Sequential<double> tinyMlp(Index in, Index out, Rng& rng)
{
    MlpConfig c;
    c.inputs = in;
    c.hidden = {4};
    c.outputs = out;
    c.activation = Activation::Tanh; // smooth: finite differences need no kink care
    c.init = Init::PyTorch;
    return makeMlp<double>(c, rng);
}

struct Batch {
    MatD real, z, e;
};

Batch makeBatch(Rng& rng)
{
    Batch b{fd::random(5, 2, rng), fd::random(5, 2, rng), MatD(5, 1)};
    for (Index i = 0; i < 5; ++i)
        b.e(i) = rng.uniform();
    return b;
}
} // namespace

class TestWganGp : public QObject {
    Q_OBJECT
private slots:
    void criticLossIsTheWganGpFormula()
    {
        Rng rng(1);
        Sequential<double> g = tinyMlp(2, 2, rng), d = tinyMlp(2, 1, rng);
        WganGp<double> w(g, d);
        const Batch b = makeBatch(rng);
        const double loss = w.criticStep(b.real, b.z, b.e);
        // The same number from the nn/ engine, the input gradient by central differences.
        MatD fake, dReal, dFake, scratch;
        g.infer(b.z, fake, scratch);
        d.infer(b.real, dReal, scratch);
        d.infer(fake, dFake, scratch);
        double gp = 0;
        for (Index i = 0; i < 5; ++i) {
            MatD xhat = b.e(i) * b.real.row(i) + (1.0 - b.e(i)) * fake.row(i);
            const MatD grad = fd::gradient(xhat, [&] {
                MatD out, s;
                d.infer(xhat, out, s);
                return out(0, 0);
            });
            gp += std::pow(grad.norm() - 1.0, 2) / 5.0;
        }
        const double expected = dFake.mean() - dReal.mean() + 10.0 * gp;
        QVERIFY2(std::fabs(loss - expected) < 1e-8, qPrintable(QStringLiteral("%1 vs %2").arg(loss).arg(expected)));
        QVERIFY(std::fabs(w.generatorStep(b.z) + dFake.mean()) < 1e-12);
    }

    void gradientsMatchFiniteDifferences()
    {
        Rng rng(2);
        Sequential<double> g = tinyMlp(2, 2, rng), d = tinyMlp(2, 1, rng);
        WganGp<double> w(g, d);
        const Batch b = makeBatch(rng);
        w.criticStep(b.real, b.z, b.e);
        std::vector<MatD> analytic;
        for (auto* p : d.parameters())
            analytic.push_back(p->grad);
        size_t k = 0;
        for (auto* p : d.parameters()) {
            const MatD numeric = fd::gradient(p->value, [&] { return w.criticStep(b.real, b.z, b.e); });
            QVERIFY_GRAD(analytic[k++], numeric, 1e-7);
        }
        for (auto* p : g.parameters()) // the critic step leaves G's gradients alone
            QVERIFY(p->grad.isZero());
        w.generatorStep(b.z);
        analytic.clear();
        for (auto* p : g.parameters())
            analytic.push_back(p->grad);
        k = 0;
        for (auto* p : g.parameters()) {
            const MatD numeric = fd::gradient(p->value, [&] { return w.generatorStep(b.z); });
            QVERIFY_GRAD(analytic[k++], numeric, 1e-7);
        }
    }
};

QTEST_GUILESS_MAIN(TestWganGp)
#include "tst_wgangp.moc"
