#pragma once
#include "Types.h"

namespace reglab {

// Squared error, 0.5 * (out - target)^2 averaged over the batch rows and summed over
// columns (TensorFlow Playground's "square" loss for one output).
// out, targets: (batch, k) -> scalar
template <typename S>
struct MeanSquaredError {
    static S loss(const Mat<S>& out, const Mat<S>& targets, Mat<S>* dout);
};

} // namespace reglab
