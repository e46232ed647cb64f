#pragma once
// The attention lab's model (nn/AttentionConfig.h, docs/attention-model.md) as a
// hand-written engine: one fused forward and backward per chunk of sequences, no tape.
// It computes what the tape model computes (same parameters, same loss), only faster:
// with First pooling the last block after attention runs at position 0 alone, and the
// attention of one sequence and head is a few T x T and T x dh products kept in L1.
//
// Layout: B sequences of T tokens, sequence b at tokens[b*T .. b*T + T). Inside, the
// activations are stored one token per column (d x B*T), so every product is one of
// nn/SmallGemm's kernels and every per-token vector is contiguous.
//
// Results do not depend on the thread count: sequences are cut into fixed chunks, each
// chunk writes its own partial gradients, and the partials are added in chunk order.
#include "Rng.h"
#include "nn/AttentionConfig.h"
#include "nn/AttentionMaps.h"
#include "nn/Parameter.h"

#include <memory>
#include <vector>

namespace reglab {

// Mean loss terms of a batch or a data set (no regulariser other than the entropy).
struct AttentionBatchStats {
    Index count = 0;    // sequences
    double ce = 0;      // mean cross-entropy
    double entropy = 0; // H: mean over sequences, layers, heads and query rows
    double loss = 0;    // ce - lambda * entropy
    Index correct = 0;  // sequences whose argmax logit is the label
};

template <typename S>
class AttentionNet {
public:
    // Draws the initial weights from rng (PyTorch's defaults, see the spec), parameter by
    // parameter in parameters() order, each in storage order. Throws std::invalid_argument
    // when config.check() is not "".
    AttentionNet(const AttentionConfig& config, Rng& rng);
    ~AttentionNet();
    AttentionNet(const AttentionNet&) = delete;
    AttentionNet& operator=(const AttentionNet&) = delete;

    const AttentionConfig& config() const { return m_config; }
    // The live regularizers (the shape stays): used from the next forwardBackward on.
    void setRegularization(double entropyWeight, double attnDropout)
    {
        m_config.entropyWeight = entropyWeight;
        m_config.attnDropout = attnDropout;
    }
    // tok_emb, pos_emb, attn{l}.*, ffn{l}.*, final.ln_*, head.* in the spec's order.
    std::vector<Parameter<S>*> parameters();
    std::vector<const Parameter<S>*> parameters() const;
    void zeroGrad();

    // tokens: B*T ids in [0, V); labels: B classes. Adds dLoss/dparameter into every
    // parameter's grad and returns loss = CE - lambda * H. With training, attention
    // dropout draws its masks from rng: per layer, per head, Dropout::drawMask of the
    // (B*T) x T matrix A (row b*T + i = query i of sequence b, column j = key j).
    double forwardBackward(const std::vector<int>& tokens, const std::vector<int>& labels, Index B, bool training,
                           Rng& rng);
    // CE, H and accuracy of the last forwardBackward's batch.
    const AttentionBatchStats& lastStats() const { return m_stats; }

    // Evaluation forward (no dropout, no gradients); const and thread-safe.
    // logits: (B, C). maps, when not null, receives every layer's and head's attention.
    void infer(const std::vector<int>& tokens, Index B, Mat<S>& logits, AttentionMaps* maps = nullptr) const;
    // CE, H, loss and accuracy over B sequences, in parallel chunks.
    AttentionBatchStats evaluate(const std::vector<int>& tokens, const std::vector<int>& labels, Index B) const;

private:
    struct Packed;
    struct Work;
    struct LayerParams {
        Parameter<S> lnG, lnB, wq, bq, wk, bk, wv, bv, wo, bo; // attention block
        Parameter<S> ffnG, ffnB, w1, b1, w2, b2;                // FFN block
    };

    void pack(Packed& p) const;
    // Forward of sequences [s0, s0 + n) into w; masks: the dropout scales or null.
    void forwardChunk(const Packed& p, Work& w, const int* tokens, Index s0, Index n, Index B, const S* masks) const;
    void backwardChunk(const Packed& p, Work& w, const int* tokens, const int* labels, Index n, Index B,
                       const S* masks) const;
    void checkInput(const std::vector<int>& tokens, const std::vector<int>* labels, Index B) const;

    AttentionConfig m_config;
    Parameter<S> m_tok, m_pos, m_finalG, m_finalB, m_headW, m_headB;
    std::vector<LayerParams> m_layers;
    AttentionBatchStats m_stats;
    std::unique_ptr<Packed> m_packed;
    std::vector<std::unique_ptr<Work>> m_work; // one per chunk of the training batch
    Mat<S> m_masks;
};

} // namespace reglab
