#pragma once
// The attention lab's model (docs/attention-model.md): token + position embedding, a few
// self-attention blocks, a pooled classifier. Shared by the hand-written engine
// (nn/AttentionNet) and the tape model, which must compute the same numbers.
#include "Types.h"

#include <cmath>
#include <string>

namespace reglab {

enum class AttentionPooling {
    First, // the residual stream at position 0 of each sequence
    Mean   // the mean over the T positions
};

struct AttentionConfig {
    Index vocab = 20;      // V >= 2
    Index seqLen = 16;     // T >= 2
    Index dModel = 32;     // d
    int layers = 1;        // 1..2
    int heads = 1;         // 1..4, d % heads == 0, head width dh = d / heads
    bool layerNorm = true; // pre-LN blocks and a final LN before the head
    bool ffn = true;       // a ReLU FFN d-F-d after attention in every block
    Index ffnWidth = 64;   // F (2d by default)
    AttentionPooling pooling = AttentionPooling::First;
    Index classes = 2;         // C
    double attnDropout = 0.0;  // p in [0, 0.9], on the attention weights (training only)
    double entropyWeight = 0;  // lambda: loss = CE - lambda * H (lambda < 0 penalises entropy)

    Index headWidth() const { return heads > 0 ? dModel / heads : 0; }

    // "" when the configuration is usable, else one sentence on what is wrong.
    std::string check() const
    {
        if (vocab < 2)
            return "The vocabulary needs at least 2 tokens.";
        if (seqLen < 2)
            return "Sequences need at least 2 tokens.";
        if (dModel < 1)
            return "The model width d must be at least 1.";
        if (layers < 1 || layers > 2)
            return "The model has 1 or 2 layers.";
        if (heads < 1 || heads > 4)
            return "The model has 1 to 4 attention heads.";
        if (dModel % heads != 0)
            return "The model width d must be a multiple of the number of heads.";
        if (ffn && ffnWidth < 1)
            return "The FFN width must be at least 1.";
        if (classes < 2)
            return "The classifier needs at least 2 classes.";
        if (!(attnDropout >= 0.0 && attnDropout <= 0.9))
            return "Attention dropout must be between 0 and 0.9.";
        if (!std::isfinite(entropyWeight))
            return "The entropy weight must be a finite number.";
        return "";
    }
};

} // namespace reglab
