#include "autodiff/Backward.h"

#include <stdexcept>
#include <string>

#include "autodiff/Ops.h"

namespace reglab {

namespace {

// A constant mask (relu, leaky relu, abs) computed from a's value: the rule multiplies by
// it, so its own derivative is zero, which is exact away from the kink.
template <typename S, typename Fn>
Var<S> constantMask(Tape<S>& t, int ia, Fn&& fn)
{
    const int m = t.push(OpKind::Leaf);
    fn(t.valueAt(m), t.valueAt(ia));
    return t.var(m);
}

// y = op(A) op(B) (flags in bits 0, 1 of iparam): each case is the textbook rule with the
// transposes folded into the product flags, so no transposed copy is ever made. `mm` is the
// product (matmul, or blockMatmul on each block).
template <typename S, typename MM>
void matmulRule(Var<S> a, Var<S> b, Var<S> g, int iparam, const bool need[2], Var<S> grads[2], MM&& mm)
{
    const bool tA = iparam & 1, tB = iparam & 2;
    if (!tA && !tB) {        // y = A B
        if (need[0]) grads[0] = mm(g, b, false, true);  // g B^T
        if (need[1]) grads[1] = mm(a, g, true, false);  // A^T g
    } else if (!tA && tB) {  // y = A B^T
        if (need[0]) grads[0] = mm(g, b, false, false); // g B
        if (need[1]) grads[1] = mm(g, a, true, false);  // g^T A
    } else if (tA && !tB) {  // y = A^T B
        if (need[0]) grads[0] = mm(b, g, false, true);  // B g^T
        if (need[1]) grads[1] = mm(a, g, false, false); // A g
    } else {                 // y = A^T B^T
        if (need[0]) grads[0] = mm(b, g, true, true);   // B^T g^T
        if (need[1]) grads[1] = mm(g, a, true, true);   // g^T A^T
    }
}

} // namespace

template <typename S>
void backwardRule(Tape<S>& t, int i, Var<S> g, const bool need[2], Var<S> grads[2])
{
    // Copy what we need from the node: every op below may grow (and move) the node vector.
    const OpKind op = t.node(i).op;
    const int ia = t.node(i).a;
    const int ib = t.node(i).b;
    const S param = t.node(i).param;
    const int iparam = t.node(i).iparam;
    const Var<S> a = ia >= 0 ? t.var(ia) : Var<S>();
    const Var<S> b = ib >= 0 ? t.var(ib) : Var<S>();
    const Var<S> y = t.var(i); // the node's own output, reused by several rules

    switch (op) {
    case OpKind::Leaf:
        break;
    case OpKind::Add:
        if (need[0]) grads[0] = g;
        if (need[1]) grads[1] = g;
        break;
    case OpKind::Sub:
        if (need[0]) grads[0] = g;
        if (need[1]) grads[1] = neg(g);
        break;
    case OpKind::Mul:
        if (need[0]) grads[0] = mul(g, b);
        if (need[1]) grads[1] = mul(g, a);
        break;
    case OpKind::Div: // y = a / b: da = g / b, db = -g y / b
        if (need[0]) grads[0] = div(g, b);
        if (need[1]) grads[1] = neg(div(mul(g, y), b));
        break;
    case OpKind::DivSafe: // as Div, with the same "0 where b == 0" convention
        if (need[0]) grads[0] = divSafe(g, b);
        if (need[1]) grads[1] = neg(divSafe(mul(g, y), b));
        break;
    case OpKind::Neg:
        grads[0] = neg(g);
        break;
    case OpKind::Scale:
        grads[0] = scale(g, param);
        break;
    case OpKind::AddScalar:
        grads[0] = g;
        break;
    case OpKind::ScaleByVar: // y = a * s: da = g * s, ds = sum(g .* a)
        if (need[0]) grads[0] = scaleByVar(g, b);
        if (need[1]) grads[1] = sum(mul(g, a));
        break;
    case OpKind::MatMul:
        matmulRule(a, b, g, iparam, need, grads, [](Var<S> x, Var<S> z, bool tx, bool tz) {
            return matmul(x, z, tx, tz);
        });
        break;
    case OpKind::BlockMatMul: { // the same rule on each block
        const Index blocks = iparam >> 2;
        matmulRule(a, b, g, iparam, need, grads, [blocks](Var<S> x, Var<S> z, bool tx, bool tz) {
            return blockMatmul(x, z, blocks, tx, tz);
        });
        break;
    }
    case OpKind::GatherRows: {
        const std::vector<int> rows = t.node(i).ints; // copied: the op below may move the nodes
        grads[0] = scatterAddRows(g, rows, a.rows());
        break;
    }
    case OpKind::ScatterAddRows: {
        std::vector<int> rows = t.node(i).ints;
        rows.pop_back();                        // the last entry is the output's row count
        grads[0] = gatherRows(g, rows);
        break;
    }
    case OpKind::Slice: {
        const std::vector<int> at = t.node(i).ints;
        grads[0] = pad(g, at[0], at[1], a.rows(), a.cols());
        break;
    }
    case OpKind::Pad: {
        const std::vector<int> at = t.node(i).ints;
        grads[0] = slice(g, at[0], at[1], a.rows(), a.cols());
        break;
    }
    case OpKind::Transpose:
        grads[0] = transpose(g);
        break;
    case OpKind::AddRow:
        if (need[0]) grads[0] = g;
        if (need[1]) grads[1] = sumRows(g);
        break;
    case OpKind::AddCol:
        if (need[0]) grads[0] = g;
        if (need[1]) grads[1] = sumCols(g);
        break;
    case OpKind::BroadcastRows:
        grads[0] = sumRows(g);
        break;
    case OpKind::BroadcastCols:
        grads[0] = sumCols(g);
        break;
    case OpKind::Fill:
        grads[0] = sum(g);
        break;
    case OpKind::Sum: {
        const Index r = t.valueAt(ia).rows(), c = t.valueAt(ia).cols();
        grads[0] = fill(g, r, c);
        break;
    }
    case OpKind::SumRows:
        grads[0] = broadcastRows(g, t.valueAt(ia).rows());
        break;
    case OpKind::SumCols:
        grads[0] = broadcastCols(g, t.valueAt(ia).cols());
        break;
    case OpKind::Square: // 2 a g
        grads[0] = scale(mul(g, a), S(2));
        break;
    case OpKind::Sqrt: // g / (2 y), 0 where y == 0
        grads[0] = divSafe(scale(g, S(0.5)), y);
        break;
    case OpKind::Exp:
        grads[0] = mul(g, y);
        break;
    case OpKind::Log:
        grads[0] = div(g, a);
        break;
    case OpKind::Tanh: // g (1 - y^2)
        grads[0] = sub(g, mul(g, square(y)));
        break;
    case OpKind::Sigmoid: // g y (1 - y)
        grads[0] = mul(g, sub(y, square(y)));
        break;
    case OpKind::Softplus: // g sigmoid(a)
        grads[0] = mul(g, sigmoid(a));
        break;
    case OpKind::Relu:
        grads[0] = mul(g, constantMask(t, ia, [](Mat<S>& m, const Mat<S>& x) {
                           m = (x.array() > S(0)).template cast<S>().matrix();
                       }));
        break;
    case OpKind::LeakyRelu:
        grads[0] = mul(g, constantMask(t, ia, [param](Mat<S>& m, const Mat<S>& x) {
                           m = (x.array() > S(0)).select(Mat<S>::Ones(x.rows(), x.cols()).array(), param).matrix();
                       }));
        break;
    case OpKind::Abs:
        grads[0] = mul(g, constantMask(t, ia, [](Mat<S>& m, const Mat<S>& x) {
                           m = ((x.array() > S(0)).template cast<S>() - (x.array() < S(0)).template cast<S>()).matrix();
                       }));
        break;
    case OpKind::SoftmaxRows: { // y .* (g - rowsum(g .* y))
        const Index k = t.valueAt(ia).cols();
        grads[0] = mul(y, sub(g, broadcastCols(sumCols(mul(g, y)), k)));
        break;
    }
    case OpKind::LogSoftmaxRows: { // g - exp(y) .* rowsum(g)
        const Index k = t.valueAt(ia).cols();
        grads[0] = sub(g, mul(exp(y), broadcastCols(sumCols(g), k)));
        break;
    }
    case OpKind::SoftmaxCrossEntropy: { // (softmax(a) - onehot) * g / n
        const Index n = t.valueAt(ia).rows();
        if (need[0]) grads[0] = scaleByVar(sub(softmaxRows(a), b), scale(g, S(1) / S(n)));
        if (need[1]) grads[1] = scaleByVar(neg(logSoftmaxRows(a)), scale(g, S(1) / S(n)));
        break;
    }
    case OpKind::BceWithLogits: { // d/da = (sigmoid(a) - t) g / N, d/dt = -a g / N
        const S inv = S(1) / S(t.valueAt(ia).size());
        if (need[0]) grads[0] = scaleByVar(sub(sigmoid(a), b), scale(g, inv));
        if (need[1]) grads[1] = scaleByVar(a, scale(g, -inv));
        break;
    }
    case OpKind::MeanSquaredError: { // d/da = (a - b) g / rows, d/db = -(a - b) g / rows
        const S inv = S(1) / S(t.valueAt(ia).rows());
        const Var<S> diff = sub(a, b);
        if (need[0]) grads[0] = scaleByVar(diff, scale(g, inv));
        if (need[1]) grads[1] = scaleByVar(diff, scale(g, -inv));
        break;
    }
    }
}

template void backwardRule<float>(Tape<float>&, int, Var<float>, const bool[2], Var<float>[2]);
template void backwardRule<double>(Tape<double>&, int, Var<double>, const bool[2], Var<double>[2]);

} // namespace reglab
