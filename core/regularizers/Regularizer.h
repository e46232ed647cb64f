#pragma once
// A regularizer is a term that acts on the parameters at one or more points of a training
// step (DESIGN: regularizers as composable terms, one file each):
//   penalty()      its value, added to the reported objective
//   addGradient()  after backward: adds d(penalty)/dw to the gradients (loss terms)
//   beforeStep()   just before the optimizer step (decoupled decay)
//   afterStep()    just after the optimizer step (proximal steps)
// strength is live-changeable; a strength of 0 switches the term off.
#include "nn/Parameter.h"

#include <string>
#include <vector>

namespace reglab {

template <typename S>
class Regularizer {
public:
    virtual ~Regularizer() = default;
    virtual std::string id() const = 0;

    virtual S penalty(const std::vector<Parameter<S>*>&) const { return S(0); }
    virtual void addGradient(const std::vector<Parameter<S>*>&) const {}
    virtual void beforeStep(const std::vector<Parameter<S>*>&, double /*lr*/) const {}
    virtual void afterStep(const std::vector<Parameter<S>*>&, double /*lr*/) const {}

    double strength = 0.0;
    // When false, biases are left alone ("don't decay biases"); likewise normalization
    // parameters (BatchNorm's scale and shift).
    bool includeBiases = false;
    bool includeNorm = false;

protected:
    bool applies(const Parameter<S>& p) const
    {
        return (includeBiases || !p.isBias) && (includeNorm || !p.isNorm);
    }
};

} // namespace reglab
