#include "nn/Linear.h"

namespace reglab {

template <typename S>
Linear<S>::Linear(Index in, Index out, const std::string& name)
{
    m_weight.name = name + ".weight";
    m_weight.value = Mat<S>::Zero(in, out);
    m_weight.grad = Mat<S>::Zero(in, out);
    m_bias.name = name + ".bias";
    m_bias.value = Mat<S>::Zero(1, out);
    m_bias.grad = Mat<S>::Zero(1, out);
    m_bias.isBias = true;
}

template <typename S> void Linear<S>::forward(const Mat<S>& x, Mat<S>& y, bool, Rng&) { infer(x, y); }

template <typename S> void Linear<S>::infer(const Mat<S>& x, Mat<S>& y) const
{
    y.noalias() = x * m_weight.value;
    y.rowwise() += m_bias.value.row(0);
}

template <typename S> void Linear<S>::backward(const Mat<S>& x, const Mat<S>&, const Mat<S>& dy, Mat<S>* dx)
{
    m_weight.grad.noalias() += x.transpose() * dy;
    m_bias.grad += dy.colwise().sum();
    if (dx)
        dx->noalias() = dy * m_weight.value.transpose();
}

template class Linear<float>;
template class Linear<double>;

} // namespace reglab
