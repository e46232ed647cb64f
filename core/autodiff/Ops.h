#pragma once
// The differentiable ops of the autodiff tape, as free functions on Vars. Each records one
// matrix node (the composites mean, sumSquares and mse record a few) and checks shapes:
// a mismatch throws std::invalid_argument naming the op and both shapes. All inputs of an
// op must live on the same tape.
//
// Note for code in namespace reglab that includes this header: these overloads hide the
// C math functions of the same name (exp, log, sqrt, tanh, abs) for unqualified calls;
// write std::exp(x) for scalars.
#include <vector>

#include "Types.h"
#include "autodiff/Tape.h"
#include "autodiff/Var.h"

namespace reglab {

// ---- elementwise, two operands of equal shape: (r,c),(r,c) -> (r,c) ----
template <typename S> Var<S> add(Var<S> a, Var<S> b);
template <typename S> Var<S> sub(Var<S> a, Var<S> b);
template <typename S> Var<S> mul(Var<S> a, Var<S> b);     // Hadamard product
template <typename S> Var<S> div(Var<S> a, Var<S> b);
// a ./ b with 0 wherever b == 0: a quotient whose denominator can vanish exactly, such as
// the gradient of sqrt at 0 (a zero gradient norm must not turn a penalty into NaN).
template <typename S> Var<S> divSafe(Var<S> a, Var<S> b);

// ---- elementwise, one operand: (r,c) -> (r,c) ----
template <typename S> Var<S> neg(Var<S> a);
template <typename S> Var<S> scale(Var<S> a, S factor);   // factor * a
template <typename S> Var<S> addScalar(Var<S> a, S c);    // a + c
template <typename S> Var<S> square(Var<S> a);
template <typename S> Var<S> sqrt(Var<S> a);  // gradient taken as 0 where a == 0 (as torch.norm)
template <typename S> Var<S> exp(Var<S> a);
template <typename S> Var<S> log(Var<S> a);
template <typename S> Var<S> tanh(Var<S> a);
template <typename S> Var<S> sigmoid(Var<S> a);
template <typename S> Var<S> softplus(Var<S> a);   // log(1 + e^a), stable for large |a|
template <typename S> Var<S> relu(Var<S> a);
template <typename S> Var<S> leakyRelu(Var<S> a, S slope); // a > 0 ? a : slope * a
template <typename S> Var<S> abs(Var<S> a);        // subgradient 0 at 0

// A constant copy of a's value: gradients stop here (torch's detach). The GAN's G step
// feeds D the detached fakes of the D step, for instance.
template <typename S> Var<S> detach(Var<S> a);

// a * s for a 1x1 node s: (r,c),(1,1) -> (r,c). Differentiable in both.
template <typename S> Var<S> scaleByVar(Var<S> a, Var<S> s);

// ---- linear algebra ----
// op(a) * op(b), op = transpose when the flag is set, without materialising the transpose:
// (n,k),(k,m) -> (n,m).
template <typename S> Var<S> matmul(Var<S> a, Var<S> b, bool transA = false, bool transB = false);
template <typename S> Var<S> transpose(Var<S> a);          // (r,c) -> (c,r)

// ---- broadcasting and reductions ----
template <typename S> Var<S> addRow(Var<S> a, Var<S> row); // bias: (n,k),(1,k) -> (n,k)
template <typename S> Var<S> addCol(Var<S> a, Var<S> col); // (n,k),(n,1) -> (n,k)
template <typename S> Var<S> broadcastRows(Var<S> row, Index n); // (1,k) -> (n,k)
template <typename S> Var<S> broadcastCols(Var<S> col, Index k); // (n,1) -> (n,k)
template <typename S> Var<S> fill(Var<S> s, Index rows, Index cols); // (1,1) -> (rows,cols)
template <typename S> Var<S> sum(Var<S> a);     // (r,c) -> (1,1)
template <typename S> Var<S> sumRows(Var<S> a); // sum over rows: (n,k) -> (1,k)
template <typename S> Var<S> sumCols(Var<S> a); // sum over columns: (n,k) -> (n,1)
template <typename S> Var<S> mean(Var<S> a);    // (r,c) -> (1,1)
template <typename S> Var<S> sumSquares(Var<S> a); // ||a||_F^2: (r,c) -> (1,1)

// ---- rowwise softmax family: each row is one sample's logits ----
template <typename S> Var<S> softmaxRows(Var<S> a);    // (n,k) -> (n,k)
template <typename S> Var<S> logSoftmaxRows(Var<S> a); // (n,k) -> (n,k)

// ---- losses: -> (1,1) ----
// Each takes its value from the nn/ loss of the same name, so both engines compute the same
// number (DESIGN section 10); the backward rules are the derivatives of those definitions.
// Cross-entropy of softmax(logits) against integer labels in [0, k), mean over the rows,
// with label smoothing eps (targets (1 - eps) one-hot + eps / k): nn/SoftmaxCrossEntropy.
template <typename S>
Var<S> softmaxCrossEntropy(Var<S> logits, const std::vector<int>& labels, S smoothing = S(0));
// Binary cross-entropy on logits, mean over all entries; targets in [0,1]: (r,c),(r,c).
// nn/BinaryCrossEntropy.
template <typename S> Var<S> bceWithLogits(Var<S> logits, Var<S> targets);
template <typename S> Var<S> bceWithLogits(Var<S> logits, const Mat<S>& targets);
// Squared error 0.5 sum (pred - target)^2 / rows (mean over samples of half the squared
// distance, TensorFlow Playground's "square" loss): nn/MeanSquaredError. (r,c),(r,c).
template <typename S> Var<S> mse(Var<S> pred, Var<S> target);
template <typename S> Var<S> mse(Var<S> pred, const Mat<S>& target);

// ---- sequences (the attention lab): a batch of B sequences of T tokens is a (B*T, d)
// matrix, sequence b in rows [b*T, (b+1)*T) ----
// Rows `rows` of table, in that order (an embedding lookup): (v,d) -> (rows.size(), d).
template <typename S> Var<S> gatherRows(Var<S> table, const std::vector<int>& rows);
// The adjoint of gatherRows: out.row(rows[i]) += a.row(i): (n,d) -> (outRows, d).
template <typename S> Var<S> scatterAddRows(Var<S> a, const std::vector<int>& rows, Index outRows);
// For each of `blocks` equal blocks of rows of a and of b, op(A_i) op(B_i), stacked:
// per-sequence attention scores (Q_i K_i^T) and outputs (A_i V_i) of a whole batch in one node.
template <typename S>
Var<S> blockMatmul(Var<S> a, Var<S> b, Index blocks, bool transA = false, bool transB = false);
// The block of a at (r0, c0) of rows x cols (one head's columns): (r,c) -> (rows,cols).
template <typename S> Var<S> slice(Var<S> a, Index r0, Index c0, Index rows, Index cols);
// The adjoint of slice: a placed at (r0, c0) in an R x C matrix of zeros.
template <typename S> Var<S> pad(Var<S> a, Index r0, Index c0, Index R, Index C);
// Composites of the ops above:
// Each row normalised to mean 0 and variance 1 (biased variance + eps, as torch's LayerNorm
// without its affine part).
template <typename S> Var<S> layerNormRows(Var<S> a, S eps = S(1e-5));
// The entropy of each row of probabilities, -sum_j p_ij log(p_ij + eps): (n,k) -> (n,1).
template <typename S> Var<S> rowEntropy(Var<S> p, S eps = S(1e-9));

// ---- operators (elementwise; no Var * Var, which would be ambiguous with matmul) ----
template <typename S> Var<S> operator+(Var<S> a, Var<S> b) { return add(a, b); }
template <typename S> Var<S> operator-(Var<S> a, Var<S> b) { return sub(a, b); }
template <typename S> Var<S> operator-(Var<S> a) { return neg(a); }
template <typename S> Var<S> operator*(const typename Var<S>::Scalar& s, Var<S> a) { return scale(a, s); }
template <typename S> Var<S> operator*(Var<S> a, const typename Var<S>::Scalar& s) { return scale(a, s); }

} // namespace reglab
