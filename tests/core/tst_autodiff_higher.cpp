// Higher-order gradient checks for core/autodiff: every op's second derivative against central
// differences of its gradient, gradient penalties of small MLPs (||grad_x f||^2, the WGAN-GP
// term, the contractive penalty), exact Hessians and a third derivative of a cubic, and sqrt
// at 0 staying finite.
#include <QtTest>

#include <cmath>
#include <string>
#include <vector>

#include "AutodiffCases.h"
#include "GradCheck.h"
#include "Rng.h"
#include "autodiff/Autodiff.h"

using namespace reglab;
using namespace reglab::adcases;
namespace gc = reglab::gradcheck;

namespace {

// h = sum_k <V_k, d objective / d input_k>: a scalar function of the first-order gradients.
double evalSecondOrderScalar(Tape<double>& t, const std::string& name, const std::vector<MatD>& inputs,
                             const CaseData& d)
{
    t.clear();
    const std::vector<Var<double>> in = leaves(t, inputs);
    const std::vector<Var<double>> g = t.grad(objective(name, t, in, d.readout), in);
    double h = 0.0;
    for (std::size_t k = 0; k < g.size(); ++k)
        h += g[k].value().cwiseProduct(d.secondReadout[k]).sum();
    return h;
}

// A 3 -> 5 -> 1 MLP, batch 4, with the given activation: f(x; theta), theta = {W1, b1, W2, b2}.
template <typename S>
Var<S> mlpForward(const std::string& act, Var<S> x, const std::vector<Var<S>>& th)
{
    const Var<S> pre = addRow(matmul(x, th[0]), th[1]);
    const Var<S> h = act == "softplus" ? softplus(pre) : tanh(pre);
    return addRow(matmul(h, th[2]), th[3]);
}

// The penalties of later issues, all functions of the input gradient of the network.
//   gradNormSq:  ||grad_x sum f||^2 (R1 with gamma = 2)
//   wganGp:      mean over samples of (||grad_x f_i|| - 1)^2
//   contractive: ||J||_F^2 of the hidden layer h(x) = tanh(x W1 + b1), one VJP per unit
Var<double> penalty(const std::string& kind, const std::string& act, Tape<double>& t, Var<double> x,
                    const std::vector<Var<double>>& th, bool createGraph)
{
    if (kind == "contractive") {
        const Var<double> h = tanh(addRow(matmul(x, th[0]), th[1]));
        Var<double> total = t.scalar(0.0);
        for (Index j = 0; j < h.cols(); ++j) {
            MatD seed = MatD::Zero(h.rows(), h.cols());
            seed.col(j).setOnes();
            const Var<double> gj = t.grad(h, {x}, t.constant(seed), createGraph)[0];
            total = add(total, sumSquares(gj));
        }
        return total;
    }
    const Var<double> f = mlpForward(act, x, th);
    const Var<double> gx = t.grad(sum(f), {x}, createGraph)[0]; // (4,3): row i is grad of f_i
    if (kind == "wganGp")
        return mean(square(addScalar(sqrt(sumCols(square(gx))), -1.0)));
    return sumSquares(gx);
}

} // namespace

class TestAutodiffHigher : public QObject {
    Q_OBJECT

private slots:
    void opSecondOrder_data();
    void opSecondOrder();
    void gradientPenalty_data();
    void gradientPenalty();
    void hessianOfCubic();
    void sqrtAtZeroIsFinite();
};

void TestAutodiffHigher::opSecondOrder_data()
{
    QTest::addColumn<QString>("op");
    for (const auto& kv : opCases())
        QTest::newRow(kv.first.c_str()) << QString::fromStdString(kv.first);
}

