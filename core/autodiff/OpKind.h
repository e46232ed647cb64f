#pragma once
// What produced a tape node. The backward rule of each kind lives in Backward.cpp and is
// written with the same differentiable ops, which is what makes gradients of gradients work.
#include <cstdint>

namespace reglab {

enum class OpKind : std::uint8_t {
    Leaf,            // input, parameter or constant: no parents
    Add,             // a + b                       (r,c),(r,c) -> (r,c)
    Sub,             // a - b                       (r,c),(r,c) -> (r,c)
    Mul,             // a .* b                      (r,c),(r,c) -> (r,c)
    Div,             // a ./ b                      (r,c),(r,c) -> (r,c)
    DivSafe,         // a ./ b, 0 where b == 0      (r,c),(r,c) -> (r,c)
    Neg,             // -a                          (r,c) -> (r,c)
    Scale,           // param * a                   (r,c) -> (r,c)
    AddScalar,       // a + param                   (r,c) -> (r,c)
    ScaleByVar,      // a * s, s a 1x1 node         (r,c),(1,1) -> (r,c)
    MatMul,          // op(a) * op(b), iparam bit 0: a transposed, bit 1: b transposed
    Transpose,       // a^T                         (r,c) -> (c,r)
    AddRow,          // a + broadcast row b         (n,k),(1,k) -> (n,k)
    AddCol,          // a + broadcast column b      (n,k),(n,1) -> (n,k)
    BroadcastRows,   // repeat row a n times        (1,k) -> (n,k)
    BroadcastCols,   // repeat column a k times     (n,1) -> (n,k)
    Fill,            // repeat the 1x1 a            (1,1) -> (r,c)
    Sum,             // sum of all entries          (r,c) -> (1,1)
    SumRows,         // column sums                 (n,k) -> (1,k)
    SumCols,         // row sums                    (n,k) -> (n,1)
    Square,          // a .^ 2
    Sqrt,            // sqrt(a); its gradient at 0 is taken as 0
    Exp,
    Log,
    Tanh,
    Sigmoid,
    Softplus,        // log(1 + exp(a)), computed stably
    Relu,            // max(a, 0)
    LeakyRelu,       // a > 0 ? a : param * a
    Abs,             // |a|; subgradient 0 at 0
    SoftmaxRows,     // softmax of each row         (n,k) -> (n,k)
    LogSoftmaxRows,  // log-softmax of each row     (n,k) -> (n,k)
    // The losses: values from the nn/ definitions (one definition each, DESIGN section 10).
    SoftmaxCrossEntropy, // mean over rows of -b . log softmax(a); b the (smoothed) one-hot constant
    BceWithLogits,   // mean of softplus(a) - b .* a; b the targets  (r,c),(r,c) -> (1,1)
    MeanSquaredError, // 0.5 sum (a - b)^2 / rows                      (r,c),(r,c) -> (1,1)
    // Sequences (the attention lab). Their integer arguments live in TapeNode::ints.
    GatherRows,      // rows ints of a (an embedding lookup)           (v,d) -> (n,d)
    ScatterAddRows,  // out.row(ints[i]) += a.row(i), ints.back() rows (n,d) -> (v,d)
    BlockMatMul,     // per block of rows, op(A_i) op(B_i); iparam: flags | blocks << 2
    Slice,           // a block of a: ints {r0, c0, rows, cols}       (r,c) -> (rows,cols)
    Pad,             // a placed at (r0, c0) in zeros: ints {r0, c0, R, C}  -> (R,C)
};

const char* opName(OpKind op);

} // namespace reglab
