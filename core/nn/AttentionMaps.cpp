#include "nn/AttentionMaps.h"

#include <cmath>

namespace reglab {

double AttentionMaps::meanEntropy(int layer, int head) const
{
    if (batch == 0)
        return 0.0;
    double sum = 0;
    for (Index b = 0; b < batch; ++b) {
        const float* a = map(b, layer, head);
        for (Index k = 0; k < seqLen * seqLen; ++k)
            sum -= double(a[k]) * std::log(double(a[k]) + 1e-9);
    }
    return sum / double(batch * seqLen);
}

double AttentionMaps::mass(int layer, int head, const std::vector<uint8_t>& keyMask, Index query) const
{
    if (batch == 0)
        return 0.0;
    const Index q0 = query >= 0 ? query : 0, q1 = query >= 0 ? query + 1 : seqLen;
    double sum = 0;
    for (Index b = 0; b < batch; ++b) {
        const float* a = map(b, layer, head);
        const uint8_t* keys = keyMask.data() + b * seqLen;
        for (Index i = q0; i < q1; ++i)
            for (Index j = 0; j < seqLen; ++j)
                if (keys[j])
                    sum += a[i * seqLen + j];
    }
    return sum / double(batch * (q1 - q0));
}

} // namespace reglab
