#pragma once
#include "Types.h"

namespace reglab {

// Huber loss (PyTorch's SmoothL1Loss at beta = delta = 1 by default): 0.5 d^2 where
// |d| <= delta, else delta (|d| - delta/2), with d = out - target; averaged over the batch
// rows and summed over columns, as MeanSquaredError, so the two swap in one line. Quadratic
// near the target, linear beyond: a TD error from a stale target cannot blow up a step.
// out, targets: (batch, k) -> scalar
template <typename S>
struct HuberLoss {
    static S loss(const Mat<S>& out, const Mat<S>& targets, Mat<S>* dout, S delta = S(1));
};

} // namespace reglab