void TestAutodiffHigher::opSecondOrder()
{
    QFETCH(QString, op);
    const std::string name = op.toStdString();
    const CaseData d = makeCase(name);
    const double eps = 1e-6;

    // Analytic: differentiate h = sum_k <V_k, g_k> where the g_k come from a recorded sweep.
    Tape<double> t;
    const std::vector<Var<double>> in = leaves(t, d.inputs);
    const std::vector<Var<double>> g = t.grad(objective(name, t, in, d.readout), in, true);
    Var<double> h = t.scalar(0.0);
    for (std::size_t k = 0; k < g.size(); ++k)
        h = add(h, sum(mul(g[k], t.constant(d.secondReadout[k]))));
    const std::vector<Var<double>> hh = t.grad(h, in);

    Tape<double> ft;
    for (std::size_t k = 0; k < d.inputs.size(); ++k) {
        const auto f = [&](const MatD& xk) {
            std::vector<MatD> inputs = d.inputs;
            inputs[k] = xk;
            return evalSecondOrderScalar(ft, name, inputs, d);
        };
        const MatD numeric = gc::numericGradient(f, d.inputs[k], eps, kinkSkip(d.spec.kink, eps));
        const gc::Comparison c = gc::compare(hh[k].value(), numeric, 1e-2);
        QVERIFY2(c.checked > 0, "no entry was checked");
        QVERIFY2(c.maxError < 1e-6, ("input " + std::to_string(k) + ": " + c.describe()).c_str());
    }
}

void TestAutodiffHigher::gradientPenalty_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("activation");
    QTest::newRow("gradNormSq tanh") << "gradNormSq" << "tanh";
    QTest::newRow("gradNormSq softplus") << "gradNormSq" << "softplus";
    QTest::newRow("wganGp tanh") << "wganGp" << "tanh";
    QTest::newRow("wganGp softplus") << "wganGp" << "softplus";
    QTest::newRow("contractive tanh") << "contractive" << "tanh";
}

void TestAutodiffHigher::gradientPenalty()
{
    // d/dtheta of a penalty on grad_x f(x; theta), against central differences of the function
    // theta -> penalty, where the inner grad_x f is itself computed by the tape.
    QFETCH(QString, kind);
    QFETCH(QString, activation);
    const std::string k = kind.toStdString(), act = activation.toStdString();
    Rng rng(seedOf(k + act));
    const MatD x = randomMat(rng, 4, 3);
    std::vector<MatD> theta = {randomMat(rng, 3, 5), randomMat(rng, 1, 5), randomMat(rng, 5, 1),
                               randomMat(rng, 1, 1)};

    Tape<double> t;
    const Var<double> xv = t.leaf(x, true);
    const std::vector<Var<double>> th = leaves(t, theta);
    const Var<double> p = penalty(k, act, t, xv, th, true);
    QVERIFY(p.requiresGrad());
    const std::vector<Var<double>> dth = t.grad(p, th);

    Tape<double> ft;
    const auto value = [&](const std::vector<MatD>& params) {
        ft.clear();
        const Var<double> xf = ft.leaf(x, true);
        return penalty(k, act, ft, xf, leaves(ft, params), false).item();
    };
    QCOMPARE(value(theta), p.item()); // both paths compute the same penalty

    const double eps = 1e-6;
    for (std::size_t j = 0; j < theta.size(); ++j) {
        const auto f = [&](const MatD& m) {
            std::vector<MatD> params = theta;
            params[j] = m;
            return value(params);
        };
        const MatD numeric = gc::numericGradient(f, theta[j], eps);
        const gc::Comparison c = gc::compare(dth[j].value(), numeric, 1e-2);
        QVERIFY2(c.maxError < 1e-6, ("theta " + std::to_string(j) + ": " + c.describe()).c_str());
    }
    // grad_x f does not depend on the output bias (nor, for the contractive penalty, on the
    // unused output layer): their gradients are exactly zero, not merely small.
    QVERIFY(dth[3].value().isZero(0.0));
    if (k == "contractive")
        QVERIFY(dth[2].value().isZero(0.0));
    else
        QVERIFY(dth[2].value().norm() > 1e-3);
}

