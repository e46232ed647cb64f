#include "nn/MeanSquaredError.h"

namespace reglab {

template <typename S> S MeanSquaredError<S>::loss(const Mat<S>& out, const Mat<S>& t, Mat<S>* dout)
{
    const S n = S(out.rows());
    if (dout) {
        dout->noalias() = (out - t) / n;
        return S(0.5) * dout->squaredNorm() * n;
    }
    return S(0.5) * (out - t).squaredNorm() / n;
}

template struct MeanSquaredError<float>;
template struct MeanSquaredError<double>;

} // namespace reglab
