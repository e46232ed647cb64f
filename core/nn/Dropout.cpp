#include "nn/Dropout.h"

namespace reglab {

template <typename S> void Dropout<S>::forward(const Mat<S>& x, Mat<S>& y, bool training, Rng& rng)
{
    if (!training || (m_p <= 0.0 && m_fixed.size() == 0)) {
        m_mask.resize(0, 0);
        y = x;
        return;
    }
    if (m_fixed.size() > 0)
        m_mask = m_fixed;
    else
        drawMask(x.rows(), x.cols(), m_p, rng, m_mask);
    y = x.cwiseProduct(m_mask);
}

template <typename S> void Dropout<S>::drawMask(Index rows, Index cols, double p, Rng& rng, Mat<S>& mask)
{
    mask.resize(rows, cols);
    const S scale = S(1.0 / (1.0 - p));
    // 53-bit threshold compare on raw draws: one RNG call per unit, no floating division.
    const uint64_t keepBelow = uint64_t((1.0 - p) * 9007199254740992.0); // 2^53
    S* m = mask.data();
    for (Index i = 0, n = mask.size(); i < n; ++i)
        m[i] = (rng.nextU64() >> 11) < keepBelow ? scale : S(0);
}

template <typename S> void Dropout<S>::backward(const Mat<S>&, const Mat<S>&, const Mat<S>& dy, Mat<S>* dx)
{
    if (!dx)
        return;
    if (m_mask.size() == 0)
        *dx = dy;
    else
        *dx = dy.cwiseProduct(m_mask);
}

template class Dropout<float>;
template class Dropout<double>;

} // namespace reglab
