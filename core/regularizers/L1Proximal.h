#pragma once
#include "regularizers/Regularizer.h"

namespace reglab {

// L1 by a proximal step: after each optimizer step, w <- sign(w) max(|w| - lr lambda, 0)
// (soft thresholding, the exact minimiser of lambda |w| + |w - w0|^2 / (2 lr)). Small weights
// land exactly on zero, yet the next gradient step can move them off again: no weight is
// killed forever. penalty() reports lambda * sum |w|.
template <typename S>
class L1Proximal : public Regularizer<S> {
public:
    std::string id() const override { return "l1"; }
    S penalty(const std::vector<Parameter<S>*>& params) const override;
    void afterStep(const std::vector<Parameter<S>*>& params, double lr) const override;
    // The soft-threshold operator on one matrix, exposed for tests.
    static void softThreshold(Mat<S>& w, S threshold);
};

} // namespace reglab
