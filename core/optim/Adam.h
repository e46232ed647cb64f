#pragma once
#include "optim/Optimizer.h"

namespace reglab {

// Adam (Kingma & Ba), computed as torch.optim.Adam does. Group weight decay is coupled:
// g = grad + wd w, i.e. L2 regularization seen through Adam's per-weight scaling.
template <typename S>
class Adam : public Optimizer<S> {
public:
    using Optimizer<S>::Optimizer;
    std::string name() const override { return "adam"; }
    void step() override;
    double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;

protected:
    // coupledDecay: g + wd w (Adam); decoupledDecay: w (1 - lr wd) first (AdamW).
    void adamUpdate(bool coupledDecay, bool decoupledDecay);
};

} // namespace reglab
