// Gradient checks for core/autodiff: every op against central differences (first and second
// order), gradient penalties of small MLPs, exact Hessians of a cubic, fan-out, tape reuse and
// bad-input errors.
#include <QtTest>

#include <cmath>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "GradCheck.h"
#include "Rng.h"
#include "autodiff/Autodiff.h"

using namespace reglab;
namespace gc = reglab::gradcheck;

namespace {

// How an op's test inputs are drawn: some ops need positive (log, sqrt) or non-zero (div)
// arguments; Kinked puts entries exactly on and right next to the kink at 0.
enum class Domain { Any, Positive, NonZero, Unit, Kinked };

struct OpCase {
    std::vector<std::pair<Index, Index>> shapes;
    std::vector<Domain> domains;
    bool kink = false; // the op is not differentiable where an input entry is 0
};

const std::map<std::string, OpCase>& opCases()
{
    using D = Domain;
    static const std::map<std::string, OpCase> cases = {
        {"add", {{{3, 4}, {3, 4}}, {D::Any, D::Any}}},
        {"sub", {{{3, 4}, {3, 4}}, {D::Any, D::Any}}},
        {"mul", {{{3, 4}, {3, 4}}, {D::Any, D::Any}}},
        {"div", {{{3, 4}, {3, 4}}, {D::Any, D::NonZero}}},
        {"divSafe", {{{3, 4}, {3, 4}}, {D::Any, D::NonZero}}},
        {"neg", {{{3, 4}}, {D::Any}}},
        {"scale", {{{3, 4}}, {D::Any}}},
        {"addScalar", {{{3, 4}}, {D::Any}}},
        {"operators", {{{3, 2}, {3, 2}}, {D::Any, D::Any}}},
        {"square", {{{3, 4}}, {D::Any}}},
        {"sqrt", {{{3, 4}}, {D::Positive}}},
        {"exp", {{{3, 4}}, {D::Any}}},
        {"log", {{{3, 4}}, {D::Positive}}},
        {"tanh", {{{3, 4}}, {D::Any}}},
        {"sigmoid", {{{3, 4}}, {D::Any}}},
        {"softplus", {{{3, 4}}, {D::Any}}},
        {"relu", {{{3, 4}}, {D::Kinked}, true}},
        {"leakyRelu", {{{3, 4}}, {D::Kinked}, true}},
        {"abs", {{{3, 4}}, {D::Kinked}, true}},
        {"scaleByVar", {{{3, 4}, {1, 1}}, {D::Any, D::Any}}},
        {"matmul", {{{3, 4}, {4, 2}}, {D::Any, D::Any}}},
        {"matmulTN", {{{4, 3}, {4, 2}}, {D::Any, D::Any}}},
        {"matmulNT", {{{3, 4}, {2, 4}}, {D::Any, D::Any}}},
        {"matmulTT", {{{4, 3}, {2, 4}}, {D::Any, D::Any}}},
        {"transpose", {{{3, 4}}, {D::Any}}},
        {"addRow", {{{5, 3}, {1, 3}}, {D::Any, D::Any}}},
        {"addCol", {{{5, 3}, {5, 1}}, {D::Any, D::Any}}},
        {"broadcastRows", {{{1, 3}}, {D::Any}}},
        {"broadcastCols", {{{4, 1}}, {D::Any}}},
        {"fill", {{{1, 1}}, {D::Any}}},
        {"sum", {{{3, 4}}, {D::Any}}},
        {"sumRows", {{{3, 4}}, {D::Any}}},
        {"sumCols", {{{3, 4}}, {D::Any}}},
        {"mean", {{{3, 4}}, {D::Any}}},
        {"sumSquares", {{{3, 4}}, {D::Any}}},
        {"softmaxRows", {{{4, 5}}, {D::Any}}},
        {"logSoftmaxRows", {{{4, 5}}, {D::Any}}},
        {"softmaxCrossEntropy", {{{4, 5}}, {D::Any}}},
        {"bceWithLogits", {{{4, 2}, {4, 2}}, {D::Any, D::Unit}}},
        {"bceWithLogitsConst", {{{4, 2}}, {D::Any}}},
        {"mse", {{{3, 2}, {3, 2}}, {D::Any, D::Any}}},
        {"mseConst", {{{3, 2}}, {D::Any}}},
        {"mlp", {{{4, 3}, {3, 5}, {1, 5}, {5, 2}, {1, 2}}, {D::Any, D::Any, D::Any, D::Any, D::Any}}},
    };
    return cases;
}

// The op under test applied to its inputs.
template <typename S>
Var<S> buildOp(const std::string& name, Tape<S>& t, const std::vector<Var<S>>& in)
{
    if (name == "add") return add(in[0], in[1]);
    if (name == "sub") return sub(in[0], in[1]);
    if (name == "mul") return mul(in[0], in[1]);
    if (name == "div") return div(in[0], in[1]);
    if (name == "divSafe") return divSafe(in[0], in[1]);
    if (name == "neg") return neg(in[0]);
    if (name == "scale") return scale(in[0], S(-1.7));
    if (name == "addScalar") return addScalar(in[0], S(0.3));
    if (name == "operators") return S(2) * (in[0] + in[1]) - (-in[0]) * S(0.5);
    if (name == "square") return square(in[0]);
    if (name == "sqrt") return sqrt(in[0]);
    if (name == "exp") return exp(in[0]);
    if (name == "log") return log(in[0]);
    if (name == "tanh") return tanh(in[0]);
    if (name == "sigmoid") return sigmoid(in[0]);
    if (name == "softplus") return softplus(in[0]);
    if (name == "relu") return relu(in[0]);
    if (name == "leakyRelu") return leakyRelu(in[0], S(0.1));
    if (name == "abs") return abs(in[0]);
    if (name == "scaleByVar") return scaleByVar(in[0], in[1]);
    if (name == "matmul") return matmul(in[0], in[1]);
    if (name == "matmulTN") return matmul(in[0], in[1], true, false);
    if (name == "matmulNT") return matmul(in[0], in[1], false, true);
    if (name == "matmulTT") return matmul(in[0], in[1], true, true);
    if (name == "transpose") return transpose(in[0]);
    if (name == "addRow") return addRow(in[0], in[1]);
    if (name == "addCol") return addCol(in[0], in[1]);
    if (name == "broadcastRows") return broadcastRows(in[0], 4);
    if (name == "broadcastCols") return broadcastCols(in[0], 3);
    if (name == "fill") return fill(in[0], 2, 3);
    if (name == "sum") return sum(in[0]);
    if (name == "sumRows") return sumRows(in[0]);
    if (name == "sumCols") return sumCols(in[0]);
    if (name == "mean") return mean(in[0]);
    if (name == "sumSquares") return sumSquares(in[0]);
    if (name == "softmaxRows") return softmaxRows(in[0]);
    if (name == "logSoftmaxRows") return logSoftmaxRows(in[0]);
    if (name == "softmaxCrossEntropy") return softmaxCrossEntropy(in[0], {0, 3, 1, 4});
    if (name == "bceWithLogits") return bceWithLogits(in[0], in[1]);
    if (name == "bceWithLogitsConst") {
        Mat<S> targets(4, 2);
        targets << 1, 0, 0, 1, 1, 1, 0, 0;
        return bceWithLogits(in[0], targets);
    }
    if (name == "mse") return mse(in[0], in[1]);
    if (name == "mseConst") {
        Mat<S> target(3, 2);
        target << 0.5, -1, 2, 0, -0.25, 1;
        return mse(in[0], target);
    }
    if (name == "mlp") // x W1 + b1 -> tanh -> W2 + b2
        return addRow(matmul(tanh(addRow(matmul(in[0], in[1]), in[2])), in[3]), in[4]);
    (void)t;
    throw std::logic_error("unknown op case " + name);
}

// The scalar that is differentiated: a random linear readout of the op's output plus half its
// squared norm. The square makes every gradient depend on the output, so the second-order
// check also runs through the backward rules of linear ops.
template <typename S>
Var<S> objective(const std::string& name, Tape<S>& t, const std::vector<Var<S>>& in, const Mat<S>& readout)
{
    const Var<S> out = buildOp(name, t, in);
    return add(sum(mul(out, t.constant(readout))), scale(sumSquares(out), S(0.5)));
}

uint64_t seedOf(const std::string& s)
{
    uint64_t h = 1469598103934665603ull; // FNV-1a: a stable per-case seed
    for (char c : s)
        h = (h ^ uint64_t(static_cast<unsigned char>(c))) * 1099511628211ull;
    return h;
}

MatD randomMat(Rng& rng, Index r, Index c, Domain d = Domain::Any)
{
    MatD m(r, c);
    for (Index i = 0; i < m.size(); ++i) {
        switch (d) {
        case Domain::Any:
        case Domain::Kinked: m(i) = rng.normal(); break;
        case Domain::Positive: m(i) = rng.uniform(0.5, 2.0); break;
        case Domain::NonZero: m(i) = (rng.bernoulli(0.5) ? 1.0 : -1.0) * rng.uniform(0.5, 2.0); break;
        case Domain::Unit: m(i) = rng.uniform(0.05, 0.95); break;
        }
    }
    if (d == Domain::Kinked && m.size() >= 2) {
        m(0) = 0.0;   // exactly on the kink
        m(1) = 1e-9;  // within the finite-difference step of it
    }
    return m;
}

// Inputs and readout of one op case, in double; float tests cast them.
struct CaseData {
    OpCase spec;
    std::vector<MatD> inputs;
    MatD readout;
    std::vector<MatD> secondReadout; // one per input, for the second-order check
};

CaseData makeCase(const std::string& name)
{
    CaseData d;
    d.spec = opCases().at(name);
    Rng rng(seedOf(name));
    for (std::size_t k = 0; k < d.spec.shapes.size(); ++k)
        d.inputs.push_back(randomMat(rng, d.spec.shapes[k].first, d.spec.shapes[k].second, d.spec.domains[k]));
    Tape<double> t;
    std::vector<Var<double>> in;
    for (const MatD& m : d.inputs)
        in.push_back(t.constant(m));
    const Var<double> out = buildOp(name, t, in);
    d.readout = randomMat(rng, out.rows(), out.cols());
    for (const MatD& m : d.inputs)
        d.secondReadout.push_back(randomMat(rng, m.rows(), m.cols()));
    return d;
}

template <typename S>
std::vector<Mat<S>> castAll(const std::vector<MatD>& ms)
{
    std::vector<Mat<S>> out;
    for (const MatD& m : ms)
        out.push_back(m.cast<S>());
    return out;
}

template <typename S>
std::vector<Var<S>> leaves(Tape<S>& t, const std::vector<Mat<S>>& ms)
{
    std::vector<Var<S>> out;
    for (const Mat<S>& m : ms)
        out.push_back(t.leaf(m, true));
    return out;
}

template <typename S>
S evalObjective(Tape<S>& t, const std::string& name, const std::vector<Mat<S>>& inputs, const Mat<S>& readout)
{
    t.clear();
    return objective(name, t, leaves(t, inputs), readout).item();
}

// Analytic first-order gradients of the objective.
template <typename S>
std::vector<Mat<S>> analyticGradients(const std::string& name, const std::vector<Mat<S>>& inputs,
                                      const Mat<S>& readout)
{
    Tape<S> t;
    const std::vector<Var<S>> in = leaves(t, inputs);
    const std::vector<Var<S>> g = t.grad(objective(name, t, in, readout), in);
    std::vector<Mat<S>> out;
    for (const Var<S>& v : g)
        out.push_back(v.value());
    return out;
}

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

template <typename S>
auto kinkSkip(bool kink, S eps)
{
    return [kink, eps](const Mat<S>& x, Index i) { return kink && std::abs(x(i)) < S(10) * eps; };
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

class TestAutodiff : public QObject {
    Q_OBJECT

private slots:
    void opGradient_data();
    void opGradient();
    void opSecondOrder_data() { opGradient_data(); }
    void opSecondOrder();
    void opFloatSmoke_data() { opGradient_data(); }
    void opFloatSmoke();
    void gradientPenalty_data();
    void gradientPenalty();
    void hessianOfCubic();
    void fanOutAccumulates();
    void clearReusesStorage();
    void sqrtAtZeroIsFinite();
    void unreachableWrtGetsZero();
    void badInputThrows_data();
    void badInputThrows();
};

void TestAutodiff::opGradient_data()
{
    QTest::addColumn<QString>("op");
    for (const auto& kv : opCases())
        QTest::newRow(kv.first.c_str()) << QString::fromStdString(kv.first);
}

void TestAutodiff::opGradient()
{
    QFETCH(QString, op);
    const std::string name = op.toStdString();
    const CaseData d = makeCase(name);
    const double eps = 1e-6;
    const std::vector<MatD> analytic = analyticGradients<double>(name, d.inputs, d.readout);
    QCOMPARE(analytic.size(), d.inputs.size());

    Tape<double> t;
    int skipped = 0;
    for (std::size_t k = 0; k < d.inputs.size(); ++k) {
        const auto f = [&](const MatD& xk) {
            std::vector<MatD> in = d.inputs;
            in[k] = xk;
            return evalObjective(t, name, in, d.readout);
        };
        const MatD numeric = gc::numericGradient(f, d.inputs[k], eps, kinkSkip(d.spec.kink, eps));
        skipped += int(numeric.array().isNaN().count());
        const gc::Comparison c = gc::compare(analytic[k], numeric, 1e-2);
        QVERIFY2(c.checked > 0, "no entry was checked");
        QVERIFY2(c.maxError < 1e-6, ("input " + std::to_string(k) + ": " + c.describe()).c_str());
    }
    // The kinked inputs hold an entry at 0 and one within eps of it; both must be skipped,
    // and nothing else.
    QCOMPARE(skipped, d.spec.kink ? 2 : 0);
}

void TestAutodiff::opSecondOrder()
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

void TestAutodiff::opFloatSmoke()
{
    // Float is what training runs in. Its gradients must match the double ones to float
    // precision (2e-5 relative leaves room for the ~1e-7 rounding compounded over a few
    // ops), and a float finite difference (step 1e-2, rounding ~1e-5 of the value / step)
    // must agree to 5e-3.
    QFETCH(QString, op);
    const std::string name = op.toStdString();
    const CaseData d = makeCase(name);
    const std::vector<MatF> inF = castAll<float>(d.inputs);
    const MatF readoutF = d.readout.cast<float>();
    const std::vector<MatF> gF = analyticGradients<float>(name, inF, readoutF);
    const std::vector<MatD> gD = analyticGradients<double>(name, d.inputs, d.readout);

    const float eps = 1e-2f;
    Tape<float> t;
    for (std::size_t k = 0; k < d.inputs.size(); ++k) {
        const gc::Comparison vsDouble = gc::compare(gF[k], gD[k], 1.0);
        QVERIFY2(vsDouble.maxError < 2e-5, ("vs double, input " + std::to_string(k) + ": " + vsDouble.describe()).c_str());

        const auto f = [&](const MatF& xk) {
            std::vector<MatF> in = inF;
            in[k] = xk;
            return evalObjective(t, name, in, readoutF);
        };
        const MatF numeric = gc::numericGradient(f, inF[k], eps, kinkSkip(d.spec.kink, eps));
        const gc::Comparison c = gc::compare(gF[k], numeric, 1.0);
        QVERIFY2(c.checked > 0, "no entry was checked");
        QVERIFY2(c.maxError < 5e-3, ("vs float differences, input " + std::to_string(k) + ": " + c.describe()).c_str());
    }
}

void TestAutodiff::gradientPenalty_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("activation");
    QTest::newRow("gradNormSq tanh") << "gradNormSq" << "tanh";
    QTest::newRow("gradNormSq softplus") << "gradNormSq" << "softplus";
    QTest::newRow("wganGp tanh") << "wganGp" << "tanh";
    QTest::newRow("wganGp softplus") << "wganGp" << "softplus";
    QTest::newRow("contractive tanh") << "contractive" << "tanh";
}

void TestAutodiff::gradientPenalty()
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

void TestAutodiff::hessianOfCubic()
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

void TestAutodiff::fanOutAccumulates()
{
    // x is used by five consumers (twice by one of them); every path must add in.
    //   y = sum(x.x) + sum(3x) + sum(x x') + sum(x + x) + sum(tanh(x)) + sum(tanh(x)^2)
    //   dy/dx = 2x + 3 + 2 colsum(x) + 2 + (1 + 2 tanh x)(1 - tanh^2 x)
    Rng rng(11);
    const MatD x = randomMat(rng, 3, 2);
    Tape<double> t;
    const Var<double> xv = t.leaf(x);
    const Var<double> th = tanh(xv); // itself used twice
    const Var<double> y = add(add(add(sum(mul(xv, xv)), sum(scale(xv, 3.0))),
                                  add(sum(matmul(xv, xv, false, true)), sum(add(xv, xv)))),
                              add(sum(th), sumSquares(th)));
    const Var<double> g = t.grad(y, {xv}, true)[0];

    const MatD tx = x.array().tanh().matrix();
    const MatD colsum = x.colwise().sum().replicate(x.rows(), 1);
    const MatD gExact = (2.0 * x.array() + 5.0 + 2.0 * colsum.array()
                         + (1.0 + 2.0 * tx.array()) * (1.0 - tx.array().square())).matrix();
    QVERIFY2(gc::compare(g.value(), gExact, 1e-3).maxError < 1e-12, "first order");

    // Second order through the same fan-out, with the tanh terms checked by differences:
    // h = ||g||^2, dh/dx = 2 J_g' g.
    const Var<double> h = sumSquares(g);
    const MatD dh = t.grad(h, {xv})[0].value();
    Tape<double> ft;
    const auto hOf = [&](const MatD& xx) {
        ft.clear();
        const Var<double> xf = ft.leaf(xx);
        const Var<double> tf = tanh(xf);
        const Var<double> yf = add(add(add(sum(mul(xf, xf)), sum(scale(xf, 3.0))),
                                       add(sum(matmul(xf, xf, false, true)), sum(add(xf, xf)))),
                                   add(sum(tf), sumSquares(tf)));
        return ft.grad(yf, {xf})[0].value().squaredNorm();
    };
    const gc::Comparison c = gc::compare(dh, gc::numericGradient(hOf, x, 1e-6), 1e-2);
    QVERIFY2(c.maxError < 1e-6, c.describe().c_str());

    // Listing the same Var twice in wrt returns the same gradient twice.
    const std::vector<Var<double>> twice = t.grad(y, {xv, xv});
    QCOMPARE(twice[0].value(), twice[1].value());
    QVERIFY2(gc::compare(twice[0].value(), gExact, 1e-3).maxError < 1e-12, "duplicate wrt");
}

void TestAutodiff::clearReusesStorage()
{
    Rng rng(3);
    const MatD x = randomMat(rng, 8, 3), W1 = randomMat(rng, 3, 6), b1 = randomMat(rng, 1, 6);
    const MatD W2 = randomMat(rng, 6, 2), b2 = randomMat(rng, 1, 2);
    const std::vector<int> labels = {0, 1, 1, 0, 1, 0, 0, 1};

    Tape<double> t(4); // deliberately small: the first step grows it, later steps must not
    const auto step = [&](const MatD& w1) {
        t.clear();
        const Var<double> xv = t.constant(x);
        const std::vector<Var<double>> th = {t.leaf(w1), t.leaf(b1), t.leaf(W2), t.leaf(b2)};
        const Var<double> logits = addRow(matmul(relu(addRow(matmul(xv, th[0]), th[1])), th[2]), th[3]);
        const Var<double> loss = softmaxCrossEntropy(logits, labels);
        const int before = t.size();
        const std::vector<Var<double>> g = t.grad(loss, th);
        // Without createGraph the sweep leaves only the gradient leaves behind.
        if (t.size() != before + int(th.size()))
            throw std::runtime_error("the tape kept the nodes of a sweep without createGraph");
        std::vector<MatD> out;
        for (const Var<double>& v : g) {
            if (v.requiresGrad())
                throw std::runtime_error("a gradient without createGraph requires grad");
            out.push_back(v.value());
        }
        out.push_back(loss.value());
        return out;
    };

    const std::vector<MatD> first = step(W1);
    const std::size_t capacity = t.capacity();
    const int size = t.size();
    std::vector<const double*> storage;
    for (int i = 0; i < size; ++i)
        storage.push_back(t.valueAt(i).data());

    const MatD W1b = W1 * 0.5;
    const std::vector<MatD> other = step(W1b);
    const std::vector<MatD> again = step(W1);
    QCOMPARE(t.size(), size);
    QCOMPARE(t.capacity(), capacity);
    for (int i = 0; i < size; ++i)
        QVERIFY2(t.valueAt(i).data() == storage[std::size_t(i)], "a node reallocated its matrix");
    for (std::size_t k = 0; k < first.size(); ++k)
        QCOMPARE(again[k], first[k]); // bit-identical on a reused tape
    QVERIFY(other[0] != first[0]);

    // A fresh tape agrees with the reused one.
    Tape<double> fresh;
    const Var<double> xv = fresh.constant(x);
    const Var<double> w = fresh.leaf(W1);
    const Var<double> logits = addRow(matmul(relu(addRow(matmul(xv, w), fresh.constant(b1))),
                                             fresh.constant(W2)), fresh.constant(b2));
    QCOMPARE(fresh.grad(softmaxCrossEntropy(logits, labels), {w})[0].value(), first[0]);

    // A Var from before clear() is stale and says so.
    const Var<double> old = fresh.leaf(W1);
    fresh.clear();
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, old.value());
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tanh(old));
    // A different graph on the cleared tape works.
    const Var<double> s = fresh.leaf(MatD::Constant(2, 2, 3.0));
    QCOMPARE(fresh.grad(sumSquares(s), {s})[0].value(), MatD::Constant(2, 2, 6.0));
    fresh.releaseMemory();
    QCOMPARE(fresh.size(), 0);
}

