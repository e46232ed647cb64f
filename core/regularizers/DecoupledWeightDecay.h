#pragma once
#include "regularizers/Regularizer.h"

namespace reglab {

// Decoupled weight decay (Loshchilov & Hutter): before the optimizer step every weight
// shrinks by the factor (1 - lr wd), outside the gradient, so adaptive optimizers do not
// rescale it. AdamW applies factor() inside its update; as a Regularizer it adds the same
// decay to any optimizer (SGDW).
template <typename S>
class DecoupledWeightDecay : public Regularizer<S> {
public:
    std::string id() const override { return "weight_decay"; }
    void beforeStep(const std::vector<Parameter<S>*>& params, double lr) const override;
    // Shrinks all of params: w <- factor(lr, wd) w.
    static void apply(const std::vector<Parameter<S>*>& params, double lr, double wd);
    static S factor(double lr, double wd) { return S(1.0 - lr * wd); }
};

} // namespace reglab
