#pragma once
// The attention weights of a batch of sequences, every layer and head, before dropout, as
// AttentionNet::infer returns them; and the two numbers the attention lab reads off them.
#include "Types.h"

#include <cstdint>
#include <vector>

namespace reglab {

struct AttentionMaps {
    Index batch = 0, layers = 0, heads = 0, seqLen = 0;
    // A_ij of sequence b, layer l, head h (query i attends to key j; each row sums to 1) at
    // ((((b * layers + l) * heads + h) * seqLen + i) * seqLen + j).
    std::vector<float> weights;

    Index index(Index b, int layer, int head, Index i, Index j) const
    {
        return (((b * layers + layer) * heads + head) * seqLen + i) * seqLen + j;
    }
    float at(Index b, int layer, int head, Index i, Index j) const { return weights[size_t(index(b, layer, head, i, j))]; }
    // One map, T x T row-major (row i = query i): what the attention picture draws.
    const float* map(Index b, int layer, int head) const { return weights.data() + index(b, layer, head, 0, 0); }

    // Mean over sequences and query rows of -sum_j A_ij log(A_ij + 1e-9), the entropy the
    // loss regularises, for one head.
    double meanEntropy(int layer, int head) const;
    // Mean over sequences and query rows of the weight on the keys marked in keyMask
    // (batch x seqLen, nonzero = counts; e.g. where a sequence's cue token sits). With
    // query >= 0 only that query row is averaged (position 0 is what First pooling reads).
    double mass(int layer, int head, const std::vector<uint8_t>& keyMask, Index query = -1) const;
};

} // namespace reglab
