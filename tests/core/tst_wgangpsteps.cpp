// WganGpSteps (the closed-form WGAN-GP steps for ReLU-like MLPs) against the autodiff tape,
// which computes the same losses generically (the graph GanObjective records), in double:
// losses and every parameter gradient, for ReLU and leaky ReLU at several depths; a finite-
// difference check on a leaky net; and which nets the closed form accepts.
#include "FiniteDiff.h"
#include "Rng.h"
#include "autodiff/Module.h"
#include "autodiff/Ops.h"
#include "labs/gan/GanObjective.h"
#include "labs/gan/WganGpSteps.h"
#include "nn/Sequential.h"

#include <QtTest>
#include <cmath>

using namespace reglab;

namespace {
template <typename S = double>
Sequential<S> mlp(Index in, std::vector<Index> hidden, Index out, Activation a, Rng& rng)
{
    MlpConfig c;
    c.inputs = in;
    c.hidden = std::move(hidden);
    c.outputs = out;
    c.activation = a;
    c.init = Init::PyTorch;
    return makeMlp<S>(c, rng);
}

struct Batch {
    MatD real, z, e;
};

Batch makeBatch(Index n, Index noise, Rng& rng)
{
    Batch b{fd::random(n, 2, rng), fd::random(n, noise, rng), MatD(n, 1)};
    for (Index i = 0; i < n; ++i)
        b.e(i) = rng.uniform();
    return b;
}

// The wgan-gp critic loss on the tape (as GanObjective records it); its D gradients in *grads.
template <typename S>
double tapeCritic(Sequential<S>& g, Sequential<S>& d, const Mat<S>& real, const Mat<S>& z, const Mat<S>& e,
                  double lambda, std::vector<MatD>* grads)
{
    Tape<S> t;
    Rng unused;
    Module<S> gm(g.parameters()), dm(d.parameters());
    gm.bind(t);
    dm.bind(t);
    const Var<S> fake = detach(forwardOnTape(gm, g, t.constant(z), true, unused));
    const Var<S> dReal = forwardOnTape(dm, d, t.constant(real), true, unused);
    const Var<S> dFake = forwardOnTape(dm, d, fake, true, unused);
    const Mat<S> ev = e.replicate(1, 2);
    const Mat<S> xhat = ev.cwiseProduct(real) + (Mat<S>::Ones(ev.rows(), 2) - ev).cwiseProduct(fake.value());
    const Var<S> xv = t.leaf(xhat);
    const Var<S> gx = t.grad(sum(forwardOnTape(dm, d, xv, true, unused)), {xv}, true)[0];
    const Var<S> norms = sqrt(sumCols(square(gx)));
    const Var<S> total = add(sub(mean(dFake), mean(dReal)), scale(mean(square(addScalar(norms, S(-1)))), S(lambda)));
    grads->clear();
    for (const Var<S>& v : dm.gradients(total, false))
        grads->push_back(v.value().template cast<double>());
    return double(total.item());
}

// -mean D(G(z)) on the tape; its G gradients in *grads.
template <typename S>
double tapeGenerator(Sequential<S>& g, Sequential<S>& d, const Mat<S>& z, std::vector<MatD>* grads)
{
    Tape<S> t;
    Rng unused;
    Module<S> gm(g.parameters()), dm(d.parameters());
    gm.bind(t);
    dm.bind(t);
    const Var<S> total = neg(mean(forwardOnTape(dm, d, forwardOnTape(gm, g, t.constant(z), true, unused), true, unused)));
    grads->clear();
    for (const Var<S>& v : gm.gradients(total, false))
        grads->push_back(v.value().template cast<double>());
    return double(total.item());
}

double relDiff(const MatD& a, const MatD& b)
{
    return (a - b).cwiseAbs().maxCoeff() / std::max(1.0, b.cwiseAbs().maxCoeff());
}
} // namespace

