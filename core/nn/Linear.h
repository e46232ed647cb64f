#pragma once
#include "nn/Layer.h"

namespace reglab {

// Fully connected: y = x W + b.
// x: (batch, in) -> y: (batch, out); W: (in, out); b: (1, out)
template <typename S>
class Linear : public Layer<S> {
public:
    Linear(Index in, Index out, const std::string& name);
    std::string kind() const override { return "linear"; }
    Index outputSize(Index) const override { return m_weight.value.cols(); }
    void forward(const Mat<S>& x, Mat<S>& y, bool training, Rng& rng) override;
    void infer(const Mat<S>& x, Mat<S>& y) const override;
    void backward(const Mat<S>& x, const Mat<S>& y, const Mat<S>& dy, Mat<S>* dx) override;
    std::vector<Parameter<S>*> parameters() override { return {&m_weight, &m_bias}; }
    double lipschitzBound(const std::function<double(const Parameter<S>&)>& sigma) const override
    {
        return sigma(m_weight);
    }

    Parameter<S>& weight() { return m_weight; }
    Parameter<S>& bias() { return m_bias; }
    const Parameter<S>& weight() const { return m_weight; }
    const Parameter<S>& bias() const { return m_bias; }

private:
    Parameter<S> m_weight, m_bias;
    Mat<S> m_xT; // the input transposed, for the weight gradient (kept: no allocation a step)
};

} // namespace reglab
