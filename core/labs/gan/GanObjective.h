#pragma once
// The GAN losses of the `gan` lab for a generator G and a discriminator (critic) D, both nn/
// MLPs trained on the autodiff tape (DESIGN section 10). D outputs one logit (score) a sample.
//   minimax         D: mean softplus(-D(x)) + mean softplus(D(G(z)))   G: -mean softplus(D(G(z)))
//   non-saturating  D: as minimax                                     G: mean softplus(-D(G(z)))
//   wgan-gp         D: mean D(G(z)) - mean D(x) + lambda mean((|grad D(xhat)| - 1)^2),
//                   xhat = e x + (1 - e) G(z), e ~ U(0, 1) per sample  G: -mean D(G(z))
//   hinge           D: mean relu(1 - D(x)) + mean relu(1 + D(G(z)))    G: -mean D(G(z))
// and, with any of them, R1 (Mescheder et al. 2018): + (gamma / 2) mean |grad_x D(x)|^2 on
// the real samples. The penalties differentiate a gradient: the tape's second order. W3 of
// shared/bench is wgan-gp with lambda 10.
// Each step zeroes and fills Parameter::grad of the net it trains and returns the loss; the
// optimizer step is the caller's.
#include "Rng.h"
#include "autodiff/Module.h"
#include "autodiff/Tape.h"
#include "labs/gan/WganGpSteps.h"
#include "nn/Sequential.h"

#include <string>
#include <vector>

namespace reglab {

enum class GanLoss { Minimax, NonSaturating, WganGp, Hinge };
const std::vector<std::string>& ganLossNames(); // "minimax", "non-saturating", "wgan-gp", "hinge"
GanLoss ganLossFromName(const std::string& name); // throws std::invalid_argument

template <typename S>
class GanObjective {
public:
    // generator: noise (n, k) -> (n, 2); critic: (n, 2) -> (n, 1). Referenced, not owned.
    GanObjective(Sequential<S>& generator, Sequential<S>& critic);

    // real: (n, 2); z: (n, k); e: (n, 1) in [0, 1] (used by wgan-gp only).
    double criticStep(const Mat<S>& real, const Mat<S>& z, const Mat<S>& e);
    double generatorStep(const Mat<S>& z);
    // |grad_x D(x)| for each row of x (n, 2): how steep the discriminator is there.
    Mat<S> inputGradNorms(const Mat<S>& x);
    // Minus the gradient of the generator's loss with respect to each generated sample
    // (rows of fake, (n, 2)): the way G's update pushes that sample (GAN Lab's arrows).
    Mat<S> sampleForces(const Mat<S>& fake);

    GanLoss loss = GanLoss::WganGp;
    double lambda = 10.0; // wgan-gp's gradient penalty weight
    double r1 = 0.0;      // R1's gamma; 0 switches it off

private:
    // G's loss of D's scores on generated samples: the one definition the step and the
    // arrows share.
    Var<S> generatorLoss(const Var<S>& dFake) const;

    Sequential<S>& m_g;
    Sequential<S>& m_d;
    Module<S> m_gm, m_dm;
    Tape<S> m_tape;
    Rng m_unused; // forwardOnTape's rng (no dropout in these nets)
    WganGpSteps<S> m_closedForm; // wgan-gp on ReLU-like MLPs: the same step without the tape
};

} // namespace reglab
