#pragma once
#include "Types.h"

namespace reglab {

// Binary cross-entropy on logits (sigmoid folded in, stable for large |z|), mean over
// all elements. logits: (batch, k); targets: (batch, k) in [0, 1] -> scalar
template <typename S>
struct BinaryCrossEntropy {
    static S loss(const Mat<S>& logits, const Mat<S>& targets, Mat<S>* dlogits);
};

} // namespace reglab
