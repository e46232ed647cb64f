#include "nn/BinaryCrossEntropy.h"

#include <cmath>

namespace reglab {

template <typename S> S BinaryCrossEntropy<S>::loss(const Mat<S>& z, const Mat<S>& t, Mat<S>* dz)
{
    const S n = S(z.size());
    // l = max(z, 0) - z t + log(1 + exp(-|z|))
    const S total = (z.array().max(S(0)) - z.array() * t.array() + (-z.array().abs()).exp().log1p()).sum();
    if (dz)
        *dz = ((S(1) / (S(1) + (-z.array()).exp()) - t.array()) / n).matrix();
    return total / n;
}

template struct BinaryCrossEntropy<float>;
template struct BinaryCrossEntropy<double>;

} // namespace reglab
