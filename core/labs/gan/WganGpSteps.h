#pragma once
// WGAN-GP's critic and generator steps in closed form, for a generator and a critic made of
// Linear layers and piecewise-linear activations (PiecewiseLinearMlp: ReLU, leaky ReLU):
// the same losses and gradients as GanObjective's tape, in about half its time (W3 of
// shared/bench). The tape stays the reference (tests compare the two) and serves every
// other case (tanh, R1, the other losses).
//
// Why a closed form exists: such an activation's second derivative is zero almost
// everywhere, so the gradient penalty depends on the weights only through the input
// gradient's own backward pass, with the batch's activation masks held fixed. Its gradient
// is one more backward pass, through that chain, reusing the forward's buffers:
//   D(x) = W_L^T(M_{L-1} (... M_0 (x W_0 + b_0) ...)),  grad_x D = W_0 M_0 W_1 ... M_{L-1} W_L.
// Real, fake and interpolated samples go through D stacked as one batch, so each layer
// is one matrix product for all three, and each weight's gradient (first-order terms on
// the real and fake samples, the penalty's on the interpolates) is one more. For W3's
// critic that is 10 products of 64x64 by 64x256 per critic step, where the tape made 11.
#include "Types.h"
#include "nn/PiecewiseLinearMlp.h"
#include "nn/Sequential.h"

namespace reglab {

template <typename S>
class WganGpSteps {
public:
    // True when both nets are PiecewiseLinearMlp's and the critic has one output.
    static bool supports(const Sequential<S>& generator, const Sequential<S>& critic);

    // As GanObjective::criticStep for wgan-gp without R1: sets the critic's grads (the
    // generator's are untouched) and returns the loss.
    double criticStep(Sequential<S>& generator, Sequential<S>& critic, const Mat<S>& real, const Mat<S>& z,
                      const Mat<S>& e, double lambda);
    // -mean D(G(z)) (wgan-gp's and hinge's generator loss): sets the generator's grads (the
    // critic's are untouched) and returns the loss.
    double generatorStep(Sequential<S>& generator, Sequential<S>& critic, const Mat<S>& z);

private:
    // The critic step's D sees 3n rows, the generator step's n: each keeps its own buffers,
    // so neither step reallocates them.
    PiecewiseLinearMlp<S> m_g, m_d, m_dOfG;
    Mat<S> m_x, m_seed, m_seedOfG, m_p;
};

} // namespace reglab
