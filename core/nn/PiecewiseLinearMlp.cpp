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
    m_out.resize(m_layers.size());
    m_dz.resize(m_layers.size());
    return true;
}

template <typename S> void PiecewiseLinearMlp<S>::forward(const Mat<S>& x)
{
    m_in = x;
    for (size_t l = 0; l < m_layers.size(); ++l) {
        const Stage& st = m_layers[l];
        const Mat<S>& in = l == 0 ? m_in : m_out[l - 1];
        Mat<S>& o = m_out[l];
        o.resize(in.rows(), st.weight->value.cols());
        const S* b = st.bias->value.data();
        const bool plain = !st.hasActivation || st.slope == S(1);
        const S slope = st.slope;
        // The bias and the activation on each block of the product as it is made.
        gemmWithEpilogue<S>(in, st.weight->value, false, [&](Index i0, Index rows, Index j, const S* acc) {
            biasActivation(o.col(j).data() + i0, acc, rows, b[j], plain ? S(1) : slope);
        });
    }
}

template <typename S> void PiecewiseLinearMlp<S>::backward(const Mat<S>& dOut, bool withInputGrad)
{
    const size_t last = m_layers.size() - 1;
    m_dz[last] = dOut;
    for (size_t l = last; l > 0; --l) {
        Mat<S>& g = m_dz[l - 1];
        const Mat<S>& y = m_out[l - 1];
        g.resize(y.rows(), y.cols());
        const S slope = m_layers[l - 1].hasActivation ? m_layers[l - 1].slope : S(1);
        // dz(l-1) = (dz(l) W_l^T) .* f'(layer l-1), the derivative read from its output.
        gemmWithEpilogue<S>(m_dz[l], m_layers[l].weight->value, true, [&](Index i0, Index rows, Index j, const S* acc) {
            timesDerivative(g.col(j).data() + i0, acc, y.col(j).data() + i0, rows, slope);
        });
    }
    if (!withInputGrad) {
        m_dx.resize(0, 0);
        return;
    }
    m_dx.resize(m_dz[0].rows(), m_layers[0].weight->value.rows());
    gemmWithEpilogue<S>(m_dz[0], m_layers[0].weight->value, true, [&](Index i0, Index rows, Index j, const S* acc) {
        std::copy(acc, acc + rows, m_dx.col(j).data() + i0);
    });
}

template <typename S>
void PiecewiseLinearMlp<S>::biasActivation(S* out, const S* __restrict acc, Index n, S bias, S slope)
{
    if (slope == S(1)) {
        for (Index i = 0; i < n; ++i)
            out[i] = acc[i] + bias;
    } else if (slope == S(0)) {
        for (Index i = 0; i < n; ++i) {
            const S v = acc[i] + bias;
            out[i] = v > S(0) ? v : S(0); // +0 below, as max(v, 0)
        }
    } else {
        for (Index i = 0; i < n; ++i) {
            const S v = acc[i] + bias;
            out[i] = v > S(0) ? v : slope * v;
        }
    }
}

template <typename S>
void PiecewiseLinearMlp<S>::timesDerivative(S* g, const S* __restrict acc, const S* y, Index n, S slope)
{
    for (Index i = 0; i < n; ++i)
        g[i] = acc[i] * (y[i] > S(0) ? S(1) : slope);
}

template <typename S> void PiecewiseLinearMlp<S>::setGrads(Index biasRows)
{
    for (size_t l = 0; l < m_layers.size(); ++l) {
        const Mat<S>& in = l == 0 ? m_in : m_out[l - 1];
        m_layers[l].weight->grad.noalias() = in.transpose() * m_dz[l];
        m_layers[l].bias->grad = m_dz[l].topRows(biasRows).colwise().sum();
    }
}

template class PiecewiseLinearMlp<float>;
template class PiecewiseLinearMlp<double>;

} // namespace reglab
