#pragma once
// The shape of the attention lab's tiny transformer (and of workload W4): token and position
// embeddings, 1-2 pre-LN self-attention blocks of 1-4 heads, an optional ReLU feed-forward
// part, first-token or mean pooling, a linear head. Both engines build it from this.
#include <string>

namespace reglab {

struct AttentionConfig {
    enum class Pooling { First, Mean };

    int vocab = 20, seqLen = 16, dModel = 32;
    int layers = 1, heads = 1;  // head h uses columns [h*dh, (h+1)*dh) of wq, wk, wv, dh = dModel/heads
    bool layerNorm = true;
    bool ffn = true;
    int ffnWidth = 64;
    Pooling pooling = Pooling::First;
    int classes = 2;
    double attnDropout = 0.0;    // on the attention weights, training only
    double entropyWeight = 0.0;  // loss = CE - entropyWeight * H (a bonus when > 0)

    int headDim() const { return heads > 0 ? dModel / heads : 0; }
    // "" when the config makes a model, else one sentence on what is wrong.
    std::string check() const
    {
        if (vocab < 2 || seqLen < 1 || dModel < 1 || classes < 2 || ffnWidth < 1)
            return "the attention model needs a vocabulary of 2+, a sequence, a width and 2+ classes.";
        if (layers < 1 || layers > 2)
            return "the attention model has 1 or 2 layers, got " + std::to_string(layers) + ".";
        if (heads < 1 || heads > 4 || dModel % heads != 0)
            return "the width " + std::to_string(dModel) + " must split into 1 to 4 equal heads, got "
                + std::to_string(heads) + ".";
        if (!(attnDropout >= 0.0 && attnDropout < 1.0))
            return "the attention dropout rate must be in [0, 1).";
        return {};
    }
};

} // namespace reglab
