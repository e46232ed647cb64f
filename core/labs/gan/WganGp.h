#pragma once
// The WGAN-GP objective (Gulrajani et al. 2017) for a generator G and a critic D, both nn/
// MLPs trained on the autodiff tape (DESIGN section 10), as W3 of shared/bench defines it:
//   critic:    mean D(G(z)) - mean D(x) + lambda mean((|grad_xhat D(xhat)| - 1)^2),
//              xhat = e x + (1 - e) G(z), e ~ U(0, 1) per sample (the penalty differentiates
//              a gradient: the tape's second order)
//   generator: -mean D(G(z))
// Each call zeroes and fills Parameter::grad of the net it trains and returns the loss; the
// optimizer step is the caller's.
#include "Rng.h"
#include "autodiff/Module.h"
#include "autodiff/Tape.h"
#include "nn/Sequential.h"

namespace reglab {

template <typename S>
class WganGp {
public:
    // generator: noise (n, k) -> (n, 2); critic: (n, 2) -> (n, 1). Both are referenced, not owned.
    WganGp(Sequential<S>& generator, Sequential<S>& critic);

    // real: (n, 2); z: (n, k); e: (n, 1) in [0, 1].
    double criticStep(const Mat<S>& real, const Mat<S>& z, const Mat<S>& e);
    double generatorStep(const Mat<S>& z);

    double lambda = 10.0;

private:
    Sequential<S>& m_g;
    Sequential<S>& m_d;
    Module<S> m_gm, m_dm;
    Tape<S> m_tape;
    Rng m_unused; // forwardOnTape's rng (no dropout in these nets)
};

} // namespace reglab
