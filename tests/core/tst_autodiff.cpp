// Gradient checks for core/autodiff, first order: every op against central differences in
// double and in float, fan-out, tape reuse and bad-input errors. Second and third order and
// the gradient penalties are in tst_autodiff_higher.cpp.
#include <QtTest>

#include <cmath>
#include <functional>
#include <map>
#include <stdexcept>
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

template <typename S>
std::vector<Mat<S>> castAll(const std::vector<MatD>& ms)
{
    std::vector<Mat<S>> out;
    for (const MatD& m : ms)
        out.push_back(m.cast<S>());
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

} // namespace

class TestAutodiff : public QObject {
    Q_OBJECT

private slots:
    void opGradient_data();
    void opGradient();
    void opFloatSmoke_data() { opGradient_data(); }
    void opFloatSmoke();
    void fanOutAccumulates();
    void clearReusesStorage();
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
    QTest::newRow("gather range") << "gather" << "gatherRows: row index 2 is outside [0, 2).";
    QTest::newRow("scatter count") << "scatterCount" << "scatterAddRows: 1 row indices for 2 rows.";
    QTest::newRow("scatter range") << "scatterRange" << "scatterAddRows: row index -1 is outside [0, 4).";
    QTest::newRow("block split") << "blockSplit" << "blockMatmul: (2x3) and (3x2) do not split into 2 equal blocks";
    QTest::newRow("block inner") << "blockInner" << "blockMatmul: inner dimensions of the blocks differ: (1x3) * (1x3).";
    QTest::newRow("slice") << "slice" << "slice: the block (2x2) at (1, 0) does not fit in (2x3).";
    QTest::newRow("pad") << "pad" << "pad: (2x3) at (0, 1) does not fit in (2x3).";
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
        {"gather", [&] { gatherRows(a, {0, 2}); }},
        {"scatterCount", [&] { scatterAddRows(a, {0}, 4); }},
        {"scatterRange", [&] { scatterAddRows(a, {0, -1}, 4); }},
        {"blockSplit", [&] { blockMatmul(a, b, 2); }},
        {"blockInner", [&] { blockMatmul(a, a, 2); }},
        {"slice", [&] { slice(a, 1, 0, 2, 2); }},
        {"pad", [&] { pad(a, 0, 1, 2, 3); }},
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
