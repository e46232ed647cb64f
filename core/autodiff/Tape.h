#pragma once
// Reverse-mode automatic differentiation over Eigen matrices (DESIGN section 2, core/autodiff).
//
// The tape is a flat vector of matrix nodes in creation order, which is a topological order,
// so a gradient is one reverse sweep. Every backward rule is written with the same tape ops
// as the forward pass (Backward.cpp); with createGraph the sweep records its own nodes and
// the returned gradients can be differentiated again (gradient penalties: WGAN-GP, R1,
// contractive). Without createGraph those nodes are dropped after the sweep.
//
// Typical use, one training step:
//   tape.clear();                                   // keeps node storage from the last step
//   Var<float> x = tape.constant(batch), W = tape.leaf(weights);
//   Var<float> loss = mean(square(sub(matmul(x, W), tape.constant(targets))));
//   auto g = tape.grad(loss, {W});                   // g[0].value(): dLoss/dW
//
// Not thread-safe: one tape per thread.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "Types.h"
#include "autodiff/OpKind.h"
#include "autodiff/TapeNode.h"
#include "autodiff/Var.h"

namespace reglab {

template <typename S>
class Tape {
public:
    explicit Tape(std::size_t reserveNodes = 1024);

    Tape(const Tape&) = delete; // Vars point at their tape: a copy would alias them
    Tape& operator=(const Tape&) = delete;

    // A leaf: an input or a parameter. Its value is copied into (recycled) tape storage.
    Var<S> leaf(const Mat<S>& value, bool requiresGrad = true);
    // A leaf that never requires a gradient.
    Var<S> constant(const Mat<S>& value) { return leaf(value, false); }
    Var<S> scalar(S value); // a 1x1 constant

    // Gradients of the 1x1 node y with respect to each of wrt (same shapes as wrt).
    // createGraph = true: the gradients are nodes of this tape built from differentiable ops,
    //   so a function of them can be differentiated again (create_graph=True in PyTorch).
    // createGraph = false: the sweep's own nodes are discarded; the gradients come back as
    //   fresh constant leaves, so the tape grows by wrt.size() nodes only.
    // A wrt that y does not depend on gets a zero gradient. Every wrt must require grad.
    std::vector<Var<S>> grad(Var<S> y, const std::vector<Var<S>>& wrt, bool createGraph = false);
    // Vector-Jacobian product: y of any shape, seed of y's shape (the upstream gradient).
    std::vector<Var<S>> grad(Var<S> y, const std::vector<Var<S>>& wrt, Var<S> seed,
                             bool createGraph);

    // Forgets every node; Vars from before become stale. Node storage is kept, so a step
    // that builds the same graph as the last one allocates nothing on the tape.
    void clear();
    // Frees the recycled storage too (after a one-off large graph).
    void releaseMemory();

    int size() const { return m_size; }                          // live nodes
    std::size_t capacity() const { return m_nodes.capacity(); }  // node slots reserved
    std::uint32_t generation() const { return m_generation; }

    const Mat<S>& value(Var<S> v) const { return m_nodes[indexOf(v, "value")].value; }

    // ---- Low level, for the op implementations (Ops.cpp, Backward.cpp) ----
    // Index of v's node; throws std::invalid_argument naming `op` if v is empty, stale or
    // from another tape.
    int indexOf(Var<S> v, const char* op) const;
    // Appends a node with the given parents and returns its index. The caller must assign
    // the whole value (valueAt(i) = ...): a recycled slot still holds an old matrix.
    int push(OpKind op, int a = -1, int b = -1, S param = S(0), int iparam = 0);
    Mat<S>& valueAt(int i) { return m_nodes[std::size_t(i)].value; }
    const Mat<S>& valueAt(int i) const { return m_nodes[std::size_t(i)].value; }
    const TapeNode<S>& node(int i) const { return m_nodes[std::size_t(i)]; }
    std::vector<int>& intsAt(int i) { return m_nodes[std::size_t(i)].ints; }
    Var<S> var(int i) { return Var<S>(this, i, m_generation); }

private:
    std::vector<Var<S>> sweep(int iy, const std::vector<Var<S>>& wrt, int iseed, bool createGraph);

    std::vector<TapeNode<S>> m_nodes; // slots [0, m_size) are live, the rest recycled storage
    int m_size = 0;
    std::uint32_t m_generation = 1;
    bool m_noGrad = false;           // set during a sweep without createGraph

    // Scratch reused by every sweep, so a training step does not allocate them again.
    std::vector<char> m_reach;       // node lies on a path from some wrt to y
    std::vector<int> m_gradOf;       // node index of the accumulated gradient, -1 if none
};

} // namespace reglab
