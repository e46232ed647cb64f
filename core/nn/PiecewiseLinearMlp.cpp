#include "nn/PiecewiseLinearMlp.h"

#include "nn/ActivationLayer.h"
#include "nn/Linear.h"

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

// g .*= (y > 0 ? 1 : slope), y the activation's output: the activation's derivative,
// read from its output (y > 0 exactly where the pre-activation is > 0).
template <typename S> void maskBy(Mat<S>& g, const Mat<S>& y, S slope)
{
    S* gp = g.data();
    const S* yp = y.data();
    const Index n = g.size();
    for (Index i = 0; i < n; ++i)
        gp[i] *= yp[i] > S(0) ? S(1) : slope;
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
        Mat<S>& o = m_out[l];
        o.noalias() = (l == 0 ? m_in : m_out[l - 1]) * st.weight->value;
        // Bias and activation in one pass over the product.
        const S* b = st.bias->value.data();
        const Index rows = o.rows();
        for (Index j = 0; j < o.cols(); ++j) {
            S* c = o.col(j).data();
            const S bj = b[j];
            if (!st.hasActivation || st.slope == S(1)) {
                for (Index i = 0; i < rows; ++i)
                    c[i] += bj;
            } else if (st.slope == S(0)) {
                for (Index i = 0; i < rows; ++i) {
                    const S v = c[i] + bj;
                    c[i] = v > S(0) ? v : S(0);
                }
            } else {
                const S slope = st.slope;
                for (Index i = 0; i < rows; ++i) {
                    const S v = c[i] + bj;
                    c[i] = v > S(0) ? v : slope * v;
                }
            }
        }
    }
}

template <typename S> void PiecewiseLinearMlp<S>::backward(const Mat<S>& dOut, bool withInputGrad)
{
    const size_t last = m_layers.size() - 1;
    m_dz[last] = dOut;
    for (size_t l = last; l > 0; --l) {
        m_dz[l - 1].noalias() = m_dz[l] * m_layers[l].weight->value.transpose();
        if (m_layers[l - 1].hasActivation)
            maskBy(m_dz[l - 1], m_out[l - 1], m_layers[l - 1].slope);
    }
    if (withInputGrad)
        m_dx.noalias() = m_dz[0] * m_layers[0].weight->value.transpose();
    else
        m_dx.resize(0, 0);
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
