#include "regularizers/L2Penalty.h"

namespace reglab {

template <typename S> S L2Penalty<S>::penalty(const std::vector<Parameter<S>*>& params) const
{
    S sum = 0;
    for (auto* p : params)
        if (this->applies(*p))
            sum += p->value.squaredNorm();
    return S(0.5 * this->strength) * sum;
}

template <typename S> void L2Penalty<S>::addGradient(const std::vector<Parameter<S>*>& params) const
{
    if (this->strength == 0.0)
        return;
    const S lambda = S(this->strength);
    for (auto* p : params)
        if (this->applies(*p))
            p->grad += lambda * p->value;
}

template class L2Penalty<float>;
template class L2Penalty<double>;

} // namespace reglab
