#pragma once
#include "regularizers/Regularizer.h"

namespace reglab {

// Coupled L2: adds (lambda / 2) * sum ||w||^2 to the loss, so lambda * w joins the gradient
// and goes through the optimizer (and through Adam's per-weight scaling).
template <typename S>
class L2Penalty : public Regularizer<S> {
public:
    std::string id() const override { return "l2"; }
    S penalty(const std::vector<Parameter<S>*>& params) const override;
    void addGradient(const std::vector<Parameter<S>*>& params) const override;
};

} // namespace reglab
