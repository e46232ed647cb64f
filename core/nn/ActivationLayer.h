#pragma once
#include "nn/Activation.h"
#include "nn/Layer.h"

namespace reglab {

// x: (batch, n) -> y = f(x): (batch, n)
template <typename S>
class ActivationLayer : public Layer<S> {
public:
    explicit ActivationLayer(Activation a) : m_act(a) {}
    std::string kind() const override { return activationName(m_act); }
    Activation activation() const { return m_act; }
    void forward(const Mat<S>& x, Mat<S>& y, bool, Rng&) override { activationForward(m_act, x, y); }
    void infer(const Mat<S>& x, Mat<S>& y) const override { activationForward(m_act, x, y); }
    void backward(const Mat<S>& x, const Mat<S>& y, const Mat<S>& dy, Mat<S>* dx) override
    {
        if (dx)
            activationBackward(m_act, x, y, dy, *dx);
    }

private:
    Activation m_act;
};

} // namespace reglab
