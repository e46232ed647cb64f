#pragma once
// A Sequential seen as a chain of Linear layers with piecewise-linear activations between
// them (ReLU, leaky ReLU, identity), with its forward and backward written out over the
// weights. Once the activation pattern of a batch is fixed, such a net's input gradient is
// a product of weight matrices and 0/1 (or 1/slope) masks, so a gradient penalty can be
// differentiated again by hand (labs/gan/WganGpSteps) instead of on the autodiff tape.
// Forward keeps every layer's output and backward every pre-activation gradient, so the
// caller can reuse them, overwrite parts of them and pick the samples that count.
//
// Everything is stored one sample per column ((features, n), column-major): each sample's
// vector is contiguous, so the forward product, the backward one and the weight gradient
// (a sum over samples) are all the same fast kernel (SmallGemm), with no transposed copy
// of a batch. Layer l (l = 0 .. depth()-1) computes out(l) = act_l(W_l^T in(l) + b_l^T),
// in(0) = input(), in(l) = out(l - 1); the last layer has no activation. Buffers are kept
// between calls, so a step with the batch size of the last one allocates nothing.
#include "Types.h"
#include "nn/Parameter.h"
#include "nn/Sequential.h"

#include <vector>

namespace reglab {

template <typename S>
class PiecewiseLinearMlp {
public:
    // True when net is Linear layers, each hidden one followed by one ReLU, leaky ReLU or
    // identity activation, and nothing else (no dropout, no normalization, no output
    // activation).
    static bool supports(const Sequential<S>& net);
    // Binds to net's parameters (referenced, not owned); false, binding nothing, when
    // !supports(net). Call again before each step: the net may have been rebuilt.
    bool bind(Sequential<S>& net);

    size_t depth() const { return m_layers.size(); }
    const Mat<S>& weight(size_t l) const { return m_layers[l].weight->value; }
    Mat<S>& weightGradOf(size_t l) { return m_layers[l].weight->grad; }
    // W_l^T, (outputs, inputs) of layer l, as of the last forward.
    const Mat<S>& weightT(size_t l) const { return m_wT[l]; }
    // The derivative of layer l's activation where its output is <= 0 (1 above; the last
    // layer, without activation, has 1 everywhere).
    S slope(size_t l) const { return m_layers[l].slope; }

    // xT: (inputs, n), one sample per column -> out(depth() - 1): (outputs, n).
    void forward(const Mat<S>& xT);
    Mat<S>& input() { return m_in; }
    Mat<S>& out(size_t l) { return m_out[l]; }
    const Mat<S>& output() const { return m_out.back(); }

    // dOutT: (outputs, n), dL/d output. Keeps dz(l) = dL/d(pre-activation of layer l),
    // (units of l, n), for every layer. Parameter grads are untouched.
    void backward(const Mat<S>& dOutT);
    Mat<S>& dz(size_t l) { return m_dz[l]; }
    // dL/dx for the samples [first, first + count): (inputs, count), after backward.
    const Mat<S>& inputGrad(Index first, Index count);

    // Sets each weight's grad to the sum over all samples of in(l) dz(l)^T, and each
    // bias's grad to the sum of dz(l) over the samples [0, biasSamples).
    void setGrads(Index biasSamples);
    // The same for one layer: W_l's grad over the samples [first, first + count), b_l's
    // over [0, count).
    void weightGrad(size_t l, Index first, Index count);
    void biasGrad(size_t l, Index count);

    // The elementwise halves of the layer products, as plain loops the compiler vectorizes
    // (no branch on the sign: a mispredicted branch per entry cost more than the product).
    // Defined here so they inline into the products' epilogues (called once per 64 values).
    // out[i] = act(acc[i] + bias[i]), act the activation of the given slope.
    static void biasActivation(S* out, const S* __restrict acc, const S* __restrict bias, Index n, S slope)
    {
        if (slope == S(1)) {
            for (Index i = 0; i < n; ++i)
                out[i] = acc[i] + bias[i];
        } else if (slope == S(0)) {
            for (Index i = 0; i < n; ++i) {
                const S v = acc[i] + bias[i];
                out[i] = v > S(0) ? v : S(0); // +0 below, as max(v, 0)
            }
        } else {
            for (Index i = 0; i < n; ++i) {
                const S v = acc[i] + bias[i];
                out[i] = v > S(0) ? v : slope * v;
            }
        }
    }
    // g[i] = acc[i] * f'(y[i]), f' read from the activation's output y; g may be y.
    static void timesDerivative(S* g, const S* __restrict acc, const S* y, Index n, S slope)
    {
        for (Index i = 0; i < n; ++i)
            g[i] = acc[i] * (y[i] > S(0) ? S(1) : slope);
    }

private:
    struct Stage {
        Parameter<S>* weight = nullptr;
        Parameter<S>* bias = nullptr;
        bool hasActivation = false;
        S slope = S(1);
    };
    std::vector<Stage> m_layers;
    Mat<S> m_in, m_dx;
    ColVec<S> m_ones; // biasGrad's summing vector
    std::vector<Mat<S>> m_wT, m_out, m_dz;
};

} // namespace reglab
