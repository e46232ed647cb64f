#include "nn/BranchBlock.h"

#include <stdexcept>

namespace reglab {

template <typename S> void BranchBlock<S>::addBranch(Sequential<S> branch)
{
    m_branches.push_back(std::move(branch));
    m_outs.resize(m_branches.size());
}

template <typename S> Index BranchBlock<S>::outputSize(Index inputSize) const
{
    Index n = inputSize;
    if (!m_branches.empty())
        for (size_t i = 0; i < m_branches[0].size(); ++i)
            n = m_branches[0].layer(i).outputSize(n);
    return n;
}

template <typename S> void BranchBlock<S>::drawScales(Index rows, Index n, double p, Rng& rng, Mat<S>& scales)
{
    scales.resize(rows, n);
    const uint64_t keepBelow = uint64_t((1.0 - p) * 9007199254740992.0); // 2^53, as Dropout
    for (Index r = 0; r < rows; ++r) {
        Index kept = 0;
        for (Index b = 0; b < n; ++b) {
            const bool keep = (rng.nextU64() >> 11) < keepBelow;
            scales(r, b) = keep ? S(1) : S(0);
            kept += keep ? 1 : 0;
        }
        if (kept == 0) {
            scales(r, Index(rng.below(uint32_t(n)))) = S(1);
            kept = 1;
        }
        scales.row(r) *= S(double(n) / double(kept));
    }
}

template <typename S> void BranchBlock<S>::forward(const Mat<S>& x, Mat<S>& y, bool training, Rng& rng)
{
    const bool drop = training && (m_p > 0.0 || m_fixed.size() > 0) && m_branches.size() > 1;
    if (!drop)
        m_scales.resize(0, 0);
    else if (m_fixed.size() > 0)
        m_scales = m_fixed;
    else
        drawScales(x.rows(), Index(m_branches.size()), m_p, rng, m_scales);
    for (size_t b = 0; b < m_branches.size(); ++b) {
        m_outs[b] = m_branches[b].forward(x, training, rng);
        if (b == 0)
            y = drop ? Mat<S>(m_outs[b].array().colwise() * m_scales.col(0).array()) : m_outs[b];
        else if (drop)
            y.array() += m_outs[b].array().colwise() * m_scales.col(Index(b)).array();
        else
            y += m_outs[b];
    }
}

template <typename S> void BranchBlock<S>::infer(const Mat<S>& x, Mat<S>& y) const { inferWithout(x, y, {}); }

template <typename S>
void BranchBlock<S>::inferWithout(const Mat<S>& x, Mat<S>& y, const std::vector<bool>& ablated) const
{
    Mat<S> out, scratch;
    bool first = true;
    for (size_t b = 0; b < m_branches.size(); ++b) {
        if (b < ablated.size() && ablated[b])
            continue;
        m_branches[b].infer(x, out, scratch);
        if (first)
            y = out;
        else
            y += out;
        first = false;
    }
    if (first) // every branch left out: the block adds nothing
        y = Mat<S>::Zero(x.rows(), outputSize(x.cols()));
}

template <typename S>
void BranchBlock<S>::backward(const Mat<S>&, const Mat<S>&, const Mat<S>& dy, Mat<S>* dx)
{
    for (size_t b = 0; b < m_branches.size(); ++b) {
        const Mat<S>* d = &dy;
        if (m_scales.size() > 0) {
            m_dBranch = dy.array().colwise() * m_scales.col(Index(b)).array();
            d = &m_dBranch;
        }
        const Mat<S>& part = m_branches[b].backward(*d, dx != nullptr);
        if (!dx)
            continue;
        if (b == 0)
            *dx = part;
        else
            *dx += part;
    }
}

template <typename S> std::vector<Parameter<S>*> BranchBlock<S>::parameters()
{
    std::vector<Parameter<S>*> out;
    for (auto& b : m_branches)
        for (auto* p : b.parameters())
            out.push_back(p);
    return out;
}

template <typename S> std::vector<Buffer<S>*> BranchBlock<S>::buffers()
{
    std::vector<Buffer<S>*> out;
    for (auto& b : m_branches)
        for (auto* p : b.buffers())
            out.push_back(p);
    return out;
}

template <typename S>
double BranchBlock<S>::lipschitzBound(const std::function<double(const Parameter<S>&)>& sigma) const
{
    double sum = 0;
    for (const auto& b : m_branches)
        sum += b.lipschitzBound(sigma);
    return sum;
}

template <typename S> void BranchBlock<S>::visit(const std::function<void(Layer<S>&)>& fn)
{
    fn(*this);
    for (auto& b : m_branches)
        for (size_t i = 0; i < b.size(); ++i)
            b.layer(i).visit(fn);
}

template class BranchBlock<float>;
template class BranchBlock<double>;

} // namespace reglab
