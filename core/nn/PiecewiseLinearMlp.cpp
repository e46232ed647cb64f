#include "nn/PiecewiseLinearMlp.h"

#include "nn/ActivationLayer.h"
#include "nn/Linear.h"
#include "nn/SmallGemm.h"

#include <algorithm>

namespace reglab {

namespace {
// The slope of a piecewise-linear activation below zero; false for any other activation.
bool piecewiseSlope(Activation a, double& slope)
{
    switch (a) {
    case Activation::Identity: slope = 1.0; return true;
    case Activation::ReLU: slope = 0.0; return true;
    case Activation::LeakyReLU: slope = kLeakySlope; return true;
    default: return false;
    }
}

// One Linear layer of a supported net: its index in the net and the activation after it.
struct LayerPlan {
    size_t index = 0;
    bool hasActivation = false;
    double slope = 1.0;
};

// The Linear layers of net in order; false on a layer or an order this class does not handle.
template <typename S> bool planOf(const Sequential<S>& net, std::vector<LayerPlan>& plan)
{
    plan.clear();
    bool lastIsActivation = false;
    for (size_t i = 0; i < net.size(); ++i) {
        const Layer<S>& layer = net.layer(i);
        if (dynamic_cast<const Linear<S>*>(&layer)) {
            plan.push_back(LayerPlan{i, false, 1.0});
            lastIsActivation = false;
        } else if (auto* act = dynamic_cast<const ActivationLayer<S>*>(&layer)) {
            double slope = 1.0;
            if (plan.empty() || lastIsActivation || !piecewiseSlope(act->activation(), slope))
                return false;
            plan.back().hasActivation = true;
            plan.back().slope = slope;
            lastIsActivation = true;
        } else {
            return false;
        }
    }
    if (plan.empty())
        return false;
    // After the last Linear only the identity keeps the output plain.
    if (plan.back().hasActivation) {
        if (plan.back().slope != 1.0)
            return false;
        plan.back().hasActivation = false;
    }
    return true;
}

} // namespace

template <typename S> bool PiecewiseLinearMlp<S>::supports(const Sequential<S>& net)
{
    std::vector<LayerPlan> plan;
    return planOf(net, plan);
}

template <typename S> bool PiecewiseLinearMlp<S>::bind(Sequential<S>& net)
{
    std::vector<LayerPlan> plan;
    m_layers.clear();
    if (!planOf(net, plan))
        return false;
    for (const LayerPlan& p : plan) {
        auto& lin = static_cast<Linear<S>&>(net.layer(p.index));
        m_layers.push_back(Stage{&lin.weight(), &lin.bias(), p.hasActivation, S(p.slope)});
    }
    m_wT.resize(m_layers.size());
    m_out.resize(m_layers.size());
    m_dz.resize(m_layers.size());
    return true;
}

template <typename S> void PiecewiseLinearMlp<S>::forward(const Mat<S>& xT)
{
    m_in = xT;
    for (size_t l = 0; l < m_layers.size(); ++l) {
        const Stage& st = m_layers[l];
        const Mat<S>& in = l == 0 ? m_in : m_out[l - 1];
        m_wT[l] = st.weight->value.transpose(); // W^T's columns are the kernel's contiguous ones
        Mat<S>& o = m_out[l];
        o.resize(m_wT[l].rows(), in.cols());
        const S* b = st.bias->value.data();
        const S slope = st.hasActivation ? st.slope : S(1);
        // The bias and the activation on each block of the product as it is made.
        gemmWithEpilogue<S>(m_wT[l], in, false, [&](Index i0, Index rows, Index j, const S* acc) {
            biasActivation(o.col(j).data() + i0, acc, b + i0, rows, slope);
        });
    }
}

template <typename S> void PiecewiseLinearMlp<S>::backward(const Mat<S>& dOutT)
{
    const size_t last = m_layers.size() - 1;
    m_dz[last] = dOutT;
    for (size_t l = last; l > 0; --l) {
        Mat<S>& g = m_dz[l - 1];
        const Mat<S>& y = m_out[l - 1];
        g.resize(y.rows(), y.cols());
        const S slope = m_layers[l - 1].hasActivation ? m_layers[l - 1].slope : S(1);
        if (m_dz[l].rows() == 1) { // one unit (a critic's output): an outer product, no sums
            const S* w = m_layers[l].weight->value.data();
            for (Index j = 0; j < y.cols(); ++j) {
                const S d = m_dz[l](0, j);
                S* c = g.col(j).data();
                const S* yj = y.col(j).data();
                for (Index i = 0; i < y.rows(); ++i)
                    c[i] = w[i] * d * (yj[i] > S(0) ? S(1) : slope);
            }
            continue;
        }
        // dz(l-1) = (W_l dz(l)) .* f'(layer l-1), the derivative read from its output.
        gemmWithEpilogue<S>(m_layers[l].weight->value, m_dz[l], false, [&](Index i0, Index rows, Index j, const S* acc) {
            timesDerivative(g.col(j).data() + i0, acc, y.col(j).data() + i0, rows, slope);
        });
    }
}

template <typename S> const Mat<S>& PiecewiseLinearMlp<S>::inputGrad(Index first, Index count)
{
    m_dx.resize(m_layers[0].weight->value.rows(), count);
    gemmWithEpilogue<S>(m_layers[0].weight->value, m_dz[0].middleCols(first, count), false,
                        [&](Index i0, Index rows, Index j, const S* acc) {
                            std::copy(acc, acc + rows, m_dx.col(j).data() + i0);
                        });
    return m_dx;
}

template <typename S> void PiecewiseLinearMlp<S>::setGrads(Index biasSamples)
{
    for (size_t l = 0; l < m_layers.size(); ++l) {
        weightGrad(l, 0, m_dz[l].cols());
        biasGrad(l, biasSamples);
    }
}

template <typename S> void PiecewiseLinearMlp<S>::weightGrad(size_t l, Index first, Index count)
{
    const auto in = (l == 0 ? m_in : m_out[l - 1]).middleCols(first, count);
    const auto dz = m_dz[l].middleCols(first, count);
    Mat<S>& dW = m_layers[l].weight->grad;
    dW.resize(in.rows(), dz.rows());
    // dW = in dz^T summed over samples; made as its transpose when the layer has more
    // outputs than inputs, so the kernel's rows are the long side.
    if (in.rows() >= dz.rows()) {
        gemmWithEpilogue<S>(in, dz, true, [&](Index i0, Index rows, Index j, const S* acc) {
            std::copy(acc, acc + rows, dW.col(j).data() + i0);
        });
    } else {
        gemmWithEpilogue<S>(dz, in, true, [&](Index i0, Index rows, Index j, const S* acc) {
            for (Index i = 0; i < rows; ++i)
                dW(j, i0 + i) = acc[i];
        });
    }
}

template <typename S> void PiecewiseLinearMlp<S>::biasGrad(size_t l, Index count)
{
    // As a matrix-vector product with ones: Eigen's rowwise sum walks each row with a
    // stride, one add at a time, and a loop of column adds waits on its own stores.
    if (m_ones.size() < count)
        m_ones.setOnes(count);
    Mat<S>& grad = m_layers[l].bias->grad;
    grad.resize(1, m_dz[l].rows());
    Eigen::Map<ColVec<S>> db(grad.data(), grad.size());
    db.noalias() = m_dz[l].leftCols(count) * m_ones.head(count);
}

template class PiecewiseLinearMlp<float>;
template class PiecewiseLinearMlp<double>;

} // namespace reglab
