#include "autodiff/Module.h"

#include "autodiff/Ops.h"
#include "nn/ActivationLayer.h"
#include "nn/Dropout.h"
#include "nn/Linear.h"

#include <stdexcept>
#include <string>

namespace reglab {

template <typename S> void Module<S>::bind(Tape<S>& tape)
{
    m_tape = &tape;
    m_vars.clear();
    for (auto* p : m_params)
        m_vars.push_back(tape.leaf(p->value, true));
}

template <typename S> Var<S> Module<S>::var(const Parameter<S>& p) const
{
    for (size_t i = 0; i < m_params.size() && i < m_vars.size(); ++i)
        if (m_params[i] == &p)
            return m_vars[i];
    throw std::invalid_argument("Module: the parameter '" + p.name + "' is not bound (bind() after clear())");
}

template <typename S> std::vector<Var<S>> Module<S>::gradients(Var<S> y, bool createGraph) const
{
    if (!m_tape)
        throw std::logic_error("Module: gradients() before bind()");
    return m_tape->grad(y, m_vars, createGraph);
}

template <typename S> void Module<S>::backward(Var<S> y)
{
    const std::vector<Var<S>> g = gradients(y, false);
    for (size_t i = 0; i < m_params.size(); ++i) {
        Parameter<S>& p = *m_params[i];
        if (p.grad.rows() != p.value.rows() || p.grad.cols() != p.value.cols())
            p.grad.setZero(p.value.rows(), p.value.cols());
        p.grad += g[i].value();
    }
}

namespace {
template <typename S> Var<S> activationOnTape(Activation a, Var<S> x)
{
    switch (a) {
    case Activation::Identity: return x;
    case Activation::ReLU: return relu(x);
    case Activation::LeakyReLU: return leakyRelu(x, S(kLeakySlope));
    case Activation::Tanh: return tanh(x);
    case Activation::Sigmoid: return sigmoid(x);
    }
    return x;
}
} // namespace

template <typename S>
Var<S> forwardOnTape(const Module<S>& m, const Sequential<S>& net, Var<S> x, bool training, Rng& rng)
{
    Tape<S>& t = *x.tape();
    for (size_t i = 0; i < net.size(); ++i) {
        const Layer<S>& layer = net.layer(i);
        if (const auto* lin = dynamic_cast<const Linear<S>*>(&layer)) {
            x = addRow(matmul(x, m.var(lin->weight())), m.var(lin->bias()));
        } else if (const auto* act = dynamic_cast<const ActivationLayer<S>*>(&layer)) {
            x = activationOnTape(act->activation(), x);
        } else if (const auto* drop = dynamic_cast<const Dropout<S>*>(&layer)) {
            if (training && drop->rate() > 0.0) { // as Dropout::forward: no draws when off
                Mat<S> mask;
                Dropout<S>::drawMask(x.rows(), x.cols(), drop->rate(), rng, mask);
                x = mul(x, t.constant(mask));
            }
        } else {
            throw std::invalid_argument("forwardOnTape: no tape rule for layer kind '" + layer.kind() + "'");
        }
    }
    return x;
}

template class Module<float>;
template class Module<double>;
template Var<float> forwardOnTape<float>(const Module<float>&, const Sequential<float>&, Var<float>, bool, Rng&);
template Var<double> forwardOnTape<double>(const Module<double>&, const Sequential<double>&, Var<double>, bool,
                                           Rng&);

} // namespace reglab
