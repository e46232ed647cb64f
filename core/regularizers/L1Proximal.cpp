#include "regularizers/L1Proximal.h"

namespace reglab {

template <typename S> S L1Proximal<S>::penalty(const std::vector<Parameter<S>*>& params) const
{
    S sum = 0;
    for (auto* p : params)
        if (this->applies(*p))
            sum += p->value.cwiseAbs().sum();
    return S(this->strength) * sum;
}

template <typename S> void L1Proximal<S>::softThreshold(Mat<S>& w, S t)
{
    w = w.unaryExpr([t](S v) { return v > t ? v - t : (v < -t ? v + t : S(0)); });
}

template <typename S> void L1Proximal<S>::afterStep(const std::vector<Parameter<S>*>& params, double lr) const
{
    if (this->strength == 0.0)
        return;
    const S t = S(lr * this->strength);
    for (auto* p : params)
        if (this->applies(*p))
            softThreshold(p->value, t);
}

template class L1Proximal<float>;
template class L1Proximal<double>;

} // namespace reglab
