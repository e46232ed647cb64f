// The GAN losses of the GAN lab (core/labs/gan/GanObjective) on tiny nets in double, for
// every loss with and without R1: the discriminator and generator losses against a
// computation by the nn/ engine (input gradients by finite differences), and both steps'
// parameter gradients against finite differences of the loss (the penalties go through a
// gradient: second order on the tape).
#include "FiniteDiff.h"
#include "Rng.h"
#include "labs/gan/GanObjective.h"
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

class TestGanObjective : public QObject {
    Q_OBJECT
private slots:
    void losses_data()
    {
        QTest::addColumn<QString>("loss");
        QTest::addColumn<double>("r1");
        for (const std::string& l : ganLossNames()) {
            QTest::newRow(l.c_str()) << QString::fromStdString(l) << 0.0;
            QTest::newRow((l + " + R1").c_str()) << QString::fromStdString(l) << 3.0;
        }
    }
    void losses()
    {
        QFETCH(QString, loss);
        QFETCH(double, r1);
        Rng rng(1);
        Sequential<double> g = tinyMlp(2, 2, rng), d = tinyMlp(2, 1, rng);
        GanObjective<double> w(g, d);
        w.loss = ganLossFromName(loss.toStdString());
        w.r1 = r1;
        const Batch b = makeBatch(rng);
        const double got = w.criticStep(b.real, b.z, b.e);
        // The same numbers from the nn/ engine, input gradients by central differences.
        MatD fake, dReal, dFake, scratch;
        g.infer(b.z, fake, scratch);
        d.infer(b.real, dReal, scratch);
        d.infer(fake, dFake, scratch);
        auto inputGrad = [&](MatD xrow) {
            return fd::gradient(xrow, [&] {
                MatD out, s;
                d.infer(xrow, out, s);
                return out(0, 0);
            });
        };
        auto softplus = [](double v) { return std::log1p(std::exp(v)); };
        double expected = 0, gen = 0;
        for (Index i = 0; i < 5; ++i) {
            const double r = dReal(i), f = dFake(i);
            if (loss == QLatin1String("wgan-gp")) {
                const MatD xhat = b.e(i) * b.real.row(i) + (1.0 - b.e(i)) * fake.row(i);
                expected += (f - r + 10.0 * std::pow(inputGrad(xhat).norm() - 1.0, 2)) / 5.0;
                gen -= f / 5.0;
            } else if (loss == QLatin1String("hinge")) {
                expected += (std::max(0.0, 1.0 - r) + std::max(0.0, 1.0 + f)) / 5.0;
                gen -= f / 5.0;
            } else {
                expected += (softplus(-r) + softplus(f)) / 5.0;
                gen += (loss == QLatin1String("minimax") ? -softplus(f) : softplus(-f)) / 5.0;
            }
            expected += 0.5 * r1 * inputGrad(b.real.row(i)).squaredNorm() / 5.0;
        }
        QVERIFY2(std::fabs(got - expected) < 1e-8, qPrintable(QStringLiteral("%1 vs %2").arg(got).arg(expected)));
        QVERIFY2(std::fabs(w.generatorStep(b.z) - gen) < 1e-12, qPrintable(QString::number(gen)));
    }

    void gradientsMatchFiniteDifferences_data() { losses_data(); }
    void gradientsMatchFiniteDifferences()
    {
        Rng rng(2);
        QFETCH(QString, loss);
        QFETCH(double, r1);
        Sequential<double> g = tinyMlp(2, 2, rng), d = tinyMlp(2, 1, rng);
        GanObjective<double> w(g, d);
        w.loss = ganLossFromName(loss.toStdString());
        w.r1 = r1;
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

    void sampleForcesAreMinusEachSamplesGradient_data() { losses_data(); }
    void sampleForcesAreMinusEachSamplesGradient()
    {
        // The arrows on generated samples: with an identity generator, G's loss is a function
        // of the samples themselves, so its finite differences per sample, times n (the loss
        // is a mean), are minus the arrows.
        QFETCH(QString, loss);
        Rng rng(3);
        MlpConfig c;
        c.inputs = 2;
        c.hidden = {};
        c.outputs = 2;
        Sequential<double> g = makeMlp<double>(c, rng), d = tinyMlp(2, 1, rng);
        for (auto* p : g.parameters())
            p->value = p->isBias ? MatD(MatD::Zero(p->value.rows(), p->value.cols())) : MatD(MatD::Identity(2, 2));
        GanObjective<double> w(g, d);
        w.loss = ganLossFromName(loss.toStdString());
        MatD x = fd::random(6, 2, rng);
        const MatD forces = w.sampleForces(x);
        const MatD numeric = fd::gradient(x, [&] { return w.generatorStep(x); });
        QVERIFY_GRAD(forces, MatD(-6.0 * numeric), 1e-7);
    }
};

QTEST_GUILESS_MAIN(TestGanObjective)
#include "tst_ganobjective.moc"
