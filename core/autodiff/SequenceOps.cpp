// The tape ops for sequence models (the attention lab): an embedding lookup and its adjoint,
// per-sequence products, slices of heads, and the layer norm and entropy composites. Each
// backward rule (Backward.cpp) is one of these ops again, so they have second derivatives.
#include "autodiff/OpChecks.h"
#include "autodiff/Ops.h"

#include <stdexcept>
#include <string>

namespace reglab {

using namespace opchecks;

namespace {

void checkRows(const std::vector<int>& rows, Index limit, const char* op)
{
    for (int r : rows)
        if (r < 0 || r >= limit)
            throw std::invalid_argument(std::string(op) + ": row index " + std::to_string(r)
                                        + " is outside [0, " + std::to_string(limit) + ").");
}

} // namespace

template <typename S> Var<S> gatherRows(Var<S> table, const std::vector<int>& rows)
{
    Tape<S>& t = tapeOf(table, "gatherRows");
    const int ia = t.indexOf(table, "gatherRows");
    checkRows(rows, t.valueAt(ia).rows(), "gatherRows");
    const int i = t.push(OpKind::GatherRows, ia);
    t.intsAt(i) = rows;
    Mat<S>& o = t.valueAt(i);
    const Mat<S>& x = t.valueAt(ia);
    o.resize(Index(rows.size()), x.cols());
    for (Index r = 0; r < o.rows(); ++r)
        o.row(r) = x.row(rows[std::size_t(r)]);
    return t.var(i);
}

template <typename S> Var<S> scatterAddRows(Var<S> a, const std::vector<int>& rows, Index outRows)
{
    Tape<S>& t = tapeOf(a, "scatterAddRows");
    const int ia = t.indexOf(a, "scatterAddRows");
    if (Index(rows.size()) != t.valueAt(ia).rows())
        throw std::invalid_argument("scatterAddRows: " + std::to_string(rows.size()) + " row indices for "
                                    + std::to_string(t.valueAt(ia).rows()) + " rows.");
    checkRows(rows, outRows, "scatterAddRows");
    const int i = t.push(OpKind::ScatterAddRows, ia);
    t.intsAt(i) = rows;
    t.intsAt(i).push_back(int(outRows));
    Mat<S>& o = t.valueAt(i);
    const Mat<S>& x = t.valueAt(ia);
    o.setZero(outRows, x.cols());
    for (Index r = 0; r < x.rows(); ++r) // in row order: a fixed summation order
        o.row(rows[std::size_t(r)]) += x.row(r);
    return t.var(i);
}

template <typename S> Var<S> blockMatmul(Var<S> a, Var<S> b, Index blocks, bool transA, bool transB)
{
    Tape<S>& t = tapeOf(a, b, "blockMatmul");
    const int ia = t.indexOf(a, "blockMatmul");
    const int ib = t.indexOf(b, "blockMatmul");
    const Mat<S>& x0 = t.valueAt(ia);
    const Mat<S>& y0 = t.valueAt(ib);
    if (blocks < 1 || x0.rows() % blocks != 0 || y0.rows() % blocks != 0)
        throw std::invalid_argument("blockMatmul: " + shapeOf(x0.rows(), x0.cols()) + " and "
                                    + shapeOf(y0.rows(), y0.cols()) + " do not split into "
                                    + std::to_string(blocks) + " equal blocks of rows.");
    const Index ra = x0.rows() / blocks, rb = y0.rows() / blocks;
    const Index innerA = transA ? ra : x0.cols(), innerB = transB ? y0.cols() : rb;
    if (innerA != innerB)
        throw std::invalid_argument("blockMatmul: inner dimensions of the blocks differ: "
                                    + shapeOf(ra, x0.cols()) + (transA ? "^T" : "") + " * "
                                    + shapeOf(rb, y0.cols()) + (transB ? "^T" : "") + ".");
    const int flags = (transA ? 1 : 0) | (transB ? 2 : 0);
    const int i = t.push(OpKind::BlockMatMul, ia, ib, S(0), flags | int(blocks << 2));
    Mat<S>& o = t.valueAt(i);
    const Mat<S>& x = t.valueAt(ia);
    const Mat<S>& y = t.valueAt(ib);
    const Index outR = transA ? x.cols() : ra, outC = transB ? rb : y.cols();
    o.resize(blocks * outR, outC);
    for (Index k = 0; k < blocks; ++k) {
        const auto xa = x.middleRows(k * ra, ra);
        const auto yb = y.middleRows(k * rb, rb);
        auto ok = o.middleRows(k * outR, outR);
        switch (flags) {
        case 0: ok.noalias() = xa * yb; break;
        case 1: ok.noalias() = xa.transpose() * yb; break;
        case 2: ok.noalias() = xa * yb.transpose(); break;
        default: ok.noalias() = xa.transpose() * yb.transpose(); break;
        }
    }
    return t.var(i);
}

template <typename S> Var<S> slice(Var<S> a, Index r0, Index c0, Index rows, Index cols)
{
    Tape<S>& t = tapeOf(a, "slice");
    const int ia = t.indexOf(a, "slice");
    const Mat<S>& x0 = t.valueAt(ia);
    if (r0 < 0 || c0 < 0 || rows < 0 || cols < 0 || r0 + rows > x0.rows() || c0 + cols > x0.cols())
        throw std::invalid_argument("slice: the block " + shapeOf(rows, cols) + " at (" + std::to_string(r0)
                                    + ", " + std::to_string(c0) + ") does not fit in "
                                    + shapeOf(x0.rows(), x0.cols()) + ".");
    const int i = t.push(OpKind::Slice, ia);
    t.intsAt(i) = {int(r0), int(c0), int(rows), int(cols)};
    t.valueAt(i) = t.valueAt(ia).block(r0, c0, rows, cols);
    return t.var(i);
}

template <typename S> Var<S> pad(Var<S> a, Index r0, Index c0, Index R, Index C)
{
    Tape<S>& t = tapeOf(a, "pad");
    const int ia = t.indexOf(a, "pad");
    const Mat<S>& x0 = t.valueAt(ia);
    if (r0 < 0 || c0 < 0 || r0 + x0.rows() > R || c0 + x0.cols() > C)
        throw std::invalid_argument("pad: " + shapeOf(x0.rows(), x0.cols()) + " at (" + std::to_string(r0)
                                    + ", " + std::to_string(c0) + ") does not fit in " + shapeOf(R, C) + ".");
    const int i = t.push(OpKind::Pad, ia);
    t.intsAt(i) = {int(r0), int(c0), int(R), int(C)};
    Mat<S>& o = t.valueAt(i);
    const Mat<S>& x = t.valueAt(ia);
    o.setZero(R, C);
    o.block(r0, c0, x.rows(), x.cols()) = x;
    return t.var(i);
}

template <typename S> Var<S> layerNormRows(Var<S> a, S eps)
{
    const Index d = tapeOf(a, "layerNormRows").value(a).cols();
    if (d == 0)
        throw std::invalid_argument("layerNormRows: the rows are empty.");
    const S inv = S(1) / S(d);
    const Var<S> centred = sub(a, broadcastCols(scale(sumCols(a), inv), d));
    const Var<S> sd = sqrt(addScalar(scale(sumCols(square(centred)), inv), eps));
    return div(centred, broadcastCols(sd, d));
}

template <typename S> Var<S> rowEntropy(Var<S> p, S eps)
{
    return neg(sumCols(mul(p, log(addScalar(p, eps)))));
}

#define REGLAB_SEQUENCE_OPS(S)                                                        \
    template Var<S> gatherRows<S>(Var<S>, const std::vector<int>&);                    \
    template Var<S> scatterAddRows<S>(Var<S>, const std::vector<int>&, Index);         \
    template Var<S> blockMatmul<S>(Var<S>, Var<S>, Index, bool, bool);                 \
    template Var<S> slice<S>(Var<S>, Index, Index, Index, Index);                      \
    template Var<S> pad<S>(Var<S>, Index, Index, Index, Index);                        \
    template Var<S> layerNormRows<S>(Var<S>, S);                                       \
    template Var<S> rowEntropy<S>(Var<S>, S);

REGLAB_SEQUENCE_OPS(float)
REGLAB_SEQUENCE_OPS(double)

#undef REGLAB_SEQUENCE_OPS

} // namespace reglab
