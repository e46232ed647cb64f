#include "nn/HuberLoss.h"

#include <cmath>

namespace reglab {

template <typename S> S HuberLoss<S>::loss(const Mat<S>& out, const Mat<S>& t, Mat<S>* dout, S delta)
{
    const S n = S(out.rows());
    if (dout)
        dout->resize(out.rows(), out.cols());
    S sum = 0;
    for (Index j = 0; j < out.cols(); ++j)
        for (Index i = 0; i < out.rows(); ++i) {
            const S d = out(i, j) - t(i, j);
            const S a = std::abs(d);
            sum += a <= delta ? S(0.5) * d * d : delta * (a - S(0.5) * delta);
            if (dout)
                (*dout)(i, j) = (a <= delta ? d : (d > 0 ? delta : -delta)) / n;
        }
    return sum / n;
}

template struct HuberLoss<float>;
template struct HuberLoss<double>;

} // namespace reglab