void TestAutodiffHigher::hessianOfCubic()
{
    // f(x) = sum_i c_i x_i^3 + (u'x)^3 + x'Ax, whose derivatives are known exactly:
    //   grad      = 3 c.x^2 + 3 (u'x)^2 u + (A + A')x
    //   H v       = 6 c.x.v + 6 (u'x)(u'v) u + (A + A')v
    //   d(v'Hv)/dx = 6 c.v^2 + 6 (u'v)^2 u            (a third derivative)
    const Index n = 4;
    Rng rng(7);
    const MatD x = randomMat(rng, n, 1), c = randomMat(rng, n, 1), u = randomMat(rng, n, 1);
    const MatD A = randomMat(rng, n, n), v = randomMat(rng, n, 1);

    Tape<double> t;
    const Var<double> xv = t.leaf(x), cv = t.constant(c), uv = t.constant(u), Av = t.constant(A);
    const Var<double> ux = matmul(uv, xv, true, false); // (1,1)
    const Var<double> f = add(add(sum(mul(cv, mul(square(xv), xv))), mul(square(ux), ux)),
                              matmul(xv, matmul(Av, xv), true, false));
    const double uTx = (u.transpose() * x)(0, 0), uTv = (u.transpose() * v)(0, 0);

    const Var<double> g = t.grad(f, {xv}, true)[0];
    const MatD gExact = 3.0 * c.cwiseProduct(x.cwiseAbs2()) + 3.0 * uTx * uTx * u + (A + A.transpose()) * x;
    QVERIFY2(gc::compare(g.value(), gExact, 1e-3).maxError < 1e-12, "gradient");

    const Var<double> gv = sum(mul(g, t.constant(v)));
    const Var<double> hv = t.grad(gv, {xv}, true)[0];
    const MatD hvExact = 6.0 * c.cwiseProduct(x).cwiseProduct(v) + 6.0 * uTx * uTv * u + (A + A.transpose()) * v;
    QVERIFY2(gc::compare(hv.value(), hvExact, 1e-3).maxError < 1e-12, "Hessian-vector product");

    // The full Hessian, one column per unit vector.
    const MatD H = MatD(c.cwiseProduct(x).asDiagonal()) * 6.0 + 6.0 * uTx * u * u.transpose() + A + A.transpose();
    for (Index j = 0; j < n; ++j) {
        MatD e = MatD::Zero(n, 1);
        e(j) = 1.0;
        const Var<double> col = t.grad(sum(mul(g, t.constant(e))), {xv})[0];
        QVERIFY2(gc::compare(col.value(), H.col(j), 1e-3).maxError < 1e-12, "Hessian column");
    }

    const Var<double> vHv = sum(mul(hv, t.constant(v)));
    const Var<double> third = t.grad(vHv, {xv})[0];
    const MatD thirdExact = 6.0 * c.cwiseProduct(v.cwiseAbs2()) + 6.0 * uTv * uTv * u;
    QVERIFY2(gc::compare(third.value(), thirdExact, 1e-3).maxError < 1e-12, "third derivative");
}

void TestAutodiffHigher::sqrtAtZeroIsFinite()
{
    // A zero input gradient (e.g. a saturated critic) must not turn the WGAN-GP norm into NaN:
    // the gradient of sqrt at exactly 0 is taken as 0, at first and second order.
    MatD a(1, 3);
    a << 0.0, 4.0, 0.25;
    Tape<double> t;
    const Var<double> av = t.leaf(a);
    const Var<double> r = sqrt(av);
    const Var<double> g = t.grad(sum(r), {av}, true)[0];
    MatD expected(1, 3);
    expected << 0.0, 0.25, 1.0;
    QCOMPARE(g.value(), expected);
    const MatD gg = t.grad(sum(g), {av})[0].value();
    QVERIFY(gg.allFinite());
    QCOMPARE(gg(0), 0.0);
    QVERIFY(std::abs(gg(1) - (-0.25 / 8.0)) < 1e-15); // d/da (1/(2 sqrt a)) = -1/(4 a^1.5)
    QVERIFY(std::abs(gg(2) - (-0.25 / 0.125)) < 1e-15);

    // The full penalty on an all-zero gradient.
    const Var<double> zeros = t.leaf(MatD::Zero(4, 3));
    const Var<double> gp = mean(square(addScalar(sqrt(sumCols(square(zeros))), -1.0)));
    QCOMPARE(gp.item(), 1.0);
    QVERIFY(t.grad(gp, {zeros})[0].value().allFinite());
}

QTEST_GUILESS_MAIN(TestAutodiffHigher)
#include "tst_autodiff_higher.moc"