class TestWganGpSteps : public QObject {
    Q_OBJECT
private slots:
    void matchesTape_data()
    {
        QTest::addColumn<int>("activation");
        QTest::addColumn<int>("depth");
        for (int depth : {1, 2, 3}) {
            QTest::newRow(qPrintable(QStringLiteral("relu %1").arg(depth))) << int(Activation::ReLU) << depth;
            QTest::newRow(qPrintable(QStringLiteral("leaky %1").arg(depth))) << int(Activation::LeakyReLU) << depth;
        }
    }
    void matchesTape()
    {
        QFETCH(int, activation);
        QFETCH(int, depth);
        Rng rng(7 + depth);
        const std::vector<Index> widths = {6, 5, 7};
        const std::vector<Index> hidden(widths.begin(), widths.begin() + depth);
        Sequential<double> g = mlp(3, hidden, 2, Activation(activation), rng);
        Sequential<double> d = mlp(2, hidden, 1, Activation(activation), rng);
        QVERIFY(WganGpSteps<double>::supports(g, d));
        const Batch b = makeBatch(9, 3, rng);

        std::vector<MatD> expected;
        const double tapeLoss = tapeCritic(g, d, b.real, b.z, b.e, 10.0, &expected);
        WganGpSteps<double> w;
        const double loss = w.criticStep(g, d, b.real, b.z, b.e, 10.0);
        QVERIFY2(std::fabs(loss - tapeLoss) < 1e-12, qPrintable(QStringLiteral("%1 vs %2").arg(loss).arg(tapeLoss)));
        const auto dp = d.parameters();
        for (size_t k = 0; k < dp.size(); ++k)
            QVERIFY2(relDiff(dp[k]->grad, expected[k]) < 1e-12, dp[k]->name.c_str());

        const double tapeG = tapeGenerator(g, d, b.z, &expected);
        const double lossG = w.generatorStep(g, d, b.z);
        QVERIFY(std::fabs(lossG - tapeG) < 1e-12);
        const auto gp = g.parameters();
        for (size_t k = 0; k < gp.size(); ++k)
            QVERIFY2(relDiff(gp[k]->grad, expected[k]) < 1e-12, gp[k]->name.c_str());
    }

    // In float, at W3's sizes (the AVX-512 products where the machine has them): the same
    // numbers as the tape up to float rounding.
    void matchesTapeInFloat()
    {
        Rng rng(21);
        Sequential<float> g = mlp<float>(2, {64, 64}, 2, Activation::ReLU, rng);
        Sequential<float> d = mlp<float>(2, {64, 64}, 1, Activation::ReLU, rng);
        const Index n = 200; // not a multiple of the 64-row blocks
        const MatF real = fd::random(n, 2, rng).cast<float>(), z = fd::random(n, 2, rng).cast<float>();
        MatF e(n, 1);
        for (Index i = 0; i < n; ++i)
            e(i) = float(rng.uniform());
        std::vector<MatD> expected;
        const double tapeLoss = tapeCritic(g, d, real, z, e, 10.0, &expected);
        WganGpSteps<float> w;
        const double loss = w.criticStep(g, d, real, z, e, 10.0);
        QVERIFY2(std::fabs(loss - tapeLoss) < 1e-4 * std::max(1.0, std::fabs(tapeLoss)),
                 qPrintable(QStringLiteral("%1 vs %2").arg(loss).arg(tapeLoss)));
        const auto dp = d.parameters();
        for (size_t k = 0; k < dp.size(); ++k)
            QVERIFY2(relDiff(dp[k]->grad.cast<double>(), expected[k]) < 1e-4, dp[k]->name.c_str());
        const double tapeG = tapeGenerator(g, d, z, &expected);
        QVERIFY(std::fabs(w.generatorStep(g, d, z) - tapeG) < 1e-4 * std::max(1.0, std::fabs(tapeG)));
        const auto gp = g.parameters();
        for (size_t k = 0; k < gp.size(); ++k)
            QVERIFY2(relDiff(gp[k]->grad.cast<double>(), expected[k]) < 1e-4, gp[k]->name.c_str());
    }

