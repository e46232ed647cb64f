#include "regularizers/AnchorPenalty.h"

#include <algorithm>
#include <stdexcept>

namespace reglab {

template <typename S> S AnchorPenalty<S>::stiffness(size_t p, Index e) const
{
    double k = this->strength * (importance.empty() ? 1.0 : double(importance[p].data()[e]));
    if (maxStiffness > 0)
        k = std::min(k, maxStiffness);
    return S(k);
}

template <typename S> double AnchorPenalty<S>::maxUncappedStiffness() const
{
    if (anchor.empty())
        return 0;
    double f = importance.empty() ? 1.0 : 0.0;
    for (const auto& m : importance)
        if (m.size() > 0)
            f = std::max(f, double(m.maxCoeff()));
    return this->strength * f;
}

namespace {
template <typename S> void checkShapes(const AnchorPenalty<S>& a, const std::vector<Parameter<S>*>& params)
{
    if (a.anchor.size() != params.size() || (!a.importance.empty() && a.importance.size() != params.size()))
        throw std::invalid_argument("the anchor does not fit the parameters");
}
} // namespace

template <typename S> S AnchorPenalty<S>::penalty(const std::vector<Parameter<S>*>& params) const
{
    if (anchor.empty() || this->strength == 0.0)
        return S(0);
    checkShapes(*this, params);
    double sum = 0;
    for (size_t p = 0; p < params.size(); ++p) {
        const Mat<S>& v = params[p]->value;
        for (Index e = 0; e < v.size(); ++e) {
            const double d = double(v.data()[e]) - double(anchor[p].data()[e]);
            sum += double(stiffness(p, e)) * d * d;
        }
    }
    return S(0.5 * sum);
}

template <typename S> void AnchorPenalty<S>::addGradient(const std::vector<Parameter<S>*>& params) const
{
    if (anchor.empty() || this->strength == 0.0)
        return;
    checkShapes(*this, params);
    for (size_t p = 0; p < params.size(); ++p) {
        Parameter<S>& q = *params[p];
        for (Index e = 0; e < q.value.size(); ++e)
            q.grad.data()[e] += stiffness(p, e) * (q.value.data()[e] - anchor[p].data()[e]);
    }
}

template class AnchorPenalty<float>;
template class AnchorPenalty<double>;

} // namespace reglab
