#pragma once
// The few kernels nn/AttentionNet is made of, on column-major buffers with one token per
// column: products through nn/SmallGemm with their elementwise tail fused, LayerNorm over
// each column, and the softmax-with-entropy of one attention map. Loops run over the
// contiguous (row) index, never as a sum, so GCC vectorises them without reassociating.
#include "nn/SmallGemm.h"

#include <algorithm>
#include <cmath>

namespace reglab::attention {

constexpr double kLnEps = 1e-5;
constexpr double kLogEps = 1e-9; // H = -sum A log(A + 1e-9), as the spec writes it

template <typename S> MatRef<S> view(const S* p, Index rows, Index cols, Index ld)
{
    return MatRef<S>(Eigen::Map<const Mat<S>, 0, Eigen::OuterStride<>>(p, rows, cols, Eigen::OuterStride<>(ld)));
}

// Where a product's block goes: c = acc (or c += acc), plus a per-row bias, then ReLU.
template <typename S> struct Sink {
    S* c;
    Index ldc;
    bool add = false;
    const S* bias = nullptr;
    bool relu = false;
    void operator()(Index i0, Index rows, Index j, const S* acc) const
    {
        S* out = c + j * ldc + i0;
        if (bias) {
            const S* b = bias + i0;
            if (relu)
                for (Index r = 0; r < rows; ++r)
                    out[r] = std::max(S(0), acc[r] + b[r]);
            else if (add)
                for (Index r = 0; r < rows; ++r)
                    out[r] += acc[r] + b[r];
            else
                for (Index r = 0; r < rows; ++r)
                    out[r] = acc[r] + b[r];
        } else if (add) {
            for (Index r = 0; r < rows; ++r)
                out[r] += acc[r];
        } else {
            for (Index r = 0; r < rows; ++r)
                out[r] = acc[r];
        }
    }
};

// C (m x n) = A (m x k) B (k x n), all column-major with leading dimensions.
template <typename S>
void gemmNN(Index m, Index n, Index k, const S* a, Index lda, const S* b, Index ldb, const Sink<S>& sink)
{
    gemmWithEpilogue<S>(view(a, m, k, lda), view(b, k, n, ldb), false, sink);
}

// C (m x n) = A (m x k) B^T, B (n x k).
template <typename S>
void gemmNT(Index m, Index n, Index k, const S* a, Index lda, const S* b, Index ldb, const Sink<S>& sink)
{
    gemmWithEpilogue<S>(view(a, m, k, lda), view(b, n, k, ldb), true, sink);
}

// sums (rows) += the n columns of x (rows x n, ld): a bias gradient.
template <typename S> void addColumns(const S* x, Index rows, Index n, Index ld, S* sums)
{
    for (Index j = 0; j < n; ++j) {
        const S* col = x + j * ld;
        for (Index r = 0; r < rows; ++r)
            sums[r] += col[r];
    }
}

// LayerNorm of each column of x (d x n): xhat = (x - mean) / sqrt(var + eps) with the
// biased variance, y = xhat * g + b. rstd (n) is kept for backward.
template <typename S>
void layerNormForward(const S* __restrict x, Index d, Index n, const S* __restrict g, const S* __restrict b,
                      S* __restrict xhat, S* __restrict rstd, S* __restrict y)
{
    using Vec = Eigen::Matrix<S, Eigen::Dynamic, 1>;
    for (Index j = 0; j < n; ++j) {
        const Eigen::Map<const Vec> xc(x + j * d, d);
        const S mean = xc.mean();
        Eigen::Map<Vec> h(xhat + j * d, d);
        h = xc.array() - mean;
        const S r = S(1) / std::sqrt(h.squaredNorm() / S(d) + S(kLnEps));
        rstd[j] = r;
        h *= r;
        S* yc = y + j * d;
        const S* hc = xhat + j * d;
        for (Index c = 0; c < d; ++c)
            yc[c] = hc[c] * g[c] + b[c];
    }
}

// Backward of layerNormForward: dx (= or +=) d loss / dx; dg, db += the parameter
// gradients. dy and dx may not alias.
template <typename S>
void layerNormBackward(const S* __restrict dy, const S* __restrict xhat, const S* __restrict rstd,
                       const S* __restrict g, Index d, Index n, S* __restrict dx, bool add, S* __restrict dg,
                       S* __restrict db, S* __restrict scratch /* d */)
{
    using Vec = Eigen::Matrix<S, Eigen::Dynamic, 1>;
    Eigen::Map<Vec> gdy(scratch, d);
    for (Index j = 0; j < n; ++j) {
        const S* dyc = dy + j * d;
        const S* hc = xhat + j * d;
        for (Index c = 0; c < d; ++c) {
            dg[c] += dyc[c] * hc[c];
            db[c] += dyc[c];
            scratch[c] = dyc[c] * g[c];
        }
        const Eigen::Map<const Vec> h(hc, d);
        const S m1 = gdy.mean(), m2 = gdy.dot(h) / S(d), r = rstd[j];
        S* dxc = dx + j * d;
        if (add)
            for (Index c = 0; c < d; ++c)
                dxc[c] += r * (scratch[c] - m1 - hc[c] * m2);
        else
            for (Index c = 0; c < d; ++c)
                dxc[c] = r * (scratch[c] - m1 - hc[c] * m2);
    }
}

template <typename S> using ArrayMap = Eigen::Map<Eigen::Array<S, Eigen::Dynamic, 1>>;

// One attention map a (T x T, column i = the raw scores q_i . k_j of query i over the keys):
// A = softmax(scale * scores) of each column in place, la = log(A + 1e-9) for the
// entropy's gradient; returns the sum over the T query rows of their entropies. Eigen's
// exp and log run 16 floats at a time, several times faster than libm's one by one.
template <typename S> S softmaxEntropy(S* a, S* la, Index T, S scale)
{
    for (Index i = 0; i < T; ++i) {
        ArrayMap<S> col(a + i * T, T);
        col = (col - col.maxCoeff()) * scale;
    }
    ArrayMap<S> A(a, T * T), L(la, T * T);
    A = A.exp();
    for (Index i = 0; i < T; ++i) {
        ArrayMap<S> col(a + i * T, T);
        col *= S(1) / col.sum();
    }
    L = (A + S(kLogEps)).log();
    return -(A * L).sum();
}

// Backward of softmaxEntropy for one map: dS (T x T like a, holding dLoss/dA) becomes
// dLoss/d(q_i . k_j), the entropy's share added first: coef * dH_row/dA with coef =
// -lambda' (the loss's weight on H, per row), dH/dA_ij = -(log(A_ij + 1e-9) + A_ij / (A_ij + 1e-9)).
template <typename S> void softmaxEntropyBackward(const S* a, const S* la, Index T, S scale, S entropyCoef, S* dS)
{
    ArrayMap<S> G(dS, T * T);
    const Eigen::Map<const Eigen::Array<S, Eigen::Dynamic, 1>> A(a, T * T), L(la, T * T);
    if (entropyCoef != S(0))
        G += entropyCoef * (L + A / (A + S(kLogEps)));
    for (Index i = 0; i < T; ++i) {
        ArrayMap<S> g(dS + i * T, T);
        const auto ai = A.segment(i * T, T);
        const S dot = (ai * g).sum();
        g = scale * ai * (g - dot);
    }
}

} // namespace reglab::attention
