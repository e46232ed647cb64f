#include "regularizers/DecoupledWeightDecay.h"

namespace reglab {

template <typename S>
void DecoupledWeightDecay<S>::apply(const std::vector<Parameter<S>*>& params, double lr, double wd)
{
    if (wd == 0.0)
        return;
    const S f = factor(lr, wd);
    for (auto* p : params)
        p->value *= f;
}

template <typename S>
void DecoupledWeightDecay<S>::beforeStep(const std::vector<Parameter<S>*>& params, double lr) const
{
    if (this->strength == 0.0)
        return;
    std::vector<Parameter<S>*> chosen;
    for (auto* p : params)
        if (this->applies(*p))
            chosen.push_back(p);
    apply(chosen, lr, this->strength);
}

template class DecoupledWeightDecay<float>;
template class DecoupledWeightDecay<double>;

} // namespace reglab
