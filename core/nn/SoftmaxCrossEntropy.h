#pragma once
#include "Types.h"

namespace reglab {

// Softmax cross-entropy over any number of classes, mean over the batch, with optional
// label smoothing (target = (1 - eps) one-hot + eps / classes).
// logits: (batch, classes); labels: (batch) class indices -> scalar
template <typename S>
struct SoftmaxCrossEntropy {
    // Returns the mean loss; writes dL/dlogits into *dlogits when not null.
    static S loss(const Mat<S>& logits, const int* labels, Mat<S>* dlogits, S smoothing = S(0));
    // Sum (not mean) of the per-sample losses, and the number of rows whose argmax equals
    // the label. Evaluation calls it on fixed chunks and adds the sums in order.
    static S sumLoss(const Mat<S>& logits, const int* labels, int* correct, S smoothing = S(0));
};

} // namespace reglab
