#include "nn/Sequential.h"

#include "nn/ActivationLayer.h"
#include "nn/BatchNorm.h"
#include "nn/BranchBlock.h"
#include "nn/Dropout.h"
#include "nn/Linear.h"

#include <cmath>
#include <stdexcept>

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

template <typename S> std::vector<Buffer<S>*> Sequential<S>::buffers()
{
    std::vector<Buffer<S>*> out;
    for (auto& l : m_layers)
        for (auto* b : l->buffers())
            out.push_back(b);
    return out;
}

template <typename S> std::vector<const Buffer<S>*> Sequential<S>::buffers() const
{
    std::vector<const Buffer<S>*> out;
    for (auto& l : m_layers)
        for (auto* b : l->buffers())
            out.push_back(b);
    return out;
}

template <typename S> std::vector<Mat<S>> Sequential<S>::modelValues() const
{
    std::vector<Mat<S>> v;
    for (auto* p : parameters())
        v.push_back(p->value);
    for (auto* b : buffers())
        v.push_back(b->value);
    return v;
}

template <typename S> void Sequential<S>::setModelValues(const std::vector<Mat<S>>& values)
{
    std::vector<Mat<S>*> dst;
    for (auto* p : parameters())
        dst.push_back(&p->value);
    for (auto* b : buffers())
        dst.push_back(&b->value);
    bool fits = values.size() == dst.size();
    for (size_t k = 0; fits && k < values.size(); ++k)
        fits = values[k].rows() == dst[k]->rows() && values[k].cols() == dst[k]->cols();
    if (!fits)
        throw std::invalid_argument("this saved state belongs to another network; reset instead");
    for (size_t k = 0; k < values.size(); ++k)
        *dst[k] = values[k];
}

template <typename S>
double Sequential<S>::lipschitzBound(const std::function<double(const Parameter<S>&)>& sigma) const
{
    double bound = 1.0;
    for (auto& l : m_layers)
        bound *= l->lipschitzBound(sigma);
    return bound;
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

namespace {
// Linear (+ BatchNorm) + activation (+ Dropout) from `in` to `out` units, appended to net.
template <typename S>
void addHidden(Sequential<S>& net, const MlpConfig& c, Index in, Index out, const std::string& name,
               const std::string& bnName, Rng& rng)
{
    auto lin = std::make_unique<Linear<S>>(in, out, name);
    initLinear(*lin, c.init, c.activation, rng);
    net.add(std::move(lin));
    if (c.batchNorm)
        net.add(std::make_unique<BatchNorm<S>>(out, bnName));
    net.add(std::make_unique<ActivationLayer<S>>(c.activation));
    if (c.dropout > 0.0 || c.alwaysAddDropout)
        net.add(std::make_unique<Dropout<S>>(c.dropout));
}
} // namespace

template <typename S> Sequential<S> makeMlp(const MlpConfig& c, Rng& rng)
{
    Sequential<S> net;
    Index in = c.inputs;
    for (size_t i = 0; i < c.hidden.size(); ++i) {
        addHidden(net, c, in, c.hidden[i], "layer" + std::to_string(i), "bn" + std::to_string(i), rng);
        in = c.hidden[i];
    }
    if (!c.branchDepths.empty()) {
        const Index width = c.branchWidth > 0 ? c.branchWidth : c.hidden.empty() ? c.inputs : c.hidden.back();
        auto block = std::make_unique<BranchBlock<S>>();
        for (size_t k = 0; k < c.branchDepths.size(); ++k) {
            Sequential<S> branch;
            Index bin = in;
            for (int j = 0; j < c.branchDepths[k]; ++j) {
                const std::string name = "branch" + std::to_string(k) + ".layer" + std::to_string(j);
                addHidden(branch, c, bin, width, name, "branch" + std::to_string(k) + ".bn" + std::to_string(j), rng);
                bin = width;
            }
            block->addBranch(std::move(branch));
        }
        net.add(std::move(block));
        in = width;
    }
    auto out = std::make_unique<Linear<S>>(in, c.outputs, "layer" + std::to_string(c.hidden.size()));
    initLinear(*out, c.init, c.activation, rng);
    net.add(std::move(out));
    if (c.outputActivation != Activation::Identity)
        net.add(std::make_unique<ActivationLayer<S>>(c.outputActivation));
    return net;
}

template class Sequential<float>;
template class Sequential<double>;
template Sequential<float> makeMlp<float>(const MlpConfig&, Rng&);
template Sequential<double> makeMlp<double>(const MlpConfig&, Rng&);
template void initLinear<float>(Linear<float>&, Init, Activation, Rng&);
template void initLinear<double>(Linear<double>&, Init, Activation, Rng&);

} // namespace reglab
