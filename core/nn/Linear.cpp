#include "nn/Linear.h"

#include "Parallel.h"

namespace reglab {

namespace {
// Products are cut into blocks of fixed size, never into one block per thread, so every
// element is computed by the same kernel call at any thread count (bit-identical results).
constexpr Index kRowBlock = 64;
constexpr Index kColBlock = 64;
} // namespace

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
    const Mat<S>& W = m_weight.value;
    if (x.rows() <= kRowBlock) {
        y.noalias() = x * W;
    } else {
        y.resize(x.rows(), W.cols());
        parallelFor(x.rows(), kRowBlock, 2.0 * double(W.size()), [&](int64_t b, int64_t e) {
            y.middleRows(b, e - b).noalias() = x.middleRows(b, e - b) * W;
        });
    }
    y.rowwise() += m_bias.value.row(0);
}

template <typename S> void Linear<S>::backward(const Mat<S>& x, const Mat<S>&, const Mat<S>& dy, Mat<S>* dx)
{
    const Mat<S>& W = m_weight.value;
    Mat<S>& dW = m_weight.grad;
    // dW += x^T dy, by blocks of output columns: each block sums over the batch on its own.
    if (dW.cols() <= kColBlock) {
        dW.noalias() += x.transpose() * dy;
    } else {
        parallelFor(dW.cols(), kColBlock, 2.0 * double(x.rows() * x.cols()), [&](int64_t b, int64_t e) {
            dW.middleCols(b, e - b).noalias() += x.transpose() * dy.middleCols(b, e - b);
        });
    }
    m_bias.grad += dy.colwise().sum();
    if (!dx)
        return;
    if (dy.rows() <= kRowBlock) {
        dx->noalias() = dy * W.transpose();
    } else {
        dx->resize(dy.rows(), W.rows());
        parallelFor(dy.rows(), kRowBlock, 2.0 * double(W.size()), [&](int64_t b, int64_t e) {
            dx->middleRows(b, e - b).noalias() = dy.middleRows(b, e - b) * W.transpose();
        });
    }
}

template class Linear<float>;
template class Linear<double>;

} // namespace reglab
