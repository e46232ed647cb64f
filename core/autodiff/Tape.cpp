#include "autodiff/Tape.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "autodiff/Backward.h"
#include "autodiff/Ops.h"

namespace reglab {

namespace {

std::string shapeOf(Index r, Index c)
{
    return "(" + std::to_string(r) + "x" + std::to_string(c) + ")";
}

} // namespace

template <typename S>
Tape<S>::Tape(std::size_t reserveNodes)
{
    m_nodes.reserve(reserveNodes);
}

template <typename S>
int Tape<S>::indexOf(Var<S> v, const char* op) const
{
    if (!v.valid())
        throw std::invalid_argument(std::string(op) + ": the Var is empty (default-constructed).");
    if (v.tape() != this)
        throw std::invalid_argument(std::string(op) + ": the Var belongs to another tape.");
    if (v.generation() != m_generation || v.index() < 0 || v.index() >= m_size)
        throw std::invalid_argument(std::string(op) + ": the Var is stale: its tape was cleared after it was made.");
    return v.index();
}

template <typename S>
int Tape<S>::push(OpKind op, int a, int b, S param, int iparam)
{
    if (std::size_t(m_size) == m_nodes.size())
        m_nodes.emplace_back(); // past the recycled slots: a genuinely new node
    TapeNode<S>& n = m_nodes[std::size_t(m_size)];
    n.op = op;
    n.a = a;
    n.b = b;
    n.param = param;
    n.iparam = iparam;
    n.requiresGrad = !m_noGrad && ((a >= 0 && m_nodes[std::size_t(a)].requiresGrad)
                                   || (b >= 0 && m_nodes[std::size_t(b)].requiresGrad));
    return m_size++;
}

template <typename S>
Var<S> Tape<S>::leaf(const Mat<S>& value, bool requiresGrad)
{
    // `value` may live on this very tape (tape.constant(v.value())): when push() has to grow
    // the node vector it frees the old nodes, so copy the value out first. Growth is rare
    // (the graph of a step is the same every step), so this costs nothing in steady state.
    if (std::size_t(m_size) == m_nodes.size()) {
        Mat<S> copy = value;
        const int i = push(OpKind::Leaf);
        m_nodes[std::size_t(i)].value = std::move(copy);
        m_nodes[std::size_t(i)].requiresGrad = requiresGrad && !m_noGrad;
        return var(i);
    }
    const int i = push(OpKind::Leaf);
    m_nodes[std::size_t(i)].value = value; // reuses the slot's storage when the shape matches
    m_nodes[std::size_t(i)].requiresGrad = requiresGrad && !m_noGrad;
    return var(i);
}

template <typename S>
Var<S> Tape<S>::scalar(S value)
{
    const int i = push(OpKind::Leaf);
    m_nodes[std::size_t(i)].value.setConstant(1, 1, value);
    return var(i);
}

template <typename S>
void Tape<S>::clear()
{
    m_size = 0;
    ++m_generation;
}

template <typename S>
void Tape<S>::releaseMemory()
{
    clear();
    std::vector<TapeNode<S>>().swap(m_nodes);
    std::vector<char>().swap(m_reach);
    std::vector<int>().swap(m_gradOf);
}

template <typename S>
std::vector<Var<S>> Tape<S>::grad(Var<S> y, const std::vector<Var<S>>& wrt, bool createGraph)
{
    const int iy = indexOf(y, "grad");
    const Mat<S>& v = m_nodes[std::size_t(iy)].value;
    if (v.rows() != 1 || v.cols() != 1)
        throw std::invalid_argument("grad: y must be 1x1, got " + shapeOf(v.rows(), v.cols())
                                    + "; pass a seed for a vector-Jacobian product.");
    return sweep(iy, wrt, -1, createGraph);
}

template <typename S>
std::vector<Var<S>> Tape<S>::grad(Var<S> y, const std::vector<Var<S>>& wrt, Var<S> seed,
                                  bool createGraph)
{
    const int iy = indexOf(y, "grad");
    const int is = indexOf(seed, "grad (seed)");
    const Mat<S>& vy = m_nodes[std::size_t(iy)].value;
    const Mat<S>& vs = m_nodes[std::size_t(is)].value;
    if (vy.rows() != vs.rows() || vy.cols() != vs.cols())
        throw std::invalid_argument("grad: the seed " + shapeOf(vs.rows(), vs.cols())
                                    + " must have the shape of y " + shapeOf(vy.rows(), vy.cols()) + ".");
    return sweep(iy, wrt, is, createGraph);
}

template <typename S>
std::vector<Var<S>> Tape<S>::sweep(int iy, const std::vector<Var<S>>& wrt, int iseed, bool createGraph)
{
    std::vector<int> iw(wrt.size());
    for (std::size_t k = 0; k < wrt.size(); ++k) {
        iw[k] = indexOf(wrt[k], "grad (wrt)");
        if (!m_nodes[std::size_t(iw[k])].requiresGrad)
            throw std::invalid_argument("grad: wrt[" + std::to_string(k)
                                        + "] does not require grad (a constant, or computed only from constants).");
    }

    // Mark the nodes on some path wrt -> y; only those are visited, and only their parents
    // that are also marked get a gradient (no dX for a constant input X, for example).
    const std::size_t n = std::size_t(iy) + 1;
    m_reach.assign(n, 0);
    int lowest = iy + 1;
    for (int w : iw)
        if (w <= iy) {
            m_reach[std::size_t(w)] = 1;
            lowest = std::min(lowest, w);
        }
    for (int i = lowest; i <= iy; ++i) {
        const TapeNode<S>& nd = m_nodes[std::size_t(i)];
        if (!m_reach[std::size_t(i)] && ((nd.a >= 0 && m_reach[std::size_t(nd.a)])
                                         || (nd.b >= 0 && m_reach[std::size_t(nd.b)])))
            m_reach[std::size_t(i)] = 1;
    }
    m_gradOf.assign(n, -1);

    const int mark = m_size;
    // Without createGraph the results go into leaves reserved before the sweep's own nodes,
    // so after truncation each slot keeps the same role (and shape, and storage) every step.
    if (!createGraph)
        for (std::size_t k = 0; k < wrt.size(); ++k)
            m_nodes[std::size_t(push(OpKind::Leaf))].requiresGrad = false;
    const bool savedNoGrad = m_noGrad;
    m_noGrad = !createGraph; // without createGraph the sweep's nodes need no graph of their own
    try {
        if (m_reach[std::size_t(iy)]) {
            if (iseed >= 0) {
                m_gradOf[std::size_t(iy)] = iseed;
            } else {
                const int s = push(OpKind::Leaf);
                m_nodes[std::size_t(s)].value.setOnes(1, 1);
                m_gradOf[std::size_t(iy)] = s;
            }
        }
        // One reverse sweep in index order, which is a topological order.
        for (int i = iy; i >= lowest; --i) {
            const int gi = m_gradOf[std::size_t(i)];
            if (gi < 0 || !m_reach[std::size_t(i)])
                continue;
            const int pa = m_nodes[std::size_t(i)].a;
            const int pb = m_nodes[std::size_t(i)].b;
            const bool need[2] = {pa >= 0 && m_reach[std::size_t(pa)] != 0,
                                  pb >= 0 && m_reach[std::size_t(pb)] != 0};
            if (!need[0] && !need[1])
                continue;
            Var<S> grads[2];
            backwardRule(*this, i, var(gi), need, grads);
            const int parents[2] = {pa, pb};
            for (int k = 0; k < 2; ++k) {
                if (!need[k])
                    continue;
                const int p = parents[k];
                const int gp = grads[k].index();
                const Mat<S>& pv = m_nodes[std::size_t(p)].value;
                const Mat<S>& gv = m_nodes[std::size_t(gp)].value;
                if (pv.rows() != gv.rows() || pv.cols() != gv.cols())
                    throw std::logic_error(std::string("grad: the backward rule of ")
                                           + opName(m_nodes[std::size_t(i)].op) + " returned "
                                           + shapeOf(gv.rows(), gv.cols()) + " for a "
                                           + shapeOf(pv.rows(), pv.cols()) + " parent.");
                int& acc = m_gradOf[std::size_t(p)];
                acc = acc < 0 ? gp : add(var(acc), grads[k]).index(); // fan-out: gradients add up
            }
        }
    } catch (...) {
        m_noGrad = savedNoGrad;
        m_size = mark;
        throw;
    }
    m_noGrad = savedNoGrad;

    std::vector<Var<S>> out(wrt.size());
    if (createGraph) {
        for (std::size_t k = 0; k < wrt.size(); ++k) {
            const int w = iw[k];
            if (w <= iy && m_gradOf[std::size_t(w)] >= 0) {
                out[k] = var(m_gradOf[std::size_t(w)]);
            } else {
                const int z = push(OpKind::Leaf);
                m_nodes[std::size_t(z)].value.setZero(m_nodes[std::size_t(w)].value.rows(),
                                                      m_nodes[std::size_t(w)].value.cols());
                out[k] = var(z);
            }
        }
        return out;
    }

    // Without createGraph: copy the gradients into the reserved leaves and drop the rest.
    for (std::size_t k = 0; k < wrt.size(); ++k) {
        const int w = iw[k];
        const int dst = mark + int(k);
        const int src = w <= iy ? m_gradOf[std::size_t(w)] : -1;
        if (src >= 0)
            m_nodes[std::size_t(dst)].value = m_nodes[std::size_t(src)].value;
        else
            m_nodes[std::size_t(dst)].value.setZero(m_nodes[std::size_t(w)].value.rows(),
                                                    m_nodes[std::size_t(w)].value.cols());
        out[k] = var(dst);
    }
    m_size = mark + int(wrt.size());
    return out;
}

template class Tape<float>;
template class Tape<double>;

} // namespace reglab
