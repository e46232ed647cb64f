// The cae lab (contractive autoencoder, L13): the closed-form penalty against the encoder's
// Jacobian computed by the tape itself (one backward per hidden unit), its gradient against
// finite differences and against differentiating that tape Jacobian a second time, the full
// loss's gradient, the manifold's embedding, denoising corruption, the same numbers at 1 and
// 2 threads, clear refusals of bad params, the saturation warning, and the lesson's two effects: the penalty lowers
// the encoder's sensitivity, and the best λ rises with the noise σ.
#include "FiniteDiff.h"
#include "LabRun.h"
#include "Parallel.h"
#include "autodiff/Ops.h"
#include "labs/cae/CaeLab.h"
#include "labs/cae/ContractiveAe.h"
#include "labs/cae/Manifold.h"

#include <QtTest>

#include <cmath>

using namespace reglab;
using labrun::Sets;

namespace {

// A small autoencoder with weights large enough for the sigmoid to bend.
ContractiveAe smallAe(Rng& rng, Index inputs = 3, Index hidden = 5)
{
    ContractiveAe ae;
    ae.init(inputs, hidden, rng);
    ae.w.value = fd::random(inputs, hidden, rng);
    ae.b.value = fd::random(1, hidden, rng, 0.5);
    ae.c.value = fd::random(1, inputs, rng, 0.5);
    return ae;
}

// The mean over rows of ||J||_F², J taken by the tape: for each hidden unit j, a backward of h
// seeded with ones in column j gives row j of every sample's Jacobian at once (samples do
// not mix). With createGraph the result can be differentiated again.
Var<double> tapeJacobianNormSq(Tape<double>& tape, Var<double> x, Var<double> W, Var<double> b, bool createGraph)
{
    const Var<double> h = ContractiveAe::encode(x, W, b);
    const Index n = h.rows(), k = h.cols();
    Var<double> total;
    for (Index j = 0; j < k; ++j) {
        MatD seed = MatD::Zero(n, k);
        seed.col(j).setOnes();
        const Var<double> rowJ = tape.grad(h, {x}, tape.constant(seed), createGraph)[0];
        const Var<double> s = sumSquares(rowJ);
        total = total.valid() ? add(total, s) : s;
    }
    return scale(total, 1.0 / double(n));
}

double plainLoss(const ContractiveAe& ae, const MatD& x, const MatD& target, double lambda)
{
    const double recon = (ae.reconstruct(x) - target).rowwise().squaredNorm().mean();
    return recon + lambda * ae.jacobianNormSq(x).mean();
}

Sets quick(const std::string& sigma, const std::string& lambda)
{
    return {{"dimension", "10"}, {"sigma", sigma}, {"lambda", lambda}, {"eval_every", "50"}};
}

double finalValue(Lab& lab, int steps, const char* metric)
{
    const auto rows = labrun::run(lab, steps);
    return rows.back().values[size_t(labrun::column(lab, metric))];
}

} // namespace

class TestCae : public QObject {
    Q_OBJECT
private slots:
    // Σ_j (h_j(1 − h_j))² Σ_i W_ij² is ||J_f(x)||_F² of the Jacobian the tape computes.
    void closedFormIsTheTapeJacobian()
    {
        Rng rng(3);
        const ContractiveAe ae = smallAe(rng);
        const MatD x = fd::random(7, 3, rng);
        Tape<double> tape;
        const Var<double> X = tape.leaf(x), W = tape.leaf(ae.w.value), b = tape.leaf(ae.b.value);
        const double viaTape = tapeJacobianNormSq(tape, X, W, b, false).item();
        const double closed = ContractiveAe::contractive(ContractiveAe::encode(X, W, b), W).item();
        QVERIFY(viaTape > 0.1); // the weights bend the sigmoid: not a trivial 0 = 0
        QVERIFY2(std::fabs(closed - viaTape) < 1e-12 * viaTape, qPrintable(QString::number(closed - viaTape)));
        QVERIFY(std::fabs(ae.jacobianNormSq(x).mean() - viaTape) < 1e-12 * viaTape);
        // The explicit Jacobian of one sample, against finite differences of the encoder.
        MatD row = x.row(2);
        const MatD jac = ae.jacobian(row);
        for (Index j = 0; j < ae.hidden(); ++j) {
            const MatD num = fd::gradient(row, [&] { return ae.encode(row)(0, j); });
            QVERIFY(fd::maxRelError(jac.row(j), num) < 1e-8);
        }
    }

