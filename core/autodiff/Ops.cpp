// GCC 12 with AVX-512 (-march=native) reports a false -Wmaybe-uninitialized inside its own
// avx512fintrin.h whenever Eigen's packet code is inlined (GCC bug 105593, fixed in GCC 13).
// It is silenced for this file only; it must precede the Eigen includes to take effect.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "autodiff/Ops.h"
#include "autodiff/OpChecks.h"

#include "nn/BinaryCrossEntropy.h"
#include "nn/MeanSquaredError.h"
#include "nn/SoftmaxCrossEntropy.h"

#include <stdexcept>
#include <string>

namespace reglab {

using namespace opchecks;


// ---------------------------------------------------------------- elementwise, binary

template <typename S> Var<S> add(Var<S> a, Var<S> b)
{
    return binary(a, b, OpKind::Add, "add",
                  [](Mat<S>& o, const Mat<S>& x, const Mat<S>& y) { o = x + y; });
}

template <typename S> Var<S> sub(Var<S> a, Var<S> b)
{
    return binary(a, b, OpKind::Sub, "sub",
                  [](Mat<S>& o, const Mat<S>& x, const Mat<S>& y) { o = x - y; });
}

template <typename S> Var<S> mul(Var<S> a, Var<S> b)
{
    return binary(a, b, OpKind::Mul, "mul",
                  [](Mat<S>& o, const Mat<S>& x, const Mat<S>& y) { o = x.cwiseProduct(y); });
}

template <typename S> Var<S> div(Var<S> a, Var<S> b)
{
    return binary(a, b, OpKind::Div, "div",
                  [](Mat<S>& o, const Mat<S>& x, const Mat<S>& y) { o = x.cwiseQuotient(y); });
}

template <typename S> Var<S> divSafe(Var<S> a, Var<S> b)
{
    return binary(a, b, OpKind::DivSafe, "divSafe", [](Mat<S>& o, const Mat<S>& x, const Mat<S>& y) {
        o = (y.array() != S(0)).select(x.array() / y.array(), S(0));
    });
}

// ---------------------------------------------------------------- elementwise, unary

template <typename S> Var<S> neg(Var<S> a)
{
    return unary(a, OpKind::Neg, "neg", [](Mat<S>& o, const Mat<S>& x) { o = -x; });
}

template <typename S> Var<S> scale(Var<S> a, S factor)
{
    return unary(a, OpKind::Scale, "scale", [factor](Mat<S>& o, const Mat<S>& x) { o = factor * x; },
                 factor);
}

template <typename S> Var<S> addScalar(Var<S> a, S c)
{
    return unary(a, OpKind::AddScalar, "addScalar",
                 [c](Mat<S>& o, const Mat<S>& x) { o = (x.array() + c).matrix(); }, c);
}

template <typename S> Var<S> square(Var<S> a)
{
    return unary(a, OpKind::Square, "square", [](Mat<S>& o, const Mat<S>& x) { o = x.array().square().matrix(); });
}

template <typename S> Var<S> sqrt(Var<S> a)
{
    return unary(a, OpKind::Sqrt, "sqrt", [](Mat<S>& o, const Mat<S>& x) { o = x.array().sqrt().matrix(); });
}

template <typename S> Var<S> exp(Var<S> a)
{
    return unary(a, OpKind::Exp, "exp", [](Mat<S>& o, const Mat<S>& x) { o = x.array().exp().matrix(); });
}

template <typename S> Var<S> log(Var<S> a)
{
    return unary(a, OpKind::Log, "log", [](Mat<S>& o, const Mat<S>& x) { o = x.array().log().matrix(); });
}

template <typename S> Var<S> tanh(Var<S> a)
{
    return unary(a, OpKind::Tanh, "tanh", [](Mat<S>& o, const Mat<S>& x) { o = x.array().tanh().matrix(); });
}

template <typename S> Var<S> sigmoid(Var<S> a)
{
    // 1 / (1 + e^-x): e^-x may overflow to inf for very negative x, giving exactly 0, not NaN.
    return unary(a, OpKind::Sigmoid, "sigmoid",
                 [](Mat<S>& o, const Mat<S>& x) { o = (S(1) + (-x.array()).exp()).inverse().matrix(); });
}

template <typename S> Var<S> softplus(Var<S> a)
{
    // max(x,0) + log1p(e^-|x|): no overflow for large x, no loss of the tail for small x.
    return unary(a, OpKind::Softplus, "softplus", [](Mat<S>& o, const Mat<S>& x) {
        o = (x.array().max(S(0)) + (-x.array().abs()).exp().log1p()).matrix();
    });
}

template <typename S> Var<S> relu(Var<S> a)
{
    return unary(a, OpKind::Relu, "relu", [](Mat<S>& o, const Mat<S>& x) { o = x.array().max(S(0)).matrix(); });
}

template <typename S> Var<S> leakyRelu(Var<S> a, S slope)
{
    return unary(a, OpKind::LeakyRelu, "leakyRelu", [slope](Mat<S>& o, const Mat<S>& x) {
        o = (x.array() > S(0)).select(x.array(), slope * x.array()).matrix();
    }, slope);
}

template <typename S> Var<S> abs(Var<S> a)
{
    return unary(a, OpKind::Abs, "abs", [](Mat<S>& o, const Mat<S>& x) { o = x.array().abs().matrix(); });
}

template <typename S> Var<S> detach(Var<S> a)
{
    Tape<S>& t = tapeOf(a, "detach");
    const int ia = t.indexOf(a, "detach");
    const int i = t.push(OpKind::Leaf); // no parents: requires no gradient
    t.valueAt(i) = t.valueAt(ia);       // references taken after push: it may reallocate
    return t.var(i);
}

template <typename S> Var<S> scaleByVar(Var<S> a, Var<S> s)
{
    Tape<S>& t = tapeOf(a, s, "scaleByVar");
    const int ia = t.indexOf(a, "scaleByVar");
    const int is = t.indexOf(s, "scaleByVar");
    requireScalar(t.valueAt(is), "scaleByVar", "the factor");
    const int i = t.push(OpKind::ScaleByVar, ia, is);
    t.valueAt(i) = t.valueAt(is)(0, 0) * t.valueAt(ia);
    return t.var(i);
}

// ---------------------------------------------------------------- linear algebra

template <typename S> Var<S> matmul(Var<S> a, Var<S> b, bool transA, bool transB)
{
    Tape<S>& t = tapeOf(a, b, "matmul");
    const int ia = t.indexOf(a, "matmul");
    const int ib = t.indexOf(b, "matmul");
    {
        const Mat<S>& x = t.valueAt(ia);
        const Mat<S>& y = t.valueAt(ib);
        const Index innerA = transA ? x.rows() : x.cols();
        const Index innerB = transB ? y.cols() : y.rows();
        if (innerA != innerB)
            throw std::invalid_argument(
                std::string("matmul: inner dimensions differ: ") + shapeOf(x.rows(), x.cols())
                + (transA ? "^T" : "") + " * " + shapeOf(y.rows(), y.cols()) + (transB ? "^T" : "") + ".");
    }
    const int flags = (transA ? 1 : 0) | (transB ? 2 : 0);
    const int i = t.push(OpKind::MatMul, ia, ib, S(0), flags);
    Mat<S>& o = t.valueAt(i);
    const Mat<S>& x = t.valueAt(ia);
    const Mat<S>& y = t.valueAt(ib);
    // noalias: the output is a separate node, so Eigen need not evaluate into a temporary.
    switch (flags) {
    case 0: o.noalias() = x * y; break;
    case 1: o.noalias() = x.transpose() * y; break;
    case 2: o.noalias() = x * y.transpose(); break;
    default: o.noalias() = x.transpose() * y.transpose(); break;
    }
    return t.var(i);
}

template <typename S> Var<S> transpose(Var<S> a)
{
    return unary(a, OpKind::Transpose, "transpose", [](Mat<S>& o, const Mat<S>& x) { o = x.transpose(); });
}

// ---------------------------------------------------------------- broadcasting, reductions

template <typename S> Var<S> addRow(Var<S> a, Var<S> row)
{
    Tape<S>& t = tapeOf(a, row, "addRow");
    const int ia = t.indexOf(a, "addRow");
    const int ib = t.indexOf(row, "addRow");
    const Mat<S>& x = t.valueAt(ia);
    const Mat<S>& r = t.valueAt(ib);
    if (r.rows() != 1 || r.cols() != x.cols())
        throw std::invalid_argument("addRow: expected a (1x" + std::to_string(x.cols()) + ") row for a "
                                    + shapeOf(x.rows(), x.cols()) + " matrix, got "
                                    + shapeOf(r.rows(), r.cols()) + ".");
    const int i = t.push(OpKind::AddRow, ia, ib);
    t.valueAt(i) = t.valueAt(ia).rowwise() + t.valueAt(ib).row(0);
    return t.var(i);
}

template <typename S> Var<S> addCol(Var<S> a, Var<S> col)
{
    Tape<S>& t = tapeOf(a, col, "addCol");
    const int ia = t.indexOf(a, "addCol");
    const int ib = t.indexOf(col, "addCol");
    const Mat<S>& x = t.valueAt(ia);
    const Mat<S>& c = t.valueAt(ib);
    if (c.cols() != 1 || c.rows() != x.rows())
        throw std::invalid_argument("addCol: expected a (" + std::to_string(x.rows()) + "x1) column for a "
                                    + shapeOf(x.rows(), x.cols()) + " matrix, got "
                                    + shapeOf(c.rows(), c.cols()) + ".");
    const int i = t.push(OpKind::AddCol, ia, ib);
    t.valueAt(i) = t.valueAt(ia).colwise() + t.valueAt(ib).col(0);
    return t.var(i);
}

template <typename S> Var<S> broadcastRows(Var<S> row, Index n)
{
    Tape<S>& t = tapeOf(row, "broadcastRows");
    const int ia = t.indexOf(row, "broadcastRows");
    const Mat<S>& r = t.valueAt(ia);
    if (r.rows() != 1 || n < 0)
        throw std::invalid_argument("broadcastRows: expected a row and a count >= 0, got "
                                    + shapeOf(r.rows(), r.cols()) + " and " + std::to_string(n) + ".");
    const int i = t.push(OpKind::BroadcastRows, ia);
    t.valueAt(i) = t.valueAt(ia).replicate(n, 1);
    return t.var(i);
}

template <typename S> Var<S> broadcastCols(Var<S> col, Index k)
{
    Tape<S>& t = tapeOf(col, "broadcastCols");
    const int ia = t.indexOf(col, "broadcastCols");
    const Mat<S>& c = t.valueAt(ia);
    if (c.cols() != 1 || k < 0)
        throw std::invalid_argument("broadcastCols: expected a column and a count >= 0, got "
                                    + shapeOf(c.rows(), c.cols()) + " and " + std::to_string(k) + ".");
    const int i = t.push(OpKind::BroadcastCols, ia);
    t.valueAt(i) = t.valueAt(ia).replicate(1, k);
    return t.var(i);
}

template <typename S> Var<S> fill(Var<S> s, Index rows, Index cols)
{
    Tape<S>& t = tapeOf(s, "fill");
    const int ia = t.indexOf(s, "fill");
    requireScalar(t.valueAt(ia), "fill", "the value");
    if (rows < 0 || cols < 0)
        throw std::invalid_argument("fill: negative shape " + shapeOf(rows, cols) + ".");
    const int i = t.push(OpKind::Fill, ia);
    const S v = t.valueAt(ia)(0, 0);
    t.valueAt(i).setConstant(rows, cols, v);
    return t.var(i);
}

template <typename S> Var<S> sum(Var<S> a)
{
    return unary(a, OpKind::Sum, "sum", [](Mat<S>& o, const Mat<S>& x) {
        o.resize(1, 1);
        o(0, 0) = x.sum();
    });
}

template <typename S> Var<S> sumRows(Var<S> a)
{
    return unary(a, OpKind::SumRows, "sumRows", [](Mat<S>& o, const Mat<S>& x) { o = x.colwise().sum(); });
}

template <typename S> Var<S> sumCols(Var<S> a)
{
    return unary(a, OpKind::SumCols, "sumCols", [](Mat<S>& o, const Mat<S>& x) { o = x.rowwise().sum(); });
}

template <typename S> Var<S> mean(Var<S> a)
{
    const Index n = tapeOf(a, "mean").value(a).size();
    if (n == 0)
        throw std::invalid_argument("mean: the matrix is empty.");
    return scale(sum(a), S(1) / S(n));
}

template <typename S> Var<S> sumSquares(Var<S> a)
{
    return sum(square(a));
}

// ---------------------------------------------------------------- softmax family

template <typename S> Var<S> softmaxRows(Var<S> a)
{
    return unary(a, OpKind::SoftmaxRows, "softmaxRows", [](Mat<S>& o, const Mat<S>& x) {
        // Shift each row by its max so exp never overflows.
        o = (x.colwise() - x.rowwise().maxCoeff()).array().exp().matrix();
        const ColVec<S> z = o.rowwise().sum();
        o.array().colwise() /= z.array();
    });
}

template <typename S> Var<S> logSoftmaxRows(Var<S> a)
{
    return unary(a, OpKind::LogSoftmaxRows, "logSoftmaxRows", [](Mat<S>& o, const Mat<S>& x) {
        o = x.colwise() - x.rowwise().maxCoeff();
        const ColVec<S> lse = o.array().exp().rowwise().sum().log().matrix();
        o.colwise() -= lse;
    });
}

// ---------------------------------------------------------------- losses

template <typename S>
Var<S> softmaxCrossEntropy(Var<S> logits, const std::vector<int>& labels, S smoothing)
{
    const char* name = "softmaxCrossEntropy";
    Tape<S>& t = tapeOf(logits, name);
    const int ia = t.indexOf(logits, name);
    const Index n = t.valueAt(ia).rows();
    const Index k = t.valueAt(ia).cols();
    if (Index(labels.size()) != n)
        throw std::invalid_argument(std::string(name) + ": " + std::to_string(labels.size())
                                    + " labels for " + std::to_string(n) + " rows of logits.");
    if (n == 0)
        throw std::invalid_argument(std::string(name) + ": the batch is empty.");
    if (!(smoothing >= S(0) && smoothing <= S(1)))
        throw std::invalid_argument(std::string(name) + ": label smoothing must be in [0, 1].");
    for (std::size_t r = 0; r < labels.size(); ++r)
        if (labels[r] < 0 || labels[r] >= k)
            throw std::invalid_argument(std::string(name) + ": label " + std::to_string(labels[r])
                                        + " at row " + std::to_string(r) + " is outside [0, "
                                        + std::to_string(k) + ").");
    // The (smoothed) one-hot targets are a constant parent, so the backward rule is
    // softmax - targets.
    const int ih = t.push(OpKind::Leaf);
    Mat<S>& targets = t.valueAt(ih);
    targets.setConstant(n, k, smoothing / S(k));
    for (Index r = 0; r < n; ++r)
        targets(r, labels[std::size_t(r)]) += S(1) - smoothing;

    const int i = t.push(OpKind::SoftmaxCrossEntropy, ia, ih);
    Mat<S>& o = t.valueAt(i);
    o.resize(1, 1);
    o(0, 0) = SoftmaxCrossEntropy<S>::loss(t.valueAt(ia), labels.data(), nullptr, smoothing);
    return t.var(i);
}

template <typename S> Var<S> bceWithLogits(Var<S> logits, Var<S> targets)
{
    const char* name = "bceWithLogits";
    Tape<S>& t = tapeOf(logits, targets, name);
    const int ia = t.indexOf(logits, name);
    const int ib = t.indexOf(targets, name);
    requireSameShape(t.valueAt(ia), t.valueAt(ib), name);
    if (t.valueAt(ia).size() == 0)
        throw std::invalid_argument(std::string(name) + ": the batch is empty.");
    const int i = t.push(OpKind::BceWithLogits, ia, ib);
    Mat<S>& o = t.valueAt(i);
    o.resize(1, 1);
    o(0, 0) = BinaryCrossEntropy<S>::loss(t.valueAt(ia), t.valueAt(ib), nullptr);
    return t.var(i);
}

template <typename S> Var<S> bceWithLogits(Var<S> logits, const Mat<S>& targets)
{
    Tape<S>& t = tapeOf(logits, "bceWithLogits");
    requireSameShape(t.value(logits), targets, "bceWithLogits"); // before recording the constant
    return bceWithLogits(logits, t.constant(targets));
}

template <typename S> Var<S> mse(Var<S> pred, Var<S> target)
{
    const char* name = "mse";
    Tape<S>& t = tapeOf(pred, target, name);
    const int ia = t.indexOf(pred, name);
    const int ib = t.indexOf(target, name);
    requireSameShape(t.valueAt(ia), t.valueAt(ib), name);
    if (t.valueAt(ia).rows() == 0)
        throw std::invalid_argument(std::string(name) + ": the batch is empty.");
    const int i = t.push(OpKind::MeanSquaredError, ia, ib);
    Mat<S>& o = t.valueAt(i);
    o.resize(1, 1);
    o(0, 0) = MeanSquaredError<S>::loss(t.valueAt(ia), t.valueAt(ib), nullptr);
    return t.var(i);
}

template <typename S> Var<S> mse(Var<S> pred, const Mat<S>& target)
{
    Tape<S>& t = tapeOf(pred, "mse");
    requireSameShape(t.value(pred), target, "mse");
    return mse(pred, t.constant(target));
}

// ---------------------------------------------------------------- instantiation

#define REGLAB_AUTODIFF_OPS(S)                                                   \
    template Var<S> add<S>(Var<S>, Var<S>);                                      \
    template Var<S> sub<S>(Var<S>, Var<S>);                                      \
    template Var<S> mul<S>(Var<S>, Var<S>);                                      \
    template Var<S> div<S>(Var<S>, Var<S>);                                      \
    template Var<S> divSafe<S>(Var<S>, Var<S>);                                  \
    template Var<S> neg<S>(Var<S>);                                              \
    template Var<S> scale<S>(Var<S>, S);                                         \
    template Var<S> addScalar<S>(Var<S>, S);                                     \
    template Var<S> square<S>(Var<S>);                                           \
    template Var<S> sqrt<S>(Var<S>);                                             \
    template Var<S> exp<S>(Var<S>);                                              \
    template Var<S> log<S>(Var<S>);                                              \
    template Var<S> tanh<S>(Var<S>);                                             \
    template Var<S> sigmoid<S>(Var<S>);                                          \
    template Var<S> softplus<S>(Var<S>);                                         \
    template Var<S> relu<S>(Var<S>);                                             \
    template Var<S> leakyRelu<S>(Var<S>, S);                                     \
    template Var<S> abs<S>(Var<S>);                                              \
    template Var<S> detach<S>(Var<S>);                                           \
    template Var<S> scaleByVar<S>(Var<S>, Var<S>);                               \
    template Var<S> matmul<S>(Var<S>, Var<S>, bool, bool);                       \
    template Var<S> transpose<S>(Var<S>);                                        \
    template Var<S> addRow<S>(Var<S>, Var<S>);                                   \
    template Var<S> addCol<S>(Var<S>, Var<S>);                                   \
    template Var<S> broadcastRows<S>(Var<S>, Index);                             \
    template Var<S> broadcastCols<S>(Var<S>, Index);                             \
    template Var<S> fill<S>(Var<S>, Index, Index);                               \
    template Var<S> sum<S>(Var<S>);                                              \
    template Var<S> sumRows<S>(Var<S>);                                          \
    template Var<S> sumCols<S>(Var<S>);                                          \
    template Var<S> mean<S>(Var<S>);                                             \
    template Var<S> sumSquares<S>(Var<S>);                                       \
    template Var<S> softmaxRows<S>(Var<S>);                                      \
    template Var<S> logSoftmaxRows<S>(Var<S>);                                   \
    template Var<S> softmaxCrossEntropy<S>(Var<S>, const std::vector<int>&, S);  \
    template Var<S> bceWithLogits<S>(Var<S>, Var<S>);                            \
    template Var<S> bceWithLogits<S>(Var<S>, const Mat<S>&);                     \
    template Var<S> mse<S>(Var<S>, Var<S>);                                      \
    template Var<S> mse<S>(Var<S>, const Mat<S>&);

REGLAB_AUTODIFF_OPS(float)
REGLAB_AUTODIFF_OPS(double)

#undef REGLAB_AUTODIFF_OPS

} // namespace reglab
