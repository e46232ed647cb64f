#include "labs/attention/TapeTransformer.h"

#include "autodiff/Ops.h"
#include "nn/Dropout.h"

#include <cmath>
#include <stdexcept>

namespace reglab {

template <typename S>
Parameter<S>& TapeTransformer<S>::newParam(const std::string& name, Index rows, Index cols, bool isBias, bool isNorm)
{
    Parameter<S>& q = m_params.emplace_back();
    q.name = name;
    q.value.setZero(rows, cols);
    q.grad.setZero(rows, cols);
    q.isBias = isBias;
    q.isNorm = isNorm;
    return q;
}

template <typename S>
TapeTransformer<S>::TapeTransformer(const AttentionConfig& c, Rng& rng) : m_c(c)
{
    if (const std::string err = c.check(); !err.empty())
        throw std::invalid_argument(err);
    // PyTorch's defaults, as W4's reference: Embedding N(0, 1), Linear U(+-1/sqrt(fan in)),
    // LayerNorm gain 1 and shift 0; the position table N(0, 0.02^2) as the W4 script.
    auto normal = [&rng](Parameter<S>& q, double sd) {
        for (Index i = 0; i < q.value.size(); ++i)
            q.value.data()[i] = S(sd * rng.normal());
    };
    // Names as the spec's (docs/attention-model.md): prefix + "w" + suffix, prefix + "b" + suffix.
    auto linear = [&](const std::string& prefix, const std::string& suffix, Index in, Index out, Parameter<S>*& w,
                      Parameter<S>*& b) {
        const double bound = 1.0 / std::sqrt(double(in));
        w = &newParam(prefix + "w" + suffix, in, out);
        b = &newParam(prefix + "b" + suffix, 1, out, true);
        for (Parameter<S>* q : {w, b})
            for (Index i = 0; i < q->value.size(); ++i)
                q->value.data()[i] = S(rng.uniform(-bound, bound));
    };
    auto layerNorm = [&](const std::string& name, Parameter<S>*& g, Parameter<S>*& b) {
        g = &newParam(name + ".ln_g", 1, c.dModel, false, true);
        g->value.setOnes();
        b = &newParam(name + ".ln_b", 1, c.dModel, false, true);
    };
    const Index d = c.dModel;
    m_tok = &newParam("tok_emb", c.vocab, d);
    normal(*m_tok, 1.0);
    m_pos = &newParam("pos_emb", c.seqLen, d);
    normal(*m_pos, 0.02);
    m_blocks.resize(size_t(c.layers));
    for (int l = 0; l < c.layers; ++l) {
        Block& k = m_blocks[size_t(l)];
        const std::string a = "attn" + std::to_string(l), f = "ffn" + std::to_string(l);
        if (c.layerNorm)
            layerNorm(a, k.lnG, k.lnB);
        linear(a + ".", "q", d, d, k.wq, k.bq);
        linear(a + ".", "k", d, d, k.wk, k.bk);
        linear(a + ".", "v", d, d, k.wv, k.bv);
        linear(a + ".", "o", d, d, k.wo, k.bo);
        if (c.ffn) {
            if (c.layerNorm)
                layerNorm(f, k.ffnG, k.ffnB);
            linear(f + ".", "1", d, c.ffnWidth, k.w1, k.b1);
            linear(f + ".", "2", c.ffnWidth, d, k.w2, k.b2);
        }
    }
    if (c.layerNorm)
        layerNorm("final", m_finalG, m_finalB);
    linear("head.", "", d, c.classes, m_headW, m_headB);
    m_module.setParams(parameters());
}

template <typename S> std::vector<Parameter<S>*> TapeTransformer<S>::parameters()
{
    std::vector<Parameter<S>*> out;
    for (Parameter<S>& q : m_params)
        out.push_back(&q);
    return out;
}

template <typename S> std::vector<const Parameter<S>*> TapeTransformer<S>::parameters() const
{
    std::vector<const Parameter<S>*> out;
    for (const Parameter<S>& q : m_params)
        out.push_back(&q);
    return out;
}

template <typename S>
Var<S> TapeTransformer<S>::norm(Var<S> x, const Parameter<S>* g, const Parameter<S>* b) const
{
    if (!g)
        return x;
    return addRow(mul(layerNormRows(x), broadcastRows(p(g), x.rows())), p(b));
}

template <typename S>
typename TapeTransformer<S>::Pass TapeTransformer<S>::forward(Tape<S>& t, const std::vector<int>& tokens, Index batch,
                                                              const std::vector<int>* labels, bool training,
                                                              Rng& rng) const
{
    const Index T = m_c.seqLen, n = batch * T, d = m_c.dModel, dh = m_c.headWidth();
    if (Index(tokens.size()) != n)
        throw std::invalid_argument("TapeTransformer: " + std::to_string(tokens.size()) + " tokens for "
                                    + std::to_string(batch) + " sequences of " + std::to_string(T) + ".");
    m_module.bind(t);
    std::vector<int> positions(static_cast<size_t>(n));
    for (Index i = 0; i < n; ++i)
        positions[size_t(i)] = int(i % T);
    Var<S> x = add(gatherRows(p(m_tok), tokens), gatherRows(p(m_pos), positions));

    Pass pass;
    Var<S> entropySum = t.scalar(S(0));
    const S scaleScores = S(1) / std::sqrt(S(dh));
    for (const Block& k : m_blocks) {
        const Var<S> h = norm(x, k.lnG, k.lnB);
        Var<S> mixed;
        for (int head = 0; head < m_c.heads; ++head) {
            const Index c0 = head * dh;
            auto project = [&](const Parameter<S>* w, const Parameter<S>* b) {
                return addRow(matmul(h, slice(p(w), 0, c0, d, dh)), slice(p(b), 0, c0, 1, dh));
            };
            const Var<S> q = project(k.wq, k.bq), key = project(k.wk, k.bk), v = project(k.wv, k.bv);
            const Var<S> a = softmaxRows(scale(blockMatmul(q, key, batch, false, true), scaleScores));
            pass.attention.push_back(a);
            entropySum = add(entropySum, sum(rowEntropy(a)));
            Var<S> used = a;
            if (training && m_c.attnDropout > 0.0) {
                Mat<S> mask;
                Dropout<S>::drawMask(a.rows(), a.cols(), m_c.attnDropout, rng, mask);
                used = mul(a, t.constant(mask));
            }
            const Var<S> out = matmul(blockMatmul(used, v, batch), slice(p(k.wo), c0, 0, dh, d));
            mixed = head == 0 ? out : add(mixed, out);
        }
        x = add(x, addRow(mixed, p(k.bo)));
        if (k.w1) {
            const Var<S> hidden = relu(addRow(matmul(norm(x, k.ffnG, k.ffnB), p(k.w1)), p(k.b1)));
            x = add(x, addRow(matmul(hidden, p(k.w2)), p(k.b2)));
        }
    }
    Var<S> pooled;
    if (m_c.pooling == AttentionPooling::First) {
        std::vector<int> firsts(static_cast<size_t>(batch));
        for (Index b = 0; b < batch; ++b)
            firsts[size_t(b)] = int(b * T);
        pooled = gatherRows(x, firsts);
    } else {
        Mat<S> average = Mat<S>::Zero(batch, n);
        for (Index b = 0; b < batch; ++b)
            average.block(b, b * T, 1, T).setConstant(S(1) / S(T));
        pooled = matmul(t.constant(average), x);
    }
    pass.logits = addRow(matmul(norm(pooled, m_finalG, m_finalB), p(m_headW)), p(m_headB));
    pass.entropy = scale(entropySum, S(1) / S(n * Index(m_c.layers * m_c.heads)));
    if (labels) {
        pass.ce = softmaxCrossEntropy(pass.logits, *labels);
        pass.loss = sub(pass.ce, scale(pass.entropy, S(m_c.entropyWeight)));
    }
    return pass;
}

template class TapeTransformer<float>;
template class TapeTransformer<double>;

} // namespace reglab
