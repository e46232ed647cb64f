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

    // The fakes (the critic step does not train G, so only G's output is kept). The MLPs
    // hold one sample per column.
    m_g.forward(z.transpose());
    const Mat<S>& fake = m_g.output(); // (2, n)
    // D's batch: real samples [0, n), fakes [n, 2n), interpolates [2n, 3n).
    m_x.resize(d0, 3 * n);
    m_x.leftCols(n) = real.transpose();
    m_x.middleCols(n, n) = fake;
    for (Index i = 0; i < n; ++i)
        for (Index j = 0; j < d0; ++j)
            m_x(j, 2 * n + i) = e(i) * real(i, j) + (S(1) - e(i)) * fake(j, i);
    m_d.forward(m_x);
    const Mat<S>& out = m_d.output(); // (1, 3n)

    // One backward pass: on the real and fake samples the seed is d loss / d D(x) (-1/n,
    // +1/n); on the interpolates it is 1, giving each one's input gradient grad_x D(xhat).
    m_seed.resize(1, 3 * n);
    m_seed.leftCols(n).setConstant(S(-1) / S(n));
    m_seed.middleCols(n, n).setConstant(S(1) / S(n));
    m_seed.rightCols(n).setOnes();
    m_d.backward(m_seed);
    const Mat<S>& gx = m_d.inputGrad(2 * n, n); // (2, n)

    // The penalty lambda mean (|g| - 1)^2 and its gradient with respect to each g (0 where
    // |g| = 0, as the tape's sqrt). These deltas, and those of the chain below, go where the
    // interpolates' layer inputs were (no longer needed once their masks are read), so one
    // product over all 3n samples sums both terms of a weight's gradient.
    const S lam = S(lambda);
    S penalty = 0;
    auto delta0 = m_d.input().rightCols(n);
    for (Index i = 0; i < n; ++i) {
        const S r = std::sqrt(gx.col(i).squaredNorm());
        penalty += (r - S(1)) * (r - S(1));
        const S c = r > S(0) ? S(2) * lam * (r - S(1)) / (S(n) * r) : S(0);
        delta0.col(i) = c * gx.col(i);
    }
    const S loss = out.middleCols(n, n).sum() / S(n) - out.leftCols(n).sum() / S(n) + lam * penalty / S(n);

    // The penalty's backward pass, down the input-gradient chain g = W_0 dz(0),
    // dz(l) = (W_{l+1} dz(l+1)) .* M_l: W_l's gradient is delta_l dz(l)^T over the
    // interpolates, with delta_0 = dL/dg and delta_{l+1} = (W_l^T delta_l) .* M_l.
    // The chain stops one layer short: see the last hidden layer below.
    for (size_t l = 0; l + 2 < L; ++l) {
        auto y = m_d.out(l).rightCols(n); // the interpolates' outputs of layer l: their masks
        const S slope = m_d.slope(l);
        gemmWithEpilogue<S>(m_d.weightT(l), (l == 0 ? m_d.input() : m_d.out(l - 1)).rightCols(n), false,
                            [&](Index i0, Index rows, Index j, const S* acc) {
                                S* c = y.col(j).data() + i0; // read as the mask, then overwritten
                                PiecewiseLinearMlp<S>::timesDerivative(c, acc, c, rows, slope);
                            });
    }
    // The biases get no penalty term: it depends on them only through the masks.
    for (size_t l = 0; l < L; ++l)
        m_d.biasGrad(l, 2 * n);
    if (L == 1) { // a linear critic: its input gradient is W_0 itself
        m_d.weightGrad(0, 0, 3 * n);
        return double(loss);
    }
    for (size_t l = 0; l + 2 < L; ++l) // both terms in one product over all 3n samples
        m_d.weightGrad(l, 0, 3 * n);
    // The last hidden layer h = L - 2, whose interpolates' dz is w .* M_h (w = W_{L-1}, one
    // column): with P = sum over interpolates of delta_h M_h^T, its penalty gradient is
    // P diag(w) and W_{L-1}'s is sum_i W_h(i, j) P(i, j), so the chain's last product
    // (delta_{L-1}) is never made.
    const size_t h = L - 2;
    m_d.weightGrad(h, 0, 2 * n);
    m_d.weightGrad(L - 1, 0, 2 * n);
    auto masks = m_d.out(h).rightCols(n); // the interpolates' outputs of layer h, as their masks
    const S slope = m_d.slope(h);
    for (Index j = 0; j < n; ++j)
        for (Index i = 0; i < masks.rows(); ++i)
            masks(i, j) = masks(i, j) > S(0) ? S(1) : slope;
    m_p.resize(m_d.weight(h).rows(), m_d.weight(h).cols());
    gemmWithEpilogue<S>((h == 0 ? m_d.input() : m_d.out(h - 1)).rightCols(n), masks, true,
                        [&](Index i0, Index rows, Index j, const S* acc) {
                            std::copy(acc, acc + rows, m_p.col(j).data() + i0);
                        });
    Mat<S>& gh = m_d.weightGradOf(h);
    Mat<S>& gl = m_d.weightGradOf(L - 1);
    const Mat<S>& w = m_d.weight(L - 1);
    const Mat<S>& Wh = m_d.weight(h);
    for (Index j = 0; j < m_p.cols(); ++j) {
        gh.col(j) += m_p.col(j) * w(j, 0);
        gl(j, 0) += Wh.col(j).dot(m_p.col(j));
    }
    return double(loss);
}

template <typename S>
double WganGpSteps<S>::generatorStep(Sequential<S>& generator, Sequential<S>& critic, const Mat<S>& z)
{
    if (!m_g.bind(generator) || !m_dOfG.bind(critic))
        throw std::logic_error("WganGpSteps: the networks are not piecewise-linear MLPs");
    const Index n = z.rows();
    m_g.forward(z.transpose());
    m_dOfG.forward(m_g.output());
    const S loss = -(m_dOfG.output().sum() / S(n));
    m_seedOfG.setConstant(1, n, S(-1) / S(n));
    m_dOfG.backward(m_seedOfG);
    m_g.backward(m_dOfG.inputGrad(0, n));
    m_g.setGrads(n);
    return double(loss);
}

template class WganGpSteps<float>;
template class WganGpSteps<double>;

} // namespace reglab