    // The penalty's gradient in W and b: against finite differences of the closed form, and
    // against the gradient of the tape's own Jacobian norm (a second-order sweep).
    void penaltyGradientSecondOrder()
    {
        Rng rng(5);
        ContractiveAe ae = smallAe(rng);
        const MatD x = fd::random(6, 3, rng);
        Tape<double> tape;
        const Var<double> X = tape.leaf(x), W = tape.leaf(ae.w.value), b = tape.leaf(ae.b.value);
        const auto closed = tape.grad(ContractiveAe::contractive(ContractiveAe::encode(X, W, b), W), {W, b});
        const auto twice = tape.grad(tapeJacobianNormSq(tape, X, W, b, true), {W, b});
        const auto f = [&] { return ae.jacobianNormSq(x).mean(); };
        const MatD numW = fd::gradient(ae.w.value, f), numB = fd::gradient(ae.b.value, f);
        QVERIFY(numW.norm() > 0.1);
        QVERIFY2(fd::maxRelError(closed[0].value(), numW) < 1e-7, "dpenalty/dW");
        QVERIFY2(fd::maxRelError(closed[1].value(), numB) < 1e-7, "dpenalty/db");
        QVERIFY2(fd::maxRelError(twice[0].value(), numW) < 1e-7, "d||J_tape||²/dW");
        QVERIFY2(fd::maxRelError(twice[1].value(), numB) < 1e-7, "d||J_tape||²/db");
    }

    // recon + λ·penalty, gradients in W (through encoder and tied decoder), b and c.
    void fullLossGradient()
    {
        Rng rng(8);
        ContractiveAe ae = smallAe(rng, 4, 6);
        const MatD x = fd::random(5, 4, rng), target = fd::random(5, 4, rng);
        const double lambda = 0.7;
        Tape<double> tape;
        const Var<double> W = tape.leaf(ae.w.value), b = tape.leaf(ae.b.value), c = tape.leaf(ae.c.value);
        const Var<double> loss = ContractiveAe::loss(tape, W, b, c, x, target, lambda);
        QVERIFY(std::fabs(loss.item() - plainLoss(ae, x, target, lambda)) < 1e-12);
        const auto g = tape.grad(loss, {W, b, c});
        const auto f = [&] { return plainLoss(ae, x, target, lambda); };
        QVERIFY(fd::maxRelError(g[0].value(), fd::gradient(ae.w.value, f)) < 1e-7);
        QVERIFY(fd::maxRelError(g[1].value(), fd::gradient(ae.b.value, f)) < 1e-7);
        QVERIFY(fd::maxRelError(g[2].value(), fd::gradient(ae.c.value, f)) < 1e-7);
    }

    // Points lie on the curve (radius 1, or 0.25 to 1 for the spiral), tangents are unit and
    // orthogonal to the radius for the circle; in R^10 the embedding is orthonormal.
    void manifoldPoints()
    {
        Rng rng(2);
        const Manifold circle("circle", 10, rng);
        const MatD q = circle.embedding();
        QVERIFY((q.transpose() * q - MatD::Identity(2, 2)).norm() < 1e-12);
        const ManifoldPoints p = circle.sample(50, rng);
        QCOMPARE(p.x.cols(), Index(10));
        for (Index i = 0; i < 50; ++i) {
            QVERIFY(std::fabs(p.x.row(i).norm() - 1) < 1e-12);
            QVERIFY(std::fabs(p.tangent.row(i).norm() - 1) < 1e-12);
            QVERIFY(std::fabs(p.x.row(i).dot(p.tangent.row(i))) < 1e-12);
        }
        const Manifold spiral("spiral", 2, rng);
        const ManifoldPoints s = spiral.evenly(100);
        QVERIFY(std::fabs(s.plane.row(0).norm() - 0.25) < 1e-12);
        QVERIFY(std::fabs(s.plane.row(99).norm() - 1.0) < 1e-12);
        // The tangent is the direction to the next point, to first order.
        const RowVec<double> step = (s.plane.row(51) - s.plane.row(49)).normalized(); // central: second order
        QVERIFY(step.dot(s.tangent.row(50)) > 0.9999);
    }

