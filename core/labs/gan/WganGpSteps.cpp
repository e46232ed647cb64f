#include "labs/gan/WganGpSteps.h"

#include "nn/Linear.h"
#include "nn/SmallGemm.h"

#include <cmath>
#include <stdexcept>

namespace reglab {

template <typename S> bool WganGpSteps<S>::supports(const Sequential<S>& generator, const Sequential<S>& critic)
{
    if (!PiecewiseLinearMlp<S>::supports(generator) || !PiecewiseLinearMlp<S>::supports(critic))
        return false;
    for (size_t i = critic.size(); i-- > 0;) // the last Linear has one output
        if (auto* lin = dynamic_cast<const Linear<S>*>(&critic.layer(i)))
            return lin->weight().value.cols() == 1;
    return false;
}

template <typename S>
double WganGpSteps<S>::criticStep(Sequential<S>& generator, Sequential<S>& critic, const Mat<S>& real,
                                  const Mat<S>& z, const Mat<S>& e, double lambda)
{
    if (!m_g.bind(generator) || !m_d.bind(critic))
        throw std::logic_error("WganGpSteps: the networks are not piecewise-linear MLPs");
    const Index n = real.rows(), d0 = real.cols();
    const size_t L = m_d.depth();

    // The fakes (the critic step does not train G, so only G's output is kept).
    m_g.forward(z);
    const Mat<S>& fake = m_g.output();
    // D's batch: real rows [0, n), fake rows [n, 2n), interpolates [2n, 3n).
    m_x.resize(3 * n, d0);
    m_x.topRows(n) = real;
    m_x.middleRows(n, n) = fake;
    for (Index j = 0; j < d0; ++j)
        for (Index i = 0; i < n; ++i)
            m_x(2 * n + i, j) = e(i) * real(i, j) + (S(1) - e(i)) * fake(i, j);
    m_d.forward(m_x);
    const Mat<S>& out = m_d.output();

    // One backward pass: on the real and fake rows the seed is d loss / d D(x) (-1/n, +1/n);
    // on the interpolates it is 1, giving each row's input gradient grad_x D(xhat).
    m_seed.resize(3 * n, 1);
    m_seed.topRows(n).setConstant(S(-1) / S(n));
    m_seed.middleRows(n, n).setConstant(S(1) / S(n));
    m_seed.bottomRows(n).setOnes();
    m_d.backward(m_seed, true);
    const auto gx = m_d.inputGrad().bottomRows(n);

    // The penalty lambda mean (|g| - 1)^2 and its gradient with respect to each g (0 where
    // |g| = 0, as the tape's sqrt). These deltas, and those of the loop below, go where the
    // interpolates' layer inputs were (no longer needed once their masks are read), so
    // setGrads sums both terms of each weight's gradient in one product.
    const S lam = S(lambda);
    S penalty = 0;
    auto delta0 = m_d.input().bottomRows(n);
    for (Index i = 0; i < n; ++i) {
        const S r = std::sqrt(gx.row(i).squaredNorm());
        penalty += (r - S(1)) * (r - S(1));
        const S c = r > S(0) ? S(2) * lam * (r - S(1)) / (S(n) * r) : S(0);
        delta0.row(i) = c * gx.row(i);
    }
    const S loss = out.middleRows(n, n).sum() / S(n) - out.topRows(n).sum() / S(n) + lam * penalty / S(n);

    // The penalty's backward pass, down the input-gradient chain g = dz(0) W_0^T,
    // dz(l) = (dz(l+1) W_{l+1}^T) .* M_l: W_l's gradient is delta_l^T dz(l) over the
    // interpolate rows, with delta_0 = dL/dg and delta_{l+1} = (delta_l W_l) .* M_l.
    for (size_t l = 0; l + 1 < L; ++l) {
        auto y = m_d.out(l).bottomRows(n); // the interpolates' outputs of layer l: their masks
        const S slope = m_d.slope(l);
        gemmWithEpilogue<S>((l == 0 ? m_d.input() : m_d.out(l - 1)).bottomRows(n), m_d.weight(l), false,
                            [&](Index i0, Index rows, Index j, const S* acc) {
                                S* c = y.col(j).data() + i0; // read as the mask, then overwritten
                                PiecewiseLinearMlp<S>::timesDerivative(c, acc, c, rows, slope);
                            });
    }
    m_d.setGrads(2 * n); // the biases get no penalty term: it depends on them only through the masks
    return double(loss);
}

template <typename S>
double WganGpSteps<S>::generatorStep(Sequential<S>& generator, Sequential<S>& critic, const Mat<S>& z)
{
    if (!m_g.bind(generator) || !m_dOfG.bind(critic))
        throw std::logic_error("WganGpSteps: the networks are not piecewise-linear MLPs");
    const Index n = z.rows();
    m_g.forward(z);
    m_dOfG.forward(m_g.output());
    const S loss = -(m_dOfG.output().sum() / S(n));
    m_seedOfG.setConstant(n, 1, S(-1) / S(n));
    m_dOfG.backward(m_seedOfG, true);
    m_g.backward(m_dOfG.inputGrad(), false);
    m_g.setGrads(n);
    return double(loss);
}

template class WganGpSteps<float>;
template class WganGpSteps<double>;

} // namespace reglab
