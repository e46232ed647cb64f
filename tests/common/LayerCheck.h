#pragma once
// Finite-difference check of one nn/ layer in double precision: the scalar objective is
// L = sum(G .* y) with a random G, so the upstream gradient dL/dy = G exercises every
// output element. Every forward draws its noise from Rng(7), so a layer with dropout-like
// noise sees the same draw in the analytic and the numeric pass.
#include "FiniteDiff.h"
#include "nn/Layer.h"

namespace fd {

inline void checkLayer(reglab::Layer<double>& layer, MatD x, reglab::Rng& rng, double tol = 1e-7,
                       bool training = true)
{
    reglab::Rng fwdRng(7);
    MatD y;
    layer.forward(x, y, training, fwdRng);
    const MatD G = random(y.rows(), y.cols(), rng);
    auto objective = [&]() {
        MatD out;
        reglab::Rng r(7);
        layer.forward(x, out, training, r);
        return (G.array() * out.array()).sum();
    };
    for (auto* p : layer.parameters())
        p->grad.setZero();
    MatD dx;
    reglab::Rng again(7);
    layer.forward(x, y, training, again);
    layer.backward(x, y, G, &dx);
    QVERIFY_GRAD(dx, gradient(x, objective), tol);
    for (auto* p : layer.parameters()) {
        const MatD numeric = gradient(p->value, objective);
        QVERIFY_GRAD(p->grad, numeric, tol);
    }
}

} // namespace fd