    void badParamsAreRefused()
    {
        auto lab = createLab("cae");
        QVERIFY(!lab->setText("hidden", "1").empty());
        QVERIFY(!lab->setText("dimension", "3").empty());
        QVERIFY(!lab->setText("lambda", "-1").empty());
        QVERIFY(!lab->setText("sigma", "2").empty());
        QVERIFY(lab->setText("manifold", "spiral").empty());
    }

    void sameAtAnyThreadCount()
    {
        std::vector<MetricRow> runs[2];
        for (int threads : {1, 2}) {
            const ThreadShare share(threads);
            auto lab = labrun::makeLab("cae", {{"corruption", "0.1"}, {"lambda", "0.1"}, {"eval_every", "20"}}, 9);
            runs[threads - 1] = labrun::run(*lab, 200);
        }
        QCOMPARE(runs[0].size(), runs[1].size());
        for (size_t i = 0; i < runs[0].size(); ++i)
            for (size_t k = 0; k < runs[0][i].values.size(); ++k)
                QCOMPARE(runs[0][i].values[k], runs[1][i].values[k]);
    }

    // The lesson's first effect: λ 0.1 makes the encoder far less sensitive than λ 0, mostly
    // across the curve, while it still reconstructs the clean points.
    void penaltyLowersSensitivity()
    {
        auto plain = labrun::makeLab("cae", quick("0.1", "0"), 4);
        auto cae = labrun::makeLab("cae", quick("0.1", "0.1"), 4);
        const double s0 = finalValue(*plain, 2000, "sensitivity");
        const auto rows = labrun::run(*cae, 2000);
        const auto last = [&](const char* m) { return rows.back().values[size_t(labrun::column(*cae, m))]; };
        QVERIFY2(last("sensitivity") < 0.5 * s0, qPrintable(QString("%1 vs %2").arg(last("sensitivity")).arg(s0)));
        QVERIFY(last("normal_gain") < 0.4 * last("tangent_gain"));
        QVERIFY(last("recon") < 0.01);
        QVERIFY(last("saturation") > CaeLab::kSaturated);
    }

    // A large step with a strong penalty saturates the units (in R^2): the picture says so.
    void saturationIsWarned()
    {
        auto calm = labrun::makeLab("cae", {{"lambda", "0.1"}}, 1);
        auto hot = labrun::makeLab("cae", {{"lambda", "1"}, {"lr", "0.3"}}, 1);
        const double s0 = finalValue(*calm, 2000, "saturation"), s1 = finalValue(*hot, 2000, "saturation");
        QVERIFY2(s0 > CaeLab::kSaturated && s1 < CaeLab::kSaturated, qPrintable(QString("%1, %2").arg(s0).arg(s1)));
        QVERIFY(calm->views().caption.empty());
        QVERIFY(hot->views().caption.find("saturate") != std::string::npos);
    }

    // Denoising corruption alone (λ 0) also flattens the encoder across the curve.
    void corruptionContracts()
    {
        auto plain = labrun::makeLab("cae", quick("0.1", "0"), 6);
        Sets sets = quick("0.1", "0");
        sets.push_back({"corruption", "0.3"});
        auto dae = labrun::makeLab("cae", sets, 6);
        const double n0 = finalValue(*plain, 1500, "normal_gain"), n1 = finalValue(*dae, 1500, "normal_gain");
        QVERIFY2(n1 < 0.6 * n0, qPrintable(QString("%1 vs %2").arg(n1).arg(n0)));
    }

    // The lesson's second effect (the lesson format holds one run and a twin, not a sweep, so
    // it is checked here): the λ that best reconstructs noisy validation points (against their
    // clean originals) rises with the noise σ of the training data.
    void bestLambdaRisesWithSigma()
    {
        const std::vector<double> lambdas = {0, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3};
        double best[2] = {-1, -1};
        const char* sigmas[2] = {"0.05", "0.2"};
        for (int s = 0; s < 2; ++s) {
            double lowest = 1e300;
            for (double l : lambdas) {
                auto lab = labrun::makeLab("cae", quick(sigmas[s], QString::number(l).toStdString()), 7);
                const double d = finalValue(*lab, 2000, "denoise");
                if (d < lowest) {
                    lowest = d;
                    best[s] = l;
                }
            }
        }
        QVERIFY2(best[0] > 0 && best[1] >= 10 * best[0],
                 qPrintable(QString("best λ %1 at σ 0.05, %2 at σ 0.2").arg(best[0]).arg(best[1])));
    }
};

QTEST_APPLESS_MAIN(TestCae)
#include "tst_cae.moc"