void TestAutodiff::sqrtAtZeroIsFinite()
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

void TestAutodiff::unreachableWrtGetsZero()
{
    Tape<double> t;
    const Var<double> a = t.leaf(MatD::Ones(2, 2)), b = t.leaf(MatD::Ones(3, 1));
    const Var<double> y = sumSquares(a);
    const Var<double> later = t.leaf(MatD::Ones(1, 1)); // made after y
    const std::vector<Var<double>> g = t.grad(y, {a, b, later}, true);
    QCOMPARE(g[0].value(), MatD::Constant(2, 2, 2.0));
    QCOMPARE(g[1].value(), MatD::Zero(3, 1));
    QCOMPARE(g[2].value(), MatD::Zero(1, 1));
    // y itself with respect to y is the seed.
    QCOMPARE(t.grad(y, {y})[0].item(), 1.0);
}

void TestAutodiff::badInputThrows_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("message");
    QTest::newRow("add") << "add" << "add: shapes differ: (2x3) vs (3x2).";
    QTest::newRow("sub") << "sub" << "sub: shapes differ";
    QTest::newRow("mul") << "mul" << "mul: shapes differ";
    QTest::newRow("div") << "div" << "div: shapes differ";
    QTest::newRow("matmul") << "matmul" << "matmul: inner dimensions differ: (2x3) * (2x3).";
    QTest::newRow("matmulT") << "matmulT" << "matmul: inner dimensions differ: (2x3)^T * (3x2).";
    QTest::newRow("addRow") << "addRow" << "addRow: expected a (1x3) row for a (2x3) matrix, got (1x2).";
    QTest::newRow("addCol") << "addCol" << "addCol: expected a (2x1) column";
    QTest::newRow("scaleByVar") << "scaleByVar" << "scaleByVar: the factor must be 1x1, got (2x3).";
    QTest::newRow("fill") << "fill" << "fill: the value must be 1x1";
    QTest::newRow("broadcastRows") << "broadcastRows" << "broadcastRows: expected a row";
    QTest::newRow("ce labels count") << "ceCount" << "softmaxCrossEntropy: 3 labels for 2 rows of logits.";
    QTest::newRow("ce label range") << "ceRange" << "softmaxCrossEntropy: label 3 at row 1 is outside [0, 3).";
    QTest::newRow("bce") << "bce" << "bceWithLogits: shapes differ";
    QTest::newRow("mse") << "mse" << "mse: shapes differ";
    QTest::newRow("mean empty") << "meanEmpty" << "mean: the matrix is empty.";
    QTest::newRow("grad non-scalar") << "gradShape" << "grad: y must be 1x1, got (2x3)";
    QTest::newRow("grad seed") << "gradSeed" << "grad: the seed (3x2) must have the shape of y (2x3).";
    QTest::newRow("grad constant") << "gradConstant" << "grad: wrt[0] does not require grad";
    QTest::newRow("two tapes") << "twoTapes" << "add: the two inputs live on different tapes.";
    QTest::newRow("stale") << "stale" << "the Var is stale";
    QTest::newRow("empty") << "empty" << "tanh: the input Var is empty";
    QTest::newRow("item") << "item" << "Var::item: the value is 2x3, not 1x1.";
}

