#pragma once
// A quadratic pull toward anchor values theta* (continual learning):
//   (1/2) sum_i k_i (theta_i - theta*_i)^2,   k_i = min(lambda * F_i, maxStiffness)
// With no importance (F_i = 1) it is the L2 anchor (lambda/2) ||theta - theta*||^2; with F
// the diagonal Fisher of an earlier task it is EWC (Kirkpatrick et al. 2017). It applies to
// every parameter, biases included (includeBiases and includeNorm are set).
//
// The cap: SGD with step lr on the penalty alone multiplies theta_i - theta*_i by
// (1 - lr k_i) each step, which diverges once lr k_i > 2. maxStiffness = c / lr (c < 2) keeps
// every k_i where plain SGD is stable; 0 means no cap. The penalty and its gradient both use
// the capped k, so the gradient is that of the reported penalty.
#include "regularizers/Regularizer.h"

#include <vector>

namespace reglab {

template <typename S>
class AnchorPenalty : public Regularizer<S> {
public:
    AnchorPenalty()
    {
        this->includeBiases = true;
        this->includeNorm = true;
    }
    std::string id() const override { return "anchor"; }
    S penalty(const std::vector<Parameter<S>*>& params) const override;
    void addGradient(const std::vector<Parameter<S>*>& params) const override;

    // One matrix per parameter (in the order penalty() gets them). Empty: no anchor yet, the
    // penalty is 0.
    std::vector<Mat<S>> anchor;
    // Per-weight importance F_i, as anchor. Empty: 1 everywhere (the L2 anchor).
    std::vector<Mat<S>> importance;
    double maxStiffness = 0; // 0: no cap

    // k_i for parameter `p`, entry `e` (both indices in the order above).
    S stiffness(size_t p, Index e) const;
    // The largest lambda * F_i before the cap (0 without an anchor).
    double maxUncappedStiffness() const;
};

} // namespace reglab
