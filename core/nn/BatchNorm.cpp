#include "nn/BatchNorm.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace reglab {

template <typename S> BatchNorm<S>::BatchNorm(Index n, const std::string& name)
{
    m_gamma = {name + ".weight", Mat<S>::Ones(1, n), Mat<S>::Zero(1, n), false, true};
    m_beta = {name + ".bias", Mat<S>::Zero(1, n), Mat<S>::Zero(1, n), false, true};
    m_runningMean = {name + ".running_mean", Mat<S>::Zero(1, n)};
    m_runningVar = {name + ".running_var", Mat<S>::Ones(1, n)};
}

template <typename S> std::vector<Index> BatchNorm<S>::groupStarts(Index rows, Index ghost)
{
    // A group of one sample has no variance (every output would be beta): groups of two at least.
    const Index groups = ghost <= 0 ? 1 : std::max<Index>(1, rows / std::max<Index>(2, ghost));
    std::vector<Index> starts{0};
    const Index base = rows / groups, extra = rows % groups;
    for (Index g = 0; g < groups; ++g)
        starts.push_back(starts.back() + base + (g < extra ? 1 : 0));
    return starts;
}

template <typename S> void BatchNorm<S>::forward(const Mat<S>& x, Mat<S>& y, bool training, Rng&)
{
    // Evaluation, or a single sample (it has no batch statistics): the affine map of the
    // running statistics, kept for backward.
    m_affine = !training || x.rows() < 2;
    if (m_affine) {
        const RowVec<S> inv = (m_runningVar.value.array() + S(eps)).rsqrt().matrix();
        m_starts = {0, x.rows()};
        m_invStd = inv;
        m_xhat = (x.rowwise() - m_runningMean.value.row(0)).array().rowwise() * inv.array();
        y = (m_xhat.array().rowwise() * m_gamma.value.row(0).array()).rowwise() + m_beta.value.row(0).array();
        return;
    }
    m_starts = groupStarts(x.rows(), m_ghost);
    const Index groups = Index(m_starts.size()) - 1, n = x.cols();
    m_xhat.resize(x.rows(), n);
    m_invStd.resize(groups, n);
    const S m = S(momentum);
    for (Index g = 0; g < groups; ++g) {
        const Index b = m_starts[size_t(g)], rows = m_starts[size_t(g) + 1] - b;
        const auto xs = x.middleRows(b, rows);
        const RowVec<S> mean = xs.colwise().mean();
        auto xc = m_xhat.middleRows(b, rows);
        xc = xs.rowwise() - mean;
        const RowVec<S> var = xc.colwise().squaredNorm() / S(rows); // biased, for normalising
        const RowVec<S> inv = (var.array() + S(eps)).rsqrt().matrix();
        m_invStd.row(g) = inv;
        xc.array().rowwise() *= inv.array();
        // Running statistics take the unbiased variance (PyTorch); one row has none.
        const RowVec<S> unbiased = rows > 1 ? RowVec<S>(var * (S(rows) / S(rows - 1))) : var;
        m_runningMean.value = (S(1) - m) * m_runningMean.value + m * mean;
        m_runningVar.value = (S(1) - m) * m_runningVar.value + m * unbiased;
    }
    y = (m_xhat.array().rowwise() * m_gamma.value.row(0).array()).rowwise() + m_beta.value.row(0).array();
}

template <typename S> void BatchNorm<S>::infer(const Mat<S>& x, Mat<S>& y) const
{
    const RowVec<S> scale = (m_runningVar.value.array() + S(eps)).rsqrt() * m_gamma.value.array();
    const RowVec<S> shift = m_beta.value - (m_runningMean.value.array() * scale.array()).matrix();
    y = (x.array().rowwise() * scale.array()).rowwise() + shift.array();
}

template <typename S>
void BatchNorm<S>::backward(const Mat<S>&, const Mat<S>&, const Mat<S>& dy, Mat<S>* dx)
{
    if (m_xhat.rows() != dy.rows())
        throw std::logic_error("BatchNorm::backward needs the forward of the same batch first");
    m_gamma.grad += (dy.array() * m_xhat.array()).colwise().sum().matrix();
    m_beta.grad += dy.colwise().sum();
    if (!dx)
        return;
    dx->resize(dy.rows(), dy.cols());
    if (m_affine) { // the statistics are constants here
        dx->array() = dy.array().rowwise() * (m_gamma.value.array() * m_invStd.array()).row(0);
        return;
    }
    // Per group: dx = invStd / N (N dxhat - sum dxhat - xhat sum(dxhat xhat)), dxhat = gamma dy.
    for (Index g = 0; g + 1 < Index(m_starts.size()); ++g) {
        const Index b = m_starts[size_t(g)], rows = m_starts[size_t(g) + 1] - b;
        const Mat<S> dxhat = dy.middleRows(b, rows).array().rowwise() * m_gamma.value.row(0).array();
        const auto xhat = m_xhat.middleRows(b, rows);
        const RowVec<S> sum = dxhat.colwise().sum();
        const RowVec<S> dot = (dxhat.array() * xhat.array()).colwise().sum().matrix();
        auto out = dx->middleRows(b, rows);
        out = (S(rows) * dxhat - xhat * dot.asDiagonal()).rowwise() - sum;
        out.array().rowwise() *= (m_invStd.row(g).array() / S(rows));
    }
}

template <typename S>
double BatchNorm<S>::lipschitzBound(const std::function<double(const Parameter<S>&)>&) const
{
    const RowVec<S> scale = (m_runningVar.value.array() + S(eps)).rsqrt() * m_gamma.value.array().abs();
    return scale.size() ? double(scale.maxCoeff()) : 1.0;
}

template class BatchNorm<float>;
template class BatchNorm<double>;

} // namespace reglab
