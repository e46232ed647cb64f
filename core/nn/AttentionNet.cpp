#include "nn/AttentionNet.h"

#include "Parallel.h"
#include "nn/AttentionKernels.h"
#include "nn/Dropout.h"

#include <cmath>
#include <stdexcept>

namespace reglab {

using namespace attention;

namespace {
// Sequences per chunk: the unit of parallel work and of the gradient reduction, fixed so
// results do not depend on threads. 16 keeps a chunk's activations in L2 and its weight
// gradients' products long enough (256 tokens) to run at full speed.
constexpr Index kChunk = 16;

template <typename S> Parameter<S> param(const std::string& name, Index rows, Index cols, bool bias, bool norm)
{
    Parameter<S> p;
    p.name = name;
    p.value = Mat<S>::Zero(rows, cols);
    p.grad = Mat<S>::Zero(rows, cols);
    p.isBias = bias;
    p.isNorm = norm;
    return p;
}

template <typename S> void fillUniform(Mat<S>& m, double a, Rng& rng)
{
    for (Index k = 0; k < m.size(); ++k)
        m.data()[k] = S(rng.uniform(-a, a));
}

template <typename S> void copyColumns(const S* from, S* to, Index rows, Index n)
{
    std::copy(from, from + rows * n, to);
}
} // namespace

// Weights as the products want them this step: transposed (A operands of forward
// products) and the three projections side by side.
template <typename S> struct AttentionNet<S>::Packed {
    Mat<S> tokT, posT, headWT;                          // (d, V), (d, T), (C, d)
    std::vector<Mat<S>> wqkvT, wqkv, bqkv, woT, w1T, w2T; // per layer
};

// One chunk's activations, backward scratch and partial gradients. Buffers are flat and
// sized for `capacity` sequences; token n of the chunk is column n (d rows).
template <typename S> struct AttentionNet<S>::Work {
    struct Layer {
        // x: block input; att: per (sequence, head) a T x T map, column i = query i.
        // attD = A * mask (mask: the dropout scales), when dropout is on.
        Mat<S> x, xhat1, rstd1, h1, qkv, kt, vt, att, logA, mask, attD, o, xmid, xhat2, rstd2, h2, r;
    };
    struct Grads {
        Mat<S> lnG, lnB, wqkv, bqkv, wo, bo, ffnG, ffnB, w1, b1, w2, b2;
    };
    Index capacity = 0;
    std::vector<Layer> layers; // config.layers + 1; the last one's x is the output
    Mat<S> pooled, xhatf, rstdf, z, logits;
    Mat<S> dlogits, dz, dpooled, dx, dxIn, dxmid, dr, dh2, dO, dS, dqkv, dh1, scratch;
    Mat<S> gTokT, gPosT, gFinalG, gFinalB, gHeadW, gHeadB;
    std::vector<Grads> grads;
    double ceSum = 0, hSum = 0;
    Index correct = 0;

    void allocate(const AttentionConfig& c, Index n, bool backward)
    {
        if (n <= capacity && (!backward || grads.size() == size_t(c.layers)))
            return;
        capacity = std::max(n, capacity);
        const Index T = c.seqLen, d = c.dModel, H = c.heads, F = c.ffnWidth, C = c.classes, N = capacity * T;
        auto flat = [](Mat<S>& m, Index size) { m.resize(std::max<Index>(size, 1), 1); };
        layers.resize(size_t(c.layers) + 1);
        for (auto& l : layers) {
            flat(l.x, d * N);
            for (Mat<S>* m : {&l.xhat1, &l.h1, &l.o, &l.xmid, &l.xhat2, &l.h2, &l.kt, &l.vt})
                flat(*m, d * N);
            flat(l.rstd1, N);
            flat(l.rstd2, N);
            flat(l.qkv, 3 * d * N);
            for (Mat<S>* m : {&l.att, &l.logA, &l.mask, &l.attD})
                flat(*m, H * T * N);
            flat(l.r, F * N);
        }
        for (Mat<S>* m : {&pooled, &xhatf, &z, &dz, &dpooled})
            flat(*m, d * capacity);
        flat(rstdf, capacity);
        flat(logits, C * capacity);
        flat(dlogits, C * capacity);
        if (!backward)
            return;
        for (Mat<S>* m : {&dx, &dxIn, &dxmid, &dh2, &dO, &dh1})
            flat(*m, d * N);
        flat(dr, F * N);
        flat(dS, T * T);
        flat(dqkv, 3 * d * N);
        flat(scratch, d);
        gTokT.resize(d, c.vocab);
        gPosT.resize(d, T);
        gFinalG.resize(d, 1);
        gFinalB.resize(d, 1);
        gHeadW.resize(d, C);
        gHeadB.resize(C, 1);
        grads.resize(size_t(c.layers));
        for (auto& g : grads) {
            for (Mat<S>* m : {&g.lnG, &g.lnB, &g.bo, &g.ffnG, &g.ffnB, &g.b2})
                m->resize(d, 1);
            g.wqkv.resize(d, 3 * d);
            g.bqkv.resize(3 * d, 1);
            g.wo.resize(d, d);
            g.w1.resize(d, F);
            g.b1.resize(F, 1);
            g.w2.resize(F, d);
        }
    }
};

template <typename S> AttentionNet<S>::AttentionNet(const AttentionConfig& config, Rng& rng) : m_config(config)
{
    const std::string problem = config.check();
    if (!problem.empty())
        throw std::invalid_argument(problem);
    const Index V = config.vocab, T = config.seqLen, d = config.dModel, F = config.ffnWidth, C = config.classes;
    m_tok = param<S>("tok_emb", V, d, false, false);
    m_pos = param<S>("pos_emb", T, d, false, false);
    m_layers.resize(size_t(config.layers));
    for (int l = 0; l < config.layers; ++l) {
        LayerParams& p = m_layers[size_t(l)];
        const std::string a = "attn" + std::to_string(l) + ".", f = "ffn" + std::to_string(l) + ".";
        p.lnG = param<S>(a + "ln_g", 1, d, false, true);
        p.lnB = param<S>(a + "ln_b", 1, d, false, true);
        p.wq = param<S>(a + "wq", d, d, false, false);
        p.bq = param<S>(a + "bq", 1, d, true, false);
        p.wk = param<S>(a + "wk", d, d, false, false);
        p.bk = param<S>(a + "bk", 1, d, true, false);
        p.wv = param<S>(a + "wv", d, d, false, false);
        p.bv = param<S>(a + "bv", 1, d, true, false);
        p.wo = param<S>(a + "wo", d, d, false, false);
        p.bo = param<S>(a + "bo", 1, d, true, false);
        p.ffnG = param<S>(f + "ln_g", 1, d, false, true);
        p.ffnB = param<S>(f + "ln_b", 1, d, false, true);
        p.w1 = param<S>(f + "w1", d, F, false, false);
        p.b1 = param<S>(f + "b1", 1, F, true, false);
        p.w2 = param<S>(f + "w2", F, d, false, false);
        p.b2 = param<S>(f + "b2", 1, d, true, false);
        p.lnG.value.setOnes();
        p.ffnG.value.setOnes();
    }
    m_finalG = param<S>("final.ln_g", 1, d, false, true);
    m_finalB = param<S>("final.ln_b", 1, d, false, true);
    m_finalG.value.setOnes();
    m_headW = param<S>("head.w", d, C, false, false);
    m_headB = param<S>("head.b", 1, C, true, false);

    // PyTorch's defaults: Embedding N(0, 1), the script's positions N(0, 0.02^2), every
    // Linear's weight and bias U(+-1/sqrt(fan_in)); LayerNorm draws nothing.
    for (auto* p : parameters()) {
        if (p == &m_tok || p == &m_pos) {
            const double sd = p == &m_tok ? 1.0 : 0.02;
            for (Index k = 0; k < p->value.size(); ++k)
                p->value.data()[k] = S(sd * rng.normal());
        } else if (!p->isNorm) {
            const bool fromF = p->name.rfind(".w2") != std::string::npos || p->name.rfind(".b2") != std::string::npos;
            fillUniform(p->value, 1.0 / std::sqrt(double(fromF ? F : d)), rng);
        }
    }
    m_packed = std::make_unique<Packed>();
}

template <typename S> AttentionNet<S>::~AttentionNet() = default;

template <typename S> std::vector<Parameter<S>*> AttentionNet<S>::parameters()
{
    std::vector<Parameter<S>*> out{&m_tok, &m_pos};
    for (LayerParams& p : m_layers) {
        if (m_config.layerNorm)
            out.insert(out.end(), {&p.lnG, &p.lnB});
        out.insert(out.end(), {&p.wq, &p.bq, &p.wk, &p.bk, &p.wv, &p.bv, &p.wo, &p.bo});
        if (m_config.ffn && m_config.layerNorm)
            out.insert(out.end(), {&p.ffnG, &p.ffnB});
        if (m_config.ffn)
            out.insert(out.end(), {&p.w1, &p.b1, &p.w2, &p.b2});
    }
    if (m_config.layerNorm)
        out.insert(out.end(), {&m_finalG, &m_finalB});
    out.insert(out.end(), {&m_headW, &m_headB});
    return out;
}

template <typename S> std::vector<const Parameter<S>*> AttentionNet<S>::parameters() const
{
    const auto ps = const_cast<AttentionNet*>(this)->parameters();
    return {ps.begin(), ps.end()};
}

template <typename S> void AttentionNet<S>::zeroGrad()
{
    for (auto* p : parameters())
        p->grad.setZero();
}

template <typename S> void AttentionNet<S>::pack(Packed& p) const
{
    const Index d = m_config.dModel;
    p.tokT = m_tok.value.transpose();
    p.posT = m_pos.value.transpose();
    p.headWT = m_headW.value.transpose();
    const size_t L = m_layers.size();
    for (auto* v : {&p.wqkvT, &p.wqkv, &p.bqkv, &p.woT, &p.w1T, &p.w2T})
        v->resize(L);
    for (size_t l = 0; l < L; ++l) {
        const LayerParams& lp = m_layers[l];
        p.wqkv[l].resize(d, 3 * d);
        p.wqkv[l] << lp.wq.value, lp.wk.value, lp.wv.value;
        p.wqkvT[l] = p.wqkv[l].transpose();
        p.bqkv[l].resize(3 * d, 1);
        p.bqkv[l] << lp.bq.value.transpose(), lp.bk.value.transpose(), lp.bv.value.transpose();
        p.woT[l] = lp.wo.value.transpose();
        if (m_config.ffn) {
            p.w1T[l] = lp.w1.value.transpose();
            p.w2T[l] = lp.w2.value.transpose();
        }
    }
}

template <typename S>
void AttentionNet<S>::forwardChunk(const Packed& p, Work& w, const int* tokens, Index s0, Index n, Index B,
                                   const S* masks) const
{
    const AttentionConfig& c = m_config;
    const Index T = c.seqLen, d = c.dModel, H = c.heads, dh = d / H, F = c.ffnWidth, N = n * T, d3 = 3 * d;
    const S scale = S(1) / std::sqrt(S(dh));
    const bool first = c.pooling == AttentionPooling::First;
    w.hSum = 0;

    S* x0 = w.layers[0].x.data();
    for (Index t = 0; t < N; ++t) {
        const S* te = p.tokT.data() + Index(tokens[t]) * d;
        const S* pe = p.posT.data() + (t % T) * d;
        S* out = x0 + t * d;
        for (Index k = 0; k < d; ++k)
            out[k] = te[k] + pe[k];
    }
    for (int l = 0; l < c.layers; ++l) {
        const LayerParams& lp = m_layers[size_t(l)];
        typename Work::Layer& a = w.layers[size_t(l)];
        // With First pooling, nothing after the last attention is read at positions > 0.
        const bool onlyFirst = first && l == c.layers - 1;
        const Index R = onlyFirst ? n : N, Rn = onlyFirst ? 1 : T;
        const S* h1 = a.x.data();
        if (c.layerNorm) {
            layerNormForward(a.x.data(), d, N, lp.lnG.value.data(), lp.lnB.value.data(), a.xhat1.data(),
                             a.rstd1.data(), a.h1.data());
            h1 = a.h1.data();
        }
        gemmNN<S>(d3, N, d, p.wqkvT[l].data(), d3, h1, d, {a.qkv.data(), d3, false, p.bqkv[l].data()});
        for (Index s = 0; s < n; ++s)
            for (Index h = 0; h < H; ++h) {
                const Index blk = s * H + h;
                const S* q = a.qkv.data() + s * T * d3 + h * dh;
                const S *k = q + d, *v = q + 2 * d;
                // K of this head transposed (key index contiguous): the A operand of the
                // scores' product; V likewise for dA in backward, unless one query row is
                // read (onlyFirst), whose dA is a thin product on V as it is.
                S* kt = a.kt.data() + blk * T * dh;
                for (Index j = 0; j < T; ++j)
                    for (Index e = 0; e < dh; ++e)
                        kt[e * T + j] = k[j * d3 + e];
                if (!onlyFirst) {
                    S* vt = a.vt.data() + blk * T * dh;
                    for (Index j = 0; j < T; ++j)
                        for (Index e = 0; e < dh; ++e)
                            vt[e * T + j] = v[j * d3 + e];
                }
                S* at = a.att.data() + blk * T * T;
                gemmNN<S>(T, T, dh, kt, T, q, d3, {at, T});
                w.hSum += double(softmaxEntropy(at, a.logA.data() + blk * T * T, T, scale));
                const S* use = at;
                if (masks) {
                    // The batch's mask for this layer and head is (B*T) x T, query rows.
                    S* ad = a.attD.data() + blk * T * T;
                    S* mk = a.mask.data() + blk * T * T;
                    const Index col0 = (Index(l) * H + h) * T, ld = B * T, row0 = (s0 + s) * T;
                    for (Index i = 0; i < T; ++i)
                        for (Index j = 0; j < T; ++j) {
                            mk[i * T + j] = masks[(col0 + j) * ld + row0 + i];
                            ad[i * T + j] = at[i * T + j] * mk[i * T + j];
                        }
                    use = ad;
                }
                gemmNN<S>(dh, Rn, T, v, d3, use, T, {a.o.data() + (onlyFirst ? s : s * T) * d + h * dh, d});
            }
        // x + o Wo + bo: the residual is x at the rows kept.
        if (onlyFirst)
            for (Index s = 0; s < n; ++s)
                copyColumns(a.x.data() + s * T * d, a.xmid.data() + s * d, d, 1);
        else
            copyColumns(a.x.data(), a.xmid.data(), d, N);
        gemmNN<S>(d, R, d, p.woT[l].data(), d, a.o.data(), d, {a.xmid.data(), d, true, lp.bo.value.data()});
        S* xout = w.layers[size_t(l) + 1].x.data();
        copyColumns(a.xmid.data(), xout, d, R);
        if (c.ffn) {
            const S* h2 = a.xmid.data();
            if (c.layerNorm) {
                layerNormForward(a.xmid.data(), d, R, lp.ffnG.value.data(), lp.ffnB.value.data(), a.xhat2.data(),
                                 a.rstd2.data(), a.h2.data());
                h2 = a.h2.data();
            }
            gemmNN<S>(F, R, d, p.w1T[l].data(), F, h2, d, {a.r.data(), F, false, lp.b1.value.data(), true});
            gemmNN<S>(d, R, F, p.w2T[l].data(), d, a.r.data(), F, {xout, d, true, lp.b2.value.data()});
        }
    }
    const S* xL = w.layers.back().x.data();
    const S* pooled = xL;
    if (!first) {
        S* pm = w.pooled.data();
        for (Index s = 0; s < n; ++s) {
            S* out = pm + s * d;
            std::fill(out, out + d, S(0));
            addColumns(xL + s * T * d, d, T, d, out);
            for (Index k = 0; k < d; ++k)
                out[k] /= S(T);
        }
        pooled = pm;
    }
    const S* z = pooled;
    if (c.layerNorm) {
        layerNormForward(pooled, d, n, m_finalG.value.data(), m_finalB.value.data(), w.xhatf.data(), w.rstdf.data(),
                         w.z.data());
        z = w.z.data();
    }
    gemmNN<S>(c.classes, n, d, p.headWT.data(), c.classes, z, d, {w.logits.data(), c.classes, false, m_headB.value.data()});
}

template <typename S>
void AttentionNet<S>::backwardChunk(const Packed& p, Work& w, const int* tokens, const int* labels, Index n, Index B,
                                    const S* masks) const
{
    const AttentionConfig& c = m_config;
    const Index T = c.seqLen, d = c.dModel, H = c.heads, dh = d / H, F = c.ffnWidth, C = c.classes, N = n * T,
                d3 = 3 * d;
    const S scale = S(1) / std::sqrt(S(dh));
    const bool first = c.pooling == AttentionPooling::First;
    const S entropyCoef = S(c.entropyWeight / double(B * c.layers * H * T));

    // Cross-entropy (the definition of nn/SoftmaxCrossEntropy), its gradient / B.
    w.ceSum = 0;
    w.correct = 0;
    for (Index s = 0; s < n; ++s) {
        const S* z = w.logits.data() + s * C;
        S* g = w.dlogits.data() + s * C;
        Index arg = 0;
        for (Index k = 1; k < C; ++k)
            if (z[k] > z[arg])
                arg = k;
        S sum = 0;
        for (Index k = 0; k < C; ++k)
            sum += std::exp(z[k] - z[arg]);
        const S lse = z[arg] + std::log(sum);
        w.ceSum += double(lse - z[labels[s]]);
        w.correct += arg == labels[s];
        for (Index k = 0; k < C; ++k)
            g[k] = std::exp(z[k] - lse) / S(B);
        g[labels[s]] -= S(1) / S(B);
    }
    const S* z = c.layerNorm ? w.z.data() : (first ? w.layers.back().x.data() : w.pooled.data());
    gemmNT<S>(d, C, n, z, d, w.dlogits.data(), C, {w.gHeadW.data(), d});
    w.gHeadB.setZero();
    addColumns(w.dlogits.data(), C, n, C, w.gHeadB.data());
    gemmNN<S>(d, n, C, m_headW.value.data(), d, w.dlogits.data(), C, {w.dz.data(), d});
    const S* dpooled = w.dz.data();
    if (c.layerNorm) {
        w.gFinalG.setZero();
        w.gFinalB.setZero();
        layerNormBackward(w.dz.data(), w.xhatf.data(), w.rstdf.data(), m_finalG.value.data(), d, n, w.dpooled.data(),
                          false, w.gFinalG.data(), w.gFinalB.data(), w.scratch.data());
        dpooled = w.dpooled.data();
    }
    // dx: the gradient at the current block's output; with First pooling only position 0's.
    S* dx = w.dx.data();
    if (first) {
        copyColumns(dpooled, dx, d, n);
    } else {
        for (Index t = 0; t < N; ++t)
            for (Index k = 0; k < d; ++k)
                dx[t * d + k] = dpooled[(t / T) * d + k] / S(T);
    }
    for (int l = c.layers - 1; l >= 0; --l) {
        const LayerParams& lp = m_layers[size_t(l)];
        const typename Work::Layer& a = w.layers[size_t(l)];
        typename Work::Grads& g = w.grads[size_t(l)];
        const bool onlyFirst = first && l == c.layers - 1;
        const Index R = onlyFirst ? n : N, Rn = onlyFirst ? 1 : T;
        const S* dxmid = dx;
        if (c.ffn) {
            gemmNT<S>(F, d, R, a.r.data(), F, dx, d, {g.w2.data(), F});
            g.b2.setZero();
            addColumns(dx, d, R, d, g.b2.data());
            S* dr = w.dr.data();
            gemmNN<S>(F, R, d, lp.w2.value.data(), F, dx, d, {dr, F});
            const S* r = a.r.data();
            for (Index k = 0; k < F * R; ++k)
                dr[k] = r[k] > S(0) ? dr[k] : S(0);
            const S* h2 = c.layerNorm ? a.h2.data() : a.xmid.data();
            gemmNT<S>(d, F, R, h2, d, dr, F, {g.w1.data(), d});
            g.b1.setZero();
            addColumns(dr, F, R, F, g.b1.data());
            copyColumns(dx, w.dxmid.data(), d, R);
            if (c.layerNorm) {
                gemmNN<S>(d, R, F, lp.w1.value.data(), d, dr, F, {w.dh2.data(), d});
                g.ffnG.setZero();
                g.ffnB.setZero();
                layerNormBackward(w.dh2.data(), a.xhat2.data(), a.rstd2.data(), lp.ffnG.value.data(), d, R,
                                  w.dxmid.data(), true, g.ffnG.data(), g.ffnB.data(), w.scratch.data());
            } else {
                gemmNN<S>(d, R, F, lp.w1.value.data(), d, dr, F, {w.dxmid.data(), d, true});
            }
            dxmid = w.dxmid.data();
        }
        gemmNT<S>(d, d, R, a.o.data(), d, dxmid, d, {g.wo.data(), d});
        g.bo.setZero();
        addColumns(dxmid, d, R, d, g.bo.data());
        S* dO = w.dO.data();
        gemmNN<S>(d, R, d, lp.wo.value.data(), d, dxmid, d, {dO, d});
        // The residual: dx at the block's input, before the attention's share is added.
        S* dxIn = w.dxIn.data();
        if (onlyFirst) {
            std::fill(dxIn, dxIn + d * N, S(0));
            for (Index s = 0; s < n; ++s)
                copyColumns(dxmid + s * d, dxIn + s * T * d, d, 1);
        } else {
            copyColumns(dxmid, dxIn, d, N);
        }
        for (Index s = 0; s < n; ++s)
            for (Index h = 0; h < H; ++h) {
                const Index blk = s * H + h;
                const S* q = a.qkv.data() + s * T * d3 + h * dh;
                const S *k = q + d, *v = q + 2 * d;
                const S* at = a.att.data() + blk * T * T;
                const S* la = a.logA.data() + blk * T * T;
                const S* used = masks ? a.attD.data() + blk * T * T : at;
                const S* dOs = dO + (onlyFirst ? s : s * T) * d + h * dh;
                S* dS = w.dS.data();
                // dA_ij = dO_i . v_j for the rows whose output is read, times the mask.
                if (onlyFirst)
                    gemmNN<S>(1, T, dh, dOs, 1, v, d3, {dS, 1});
                else
                    gemmNN<S>(T, Rn, dh, a.vt.data() + blk * T * dh, T, dOs, d, {dS, T});
                std::fill(dS + Rn * T, dS + T * T, S(0));
                if (masks) {
                    const S* mk = a.mask.data() + blk * T * T;
                    for (Index k2 = 0; k2 < Rn * T; ++k2)
                        dS[k2] *= mk[k2];
                }
                softmaxEntropyBackward(at, la, T, scale, entropyCoef, dS);
                S* dq = w.dqkv.data() + s * T * d3 + h * dh;
                gemmNN<S>(dh, T, T, k, d3, dS, T, {dq, d3});
                gemmNT<S>(dh, T, T, q, d3, dS, T, {dq + d, d3});
                gemmNT<S>(dh, T, Rn, dOs, d, used, T, {dq + 2 * d, d3});
            }
        const S* h1 = c.layerNorm ? a.h1.data() : a.x.data();
        gemmNT<S>(d, d3, N, h1, d, w.dqkv.data(), d3, {g.wqkv.data(), d});
        g.bqkv.setZero();
        addColumns(w.dqkv.data(), d3, N, d3, g.bqkv.data());
        if (c.layerNorm) {
            gemmNN<S>(d, N, d3, p.wqkv[l].data(), d, w.dqkv.data(), d3, {w.dh1.data(), d});
            g.lnG.setZero();
            g.lnB.setZero();
            layerNormBackward(w.dh1.data(), a.xhat1.data(), a.rstd1.data(), lp.lnG.value.data(), d, N, dxIn, true,
                              g.lnG.data(), g.lnB.data(), w.scratch.data());
        } else {
            gemmNN<S>(d, N, d3, p.wqkv[l].data(), d, w.dqkv.data(), d3, {dxIn, d, true});
        }
        std::swap(w.dx, w.dxIn);
        dx = w.dx.data();
    }
    w.gTokT.setZero();
    w.gPosT.setZero();
    for (Index t = 0; t < N; ++t) {
        S* gt = w.gTokT.data() + Index(tokens[t]) * d;
        S* gp = w.gPosT.data() + (t % T) * d;
        for (Index k = 0; k < d; ++k) {
            gt[k] += dx[t * d + k];
            gp[k] += dx[t * d + k];
        }
    }
}

template <typename S>
void AttentionNet<S>::checkInput(const std::vector<int>& tokens, const std::vector<int>* labels, Index B) const
{
    if (B < 1 || Index(tokens.size()) != B * m_config.seqLen)
        throw std::invalid_argument("AttentionNet: expected B * seqLen tokens");
    for (int t : tokens)
        if (t < 0 || t >= m_config.vocab)
            throw std::invalid_argument("AttentionNet: token out of the vocabulary");
    if (!labels)
        return;
    if (Index(labels->size()) != B)
        throw std::invalid_argument("AttentionNet: expected B labels");
    for (int y : *labels)
        if (y < 0 || y >= m_config.classes)
            throw std::invalid_argument("AttentionNet: label out of range");
}

namespace {
// Rough flops of one sequence's forward and backward: when a chunk is worth a thread.
double flopsPerSequence(const AttentionConfig& c)
{
    const double T = double(c.seqLen), d = double(c.dModel), F = c.ffn ? double(c.ffnWidth) : 0.0;
    return 6.0 * T * c.layers * (4 * d * d + 2 * T * d + 2 * d * F);
}
} // namespace

template <typename S>
double AttentionNet<S>::forwardBackward(const std::vector<int>& tokens, const std::vector<int>& labels, Index B,
                                        bool training, Rng& rng)
{
    checkInput(tokens, &labels, B);
    const AttentionConfig& c = m_config;
    pack(*m_packed);
    const S* masks = nullptr;
    if (training && c.attnDropout > 0.0) {
        Dropout<S>::drawMask(B * c.seqLen, c.seqLen * c.layers * c.heads, c.attnDropout, rng, m_masks);
        masks = m_masks.data();
    }
    const Index chunks = (B + kChunk - 1) / kChunk;
    while (Index(m_work.size()) < chunks)
        m_work.push_back(std::make_unique<Work>());
    parallelFor(chunks, 1, flopsPerSequence(c) * double(kChunk), [&](int64_t b, int64_t e) {
        for (Index ch = b; ch < e; ++ch) {
            Work& w = *m_work[size_t(ch)];
            const Index s0 = ch * kChunk, n = std::min(kChunk, B - s0);
            w.allocate(c, kChunk, true);
            const int* tk = tokens.data() + s0 * c.seqLen;
            forwardChunk(*m_packed, w, tk, s0, n, B, masks);
            backwardChunk(*m_packed, w, tk, labels.data() + s0, n, B, masks);
        }
    });
    // Partial gradients and sums, added in chunk order.
    const Index d = c.dModel;
    double ceSum = 0, hSum = 0;
    Index correct = 0;
    for (Index ch = 0; ch < chunks; ++ch) {
        const Work& w = *m_work[size_t(ch)];
        ceSum += w.ceSum;
        hSum += w.hSum;
        correct += w.correct;
        m_tok.grad += w.gTokT.transpose();
        m_pos.grad += w.gPosT.transpose();
        for (size_t l = 0; l < m_layers.size(); ++l) {
            LayerParams& lp = m_layers[l];
            const typename Work::Grads& g = w.grads[l];
            if (c.layerNorm) {
                lp.lnG.grad += g.lnG.transpose();
                lp.lnB.grad += g.lnB.transpose();
            }
            lp.wq.grad += g.wqkv.leftCols(d);
            lp.wk.grad += g.wqkv.middleCols(d, d);
            lp.wv.grad += g.wqkv.rightCols(d);
            lp.bq.grad += g.bqkv.topRows(d).transpose();
            lp.bk.grad += g.bqkv.middleRows(d, d).transpose();
            lp.bv.grad += g.bqkv.bottomRows(d).transpose();
            lp.wo.grad += g.wo;
            lp.bo.grad += g.bo.transpose();
            if (c.ffn) {
                if (c.layerNorm) {
                    lp.ffnG.grad += g.ffnG.transpose();
                    lp.ffnB.grad += g.ffnB.transpose();
                }
                lp.w1.grad += g.w1;
                lp.b1.grad += g.b1.transpose();
                lp.w2.grad += g.w2;
                lp.b2.grad += g.b2.transpose();
            }
        }
        if (c.layerNorm) {
            m_finalG.grad += w.gFinalG.transpose();
            m_finalB.grad += w.gFinalB.transpose();
        }
        m_headW.grad += w.gHeadW;
        m_headB.grad += w.gHeadB.transpose();
    }
    m_stats.count = B;
    m_stats.ce = ceSum / double(B);
    m_stats.entropy = hSum / double(B * c.layers * c.heads * c.seqLen);
    m_stats.loss = m_stats.ce - c.entropyWeight * m_stats.entropy;
    m_stats.correct = correct;
    return m_stats.loss;
}

template <typename S>
void AttentionNet<S>::infer(const std::vector<int>& tokens, Index B, Mat<S>& logits, AttentionMaps* maps) const
{
    checkInput(tokens, nullptr, B);
    const AttentionConfig& c = m_config;
    const Index T = c.seqLen, C = c.classes, H = c.heads, L = c.layers;
    Packed p;
    pack(p);
    logits.resize(B, C);
    if (maps) {
        maps->batch = B;
        maps->layers = L;
        maps->heads = H;
        maps->seqLen = T;
        maps->weights.resize(size_t(B * L * H * T * T));
    }
    const Index chunks = (B + kChunk - 1) / kChunk;
    parallelFor(chunks, 8, flopsPerSequence(c) * double(kChunk) / 3.0, [&](int64_t b, int64_t e) {
        Work w;
        for (Index ch = b; ch < e; ++ch) {
            const Index s0 = ch * kChunk, n = std::min(kChunk, B - s0);
            w.allocate(c, kChunk, false);
            forwardChunk(p, w, tokens.data() + s0 * T, s0, n, B, nullptr);
            for (Index s = 0; s < n; ++s)
                for (Index k = 0; k < C; ++k)
                    logits(s0 + s, k) = w.logits.data()[s * C + k];
            if (!maps)
                continue;
            for (Index s = 0; s < n; ++s)
                for (Index l = 0; l < L; ++l) {
                    const S* from = w.layers[size_t(l)].att.data() + s * H * T * T;
                    float* to = maps->weights.data() + ((s0 + s) * L + l) * H * T * T;
                    for (Index k = 0; k < H * T * T; ++k)
                        to[k] = float(from[k]);
                }
        }
    });
}

template <typename S>
AttentionBatchStats AttentionNet<S>::evaluate(const std::vector<int>& tokens, const std::vector<int>& labels,
                                              Index B) const
{
    checkInput(tokens, &labels, B);
    const AttentionConfig& c = m_config;
    Packed p;
    pack(p);
    const Index chunks = (B + kChunk - 1) / kChunk, C = c.classes;
    std::vector<double> ce(size_t(chunks), 0.0), h(size_t(chunks), 0.0);
    std::vector<Index> hits(size_t(chunks), 0);
    parallelFor(chunks, 8, flopsPerSequence(c) * double(kChunk) / 3.0, [&](int64_t b, int64_t e) {
        Work w;
        for (Index ch = b; ch < e; ++ch) {
            const Index s0 = ch * kChunk, n = std::min(kChunk, B - s0);
            w.allocate(c, kChunk, false);
            forwardChunk(p, w, tokens.data() + s0 * c.seqLen, s0, n, B, nullptr);
            h[size_t(ch)] = w.hSum;
            for (Index s = 0; s < n; ++s) {
                const auto z = w.logits.col(0).segment(s * C, C);
                Index arg;
                const S m = z.maxCoeff(&arg);
                const S lse = m + std::log((z.array() - m).exp().sum());
                ce[size_t(ch)] += double(lse - z(labels[size_t(s0 + s)]));
                hits[size_t(ch)] += arg == labels[size_t(s0 + s)];
            }
        }
    });
    AttentionBatchStats st;
    st.count = B;
    for (Index ch = 0; ch < chunks; ++ch) {
        st.ce += ce[size_t(ch)];
        st.entropy += h[size_t(ch)];
        st.correct += hits[size_t(ch)];
    }
    st.ce /= double(B);
    st.entropy /= double(B * c.layers * c.heads * c.seqLen);
    st.loss = st.ce - c.entropyWeight * st.entropy;
    return st;
}

template class AttentionNet<float>;
template class AttentionNet<double>;

} // namespace reglab