void TestAutodiff::badInputThrows()
{
    QFETCH(QString, what);
    QFETCH(QString, message);
    Tape<double> t, other;
    const Var<double> a = t.leaf(MatD::Ones(2, 3)), b = t.leaf(MatD::Ones(3, 2));
    const Var<double> row2 = t.leaf(MatD::Ones(1, 2)), col3 = t.leaf(MatD::Ones(3, 1));
    // Cases that build helper nodes first call mark() right before the failing call.
    int sizeAtCall = t.size();
    const auto mark = [&] { sizeAtCall = t.size(); };
    const std::map<QString, std::function<void()>> actions = {
        {"add", [&] { add(a, b); }},
        {"sub", [&] { sub(a, b); }},
        {"mul", [&] { mul(a, b); }},
        {"div", [&] { div(a, b); }},
        {"matmul", [&] { matmul(a, a); }},
        {"matmulT", [&] { matmul(a, b, true, false); }},
        {"addRow", [&] { addRow(a, row2); }},
        {"addCol", [&] { addCol(a, col3); }},
        {"scaleByVar", [&] { scaleByVar(b, a); }},
        {"fill", [&] { fill(a, 2, 2); }},
        {"broadcastRows", [&] { broadcastRows(a, 4); }},
        {"ceCount", [&] { mark(); softmaxCrossEntropy(a, {0, 1, 1}); }},
        {"ceRange", [&] { softmaxCrossEntropy(a, {0, 3}); }},
        {"bce", [&] { bceWithLogits(a, MatD(MatD::Zero(3, 2))); }},
        {"mse", [&] { mse(a, b); }},
        {"meanEmpty", [&] { const Var<double> e = t.leaf(MatD(0, 3)); mark(); mean(e); }},
        {"gradShape", [&] { t.grad(a, {a}); }},
        {"gradSeed", [&] { const Var<double> s = t.constant(MatD::Ones(3, 2)); mark(); t.grad(a, {a}, s, false); }},
        {"gradConstant", [&] {
             const Var<double> c = t.constant(MatD::Ones(1, 1)), s = sum(a);
             mark();
             t.grad(s, {c});
         }},
        {"twoTapes", [&] { const Var<double> o = other.leaf(MatD::Ones(2, 3)); mark(); add(a, o); }},
        {"stale", [&] { const Var<double> s = other.leaf(MatD::Ones(1, 1)); other.clear(); mark(); exp(s); }},
        {"empty", [&] { tanh(Var<double>()); }},
        {"item", [&] { a.item(); }},
    };
    bool thrown = false;
    try {
        actions.at(what)();
    } catch (const std::invalid_argument& e) {
        thrown = true;
        const QString got = QString::fromUtf8(e.what());
        QVERIFY2(got.contains(message), qPrintable("message was: " + got));
    }
    QVERIFY2(thrown, "no std::invalid_argument was thrown");
    // A rejected call records nothing.
    QCOMPARE(t.size(), sizeAtCall);
    // The tape is still usable afterwards.
    QCOMPARE(t.grad(sumSquares(a), {a})[0].value(), MatD::Constant(2, 3, 2.0));
}

QTEST_GUILESS_MAIN(TestAutodiff)
#include "tst_autodiff.moc"
