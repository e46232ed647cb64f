#pragma once
// The op cases shared by the autodiff tests (tst_autodiff: first order, float, tape;
// tst_autodiff_higher: second order and gradient penalties): which ops, on which inputs,
// differentiated through which scalar objective.
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "Rng.h"
#include "autodiff/Autodiff.h"

namespace reglab::adcases {

// How an op's test inputs are drawn: some ops need positive (log, sqrt) or non-zero (div)
// arguments; Kinked puts entries exactly on and right next to the kink at 0.
enum class Domain { Any, Positive, NonZero, Unit, Kinked };

struct OpCase {
    std::vector<std::pair<Index, Index>> shapes;
    std::vector<Domain> domains;
    bool kink = false; // the op is not differentiable where an input entry is 0
};

inline const std::map<std::string, OpCase>& opCases()
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
        {"softmaxCrossEntropySmoothed", {{{4, 5}}, {D::Any}}},
        {"bceWithLogits", {{{4, 2}, {4, 2}}, {D::Any, D::Unit}}},
        {"bceWithLogitsConst", {{{4, 2}}, {D::Any}}},
        {"mse", {{{3, 2}, {3, 2}}, {D::Any, D::Any}}},
        {"mseConst", {{{3, 2}}, {D::Any}}},
        {"gatherRows", {{{5, 3}}, {D::Any}}},
        {"scatterAddRows", {{{6, 3}}, {D::Any}}},
        {"blockMatmul", {{{6, 4}, {8, 2}}, {D::Any, D::Any}}},
        {"blockMatmulNT", {{{6, 4}, {6, 4}}, {D::Any, D::Any}}},
        {"blockMatmulTN", {{{8, 3}, {8, 2}}, {D::Any, D::Any}}},
        {"blockMatmulTT", {{{8, 3}, {4, 4}}, {D::Any, D::Any}}},
        {"slice", {{{4, 5}}, {D::Any}}},
        {"pad", {{{2, 3}}, {D::Any}}},
        {"layerNormRows", {{{4, 5}}, {D::Any}}},
        {"rowEntropy", {{{4, 5}}, {D::Any}}},
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
    if (name == "softmaxCrossEntropySmoothed") return softmaxCrossEntropy(in[0], {0, 3, 1, 4}, S(0.2));
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
    if (name == "gatherRows") return gatherRows(in[0], {0, 3, 3, 1, 4, 0}); // repeats and order
    if (name == "scatterAddRows") return scatterAddRows(in[0], {4, 0, 4, 2, 0, 1}, 5);
    if (name == "blockMatmul") return blockMatmul(in[0], in[1], 2);
    if (name == "blockMatmulNT") return blockMatmul(in[0], in[1], 2, false, true);
    if (name == "blockMatmulTN") return blockMatmul(in[0], in[1], 2, true, false);
    if (name == "blockMatmulTT") return blockMatmul(in[0], in[1], 2, true, true);
    if (name == "slice") return slice(in[0], 1, 2, 2, 3);
    if (name == "pad") return pad(in[0], 1, 1, 4, 5);
    if (name == "layerNormRows") return layerNormRows(in[0]);
    if (name == "rowEntropy") return rowEntropy(softmaxRows(in[0])); // as attention uses it
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

inline uint64_t seedOf(const std::string& s)
{
    uint64_t h = 1469598103934665603ull; // FNV-1a: a stable per-case seed
    for (char c : s)
        h = (h ^ uint64_t(static_cast<unsigned char>(c))) * 1099511628211ull;
    return h;
}

inline MatD randomMat(Rng& rng, Index r, Index c, Domain d = Domain::Any)
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

inline CaseData makeCase(const std::string& name)
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
std::vector<Var<S>> leaves(Tape<S>& t, const std::vector<Mat<S>>& ms)
{
    std::vector<Var<S>> out;
    for (const Mat<S>& m : ms)
        out.push_back(t.leaf(m, true));
    return out;
}

template <typename S>
auto kinkSkip(bool kink, S eps)
{
    return [kink, eps](const Mat<S>& x, Index i) { return kink && std::abs(x(i)) < S(10) * eps; };
}

} // namespace reglab::adcases