    // The closed form on its own against finite differences (leaky ReLU: a kink is hit only
    // where a pre-activation is within eps of 0, which these draws avoid).
    void gradientsMatchFiniteDifferences()
    {
        Rng rng(11);
        Sequential<double> g = mlp(2, {5, 4}, 2, Activation::LeakyReLU, rng);
        Sequential<double> d = mlp(2, {5, 4}, 1, Activation::LeakyReLU, rng);
        const Batch b = makeBatch(6, 2, rng);
        WganGpSteps<double> w;
        w.criticStep(g, d, b.real, b.z, b.e, 10.0);
        std::vector<MatD> analytic;
        for (auto* p : d.parameters())
            analytic.push_back(p->grad);
        size_t k = 0;
        for (auto* p : d.parameters()) {
            const MatD numeric = fd::gradient(p->value, [&] { return w.criticStep(g, d, b.real, b.z, b.e, 10.0); });
            QVERIFY_GRAD(analytic[k++], numeric, 1e-7);
        }
        w.generatorStep(g, d, b.z);
        analytic.clear();
        for (auto* p : g.parameters())
            analytic.push_back(p->grad);
        k = 0;
        for (auto* p : g.parameters()) {
            const MatD numeric = fd::gradient(p->value, [&] { return w.generatorStep(g, d, b.z); });
            QVERIFY_GRAD(analytic[k++], numeric, 1e-7);
        }
    }

    // Each step leaves the other net's gradients alone, as GanObjective's tape steps do.
    void leavesTheOtherNetAlone()
    {
        Rng rng(5);
        Sequential<double> g = mlp(2, {4}, 2, Activation::ReLU, rng), d = mlp(2, {4}, 1, Activation::ReLU, rng);
        const Batch b = makeBatch(5, 2, rng);
        for (auto* p : g.parameters())
            p->grad.setConstant(3.0);
        WganGpSteps<double> w;
        w.criticStep(g, d, b.real, b.z, b.e, 10.0);
        for (auto* p : g.parameters())
            QVERIFY((p->grad.array() == 3.0).all());
        for (auto* p : d.parameters())
            p->grad.setConstant(3.0);
        w.generatorStep(g, d, b.z);
        for (auto* p : d.parameters())
            QVERIFY((p->grad.array() == 3.0).all());
    }

    // Only ReLU-like chains of Linear layers with a one-unit critic take the closed form.
    void supports()
    {
        Rng rng(3);
        Sequential<double> relu = mlp(2, {4}, 2, Activation::ReLU, rng);
        Sequential<double> critic = mlp(2, {4}, 1, Activation::ReLU, rng);
        QVERIFY(WganGpSteps<double>::supports(relu, critic));
        QVERIFY(!WganGpSteps<double>::supports(relu, relu)); // two outputs: not a critic
        Sequential<double> tanhNet = mlp(2, {4}, 1, Activation::Tanh, rng);
        QVERIFY(!WganGpSteps<double>::supports(relu, tanhNet));
        MlpConfig c;
        c.hidden = {4};
        c.outputs = 1;
        c.dropout = 0.5;
        Sequential<double> dropout = makeMlp<double>(c, rng);
        QVERIFY(!WganGpSteps<double>::supports(relu, dropout));
        c.dropout = 0;
        c.batchNorm = true;
        Sequential<double> bn = makeMlp<double>(c, rng);
        QVERIFY(!WganGpSteps<double>::supports(relu, bn));
        c.batchNorm = false;
        c.outputActivation = Activation::Sigmoid;
        Sequential<double> sig = makeMlp<double>(c, rng);
        QVERIFY(!WganGpSteps<double>::supports(relu, sig));
    }
};

QTEST_GUILESS_MAIN(TestWganGpSteps)
#include "tst_wgangpsteps.moc"
