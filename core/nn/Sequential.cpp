#include "nn/Sequential.h"

#include "nn/ActivationLayer.h"
#include "nn/Dropout.h"
#include "nn/Linear.h"

#include <cmath>

namespace reglab {

template <typename S> void Sequential<S>::add(std::unique_ptr<Layer<S>> layer)
{
    m_layers.push_back(std::move(layer));
    m_acts.resize(m_layers.size());
}

template <typename S> const Mat<S>& Sequential<S>::forward(const Mat<S>& x, bool training, Rng& rng)
{
    m_input = &x;
    const Mat<S>* in = &x;
    for (size_t i = 0; i < m_layers.size(); ++i) {
        m_layers[i]->forward(*in, m_acts[i], training, rng);
        in = &m_acts[i];
    }
    return *in;
}

template <typename S> const Mat<S>& Sequential<S>::backward(const Mat<S>& dout, bool needInputGrad)
{
    m_grads.resize(2);
    const Mat<S>* dy = &dout;
    for (size_t i = m_layers.size(); i-- > 0;) {
        const Mat<S>& x = i == 0 ? *m_input : m_acts[i - 1];
        Mat<S>& dx = m_grads[i % 2];
        if (i == 0 && !needInputGrad) {
            dx.resize(0, 0);
            m_layers[i]->backward(x, m_acts[i], *dy, nullptr);
        } else {
            m_layers[i]->backward(x, m_acts[i], *dy, &dx);
        }
        dy = &dx;
    }
    return *dy;
}

template <typename S> void Sequential<S>::infer(const Mat<S>& x, Mat<S>& out, Mat<S>& scratch) const
{
    // Ping-pong between out and scratch so the result ends in out.
    const size_t n = m_layers.size();
    if (n == 0) {
        out = x;
        return;
    }
    const Mat<S>* in = &x;
    for (size_t i = 0; i < n; ++i) {
        Mat<S>& dst = ((n - 1 - i) % 2 == 0) ? out : scratch;
        m_layers[i]->infer(*in, dst);
        in = &dst;
    }
}

template <typename S> std::vector<Parameter<S>*> Sequential<S>::parameters()
{
    std::vector<Parameter<S>*> out;
    for (auto& l : m_layers)
        for (auto* p : l->parameters())
            out.push_back(p);
    return out;
}

template <typename S> std::vector<const Parameter<S>*> Sequential<S>::parameters() const
{
    std::vector<const Parameter<S>*> out;
    for (auto& l : m_layers)
        for (auto* p : l->parameters())
            out.push_back(p);
    return out;
}

template <typename S> std::vector<Linear<S>*> Sequential<S>::linearLayers()
{
    std::vector<Linear<S>*> out;
    for (auto& l : m_layers)
        if (auto* lin = dynamic_cast<Linear<S>*>(l.get()))
            out.push_back(lin);
    return out;
}

template <typename S> std::vector<Dropout<S>*> Sequential<S>::dropoutLayers()
{
    std::vector<Dropout<S>*> out;
    for (auto& l : m_layers)
        if (auto* d = dynamic_cast<Dropout<S>*>(l.get()))
            out.push_back(d);
    return out;
}

template <typename S> void Sequential<S>::zeroGrad()
{
    for (auto* p : parameters())
        p->grad.setZero();
}

template <typename S> Index Sequential<S>::parameterCount() const
{
    Index n = 0;
    for (auto* p : parameters())
        n += p->value.size();
    return n;
}

template <typename S> void initLinear(Linear<S>& lin, Init init, Activation activation, Rng& rng)
{
    auto& W = lin.weight().value;
    const double in = double(W.rows()), out = double(W.cols());
    const bool reluLike = activation == Activation::ReLU || activation == Activation::LeakyReLU;
    if (init == Init::Auto)
        init = reluLike ? Init::He : Init::Xavier;
    switch (init) {
    case Init::He: {
        const double sd = std::sqrt(2.0 / in);
        for (Index k = 0; k < W.size(); ++k)
            W.data()[k] = S(sd * rng.normal());
        break;
    }
    case Init::PyTorch: {
        const double a = 1.0 / std::sqrt(in);
        for (Index k = 0; k < W.size(); ++k)
            W.data()[k] = S(rng.uniform(-a, a));
        auto& b = lin.bias().value;
        for (Index k = 0; k < b.size(); ++k)
            b.data()[k] = S(rng.uniform(-a, a));
        break;
    }
    case Init::Playground:
        for (Index k = 0; k < W.size(); ++k)
            W.data()[k] = S(rng.uniform(-0.5, 0.5));
        lin.bias().value.setConstant(S(0.1));
        break;
    default: {
        const double a = std::sqrt(6.0 / (in + out));
        for (Index k = 0; k < W.size(); ++k)
            W.data()[k] = S(rng.uniform(-a, a));
        break;
    }
    }
}

template <typename S> Sequential<S> makeMlp(const MlpConfig& c, Rng& rng)
{
    Sequential<S> net;
    std::vector<Index> sizes{c.inputs};
    sizes.insert(sizes.end(), c.hidden.begin(), c.hidden.end());
    sizes.push_back(c.outputs);
    for (size_t i = 0; i + 1 < sizes.size(); ++i) {
        auto lin = std::make_unique<Linear<S>>(sizes[i], sizes[i + 1], "layer" + std::to_string(i));
        initLinear(*lin, c.init, c.activation, rng);
        net.add(std::move(lin));
        const bool last = i + 2 == sizes.size();
        if (!last) {
            net.add(std::make_unique<ActivationLayer<S>>(c.activation));
            if (c.dropout > 0.0 || c.alwaysAddDropout)
                net.add(std::make_unique<Dropout<S>>(c.dropout));
        } else if (c.outputActivation != Activation::Identity) {
            net.add(std::make_unique<ActivationLayer<S>>(c.outputActivation));
        }
    }
    return net;
}

template class Sequential<float>;
template class Sequential<double>;
template Sequential<float> makeMlp<float>(const MlpConfig&, Rng&);
template Sequential<double> makeMlp<double>(const MlpConfig&, Rng&);
template void initLinear<float>(Linear<float>&, Init, Activation, Rng&);
template void initLinear<double>(Linear<double>&, Init, Activation, Rng&);

} // namespace reglab
