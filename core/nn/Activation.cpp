#include "nn/Activation.h"

#include <stdexcept>

namespace reglab {

std::string activationName(Activation a)
{
    switch (a) {
    case Activation::Identity: return "identity";
    case Activation::ReLU: return "relu";
    case Activation::LeakyReLU: return "leaky_relu";
    case Activation::Tanh: return "tanh";
    case Activation::Sigmoid: return "sigmoid";
    }
    return "identity";
}

std::vector<std::string> activationNames() { return {"relu", "leaky_relu", "tanh", "sigmoid"}; }

Activation activationFromName(const std::string& name)
{
    for (Activation a : {Activation::Identity, Activation::ReLU, Activation::LeakyReLU, Activation::Tanh,
                         Activation::Sigmoid})
        if (activationName(a) == name)
            return a;
    throw std::invalid_argument("unknown activation '" + name + "'");
}

template <typename S> void activationForward(Activation a, const Mat<S>& x, Mat<S>& y)
{
    const S slope = S(kLeakySlope);
    switch (a) {
    case Activation::Identity: y = x; break;
    case Activation::ReLU: y = x.cwiseMax(S(0)); break;
    case Activation::LeakyReLU: y = x.unaryExpr([slope](S v) { return v > S(0) ? v : slope * v; }); break;
    case Activation::Tanh: y = x.array().tanh(); break;
    case Activation::Sigmoid: y = (S(1) / (S(1) + (-x.array()).exp())).matrix(); break;
    }
}

template <typename S>
void activationBackward(Activation a, const Mat<S>& x, const Mat<S>& y, const Mat<S>& dy, Mat<S>& dx)
{
    const S slope = S(kLeakySlope);
    switch (a) {
    case Activation::Identity: dx = dy; break;
    case Activation::ReLU: dx = (x.array() > S(0)).select(dy, S(0)); break;
    case Activation::LeakyReLU: dx = (x.array() > S(0)).select(dy, slope * dy); break;
    case Activation::Tanh: dx = (dy.array() * (S(1) - y.array().square())).matrix(); break;
    case Activation::Sigmoid: dx = (dy.array() * y.array() * (S(1) - y.array())).matrix(); break;
    }
}

template void activationForward<float>(Activation, const MatF&, MatF&);
template void activationForward<double>(Activation, const MatD&, MatD&);
template void activationBackward<float>(Activation, const MatF&, const MatF&, const MatF&, MatF&);
template void activationBackward<double>(Activation, const MatD&, const MatD&, const MatD&, MatD&);

} // namespace reglab
