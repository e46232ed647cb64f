#include "regularizers/SpectralNorm.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace reglab {

namespace {
// One power step on W (in, out): u = W v / |W v|, v = W^T u / |W^T u|; returns |W^T u|,
// the estimate u^T W v of sigma. A zero matrix keeps its vectors and has sigma 0.
template <typename S> S powerStep(const Mat<S>& W, ColVec<S>& u, ColVec<S>& v)
{
    ColVec<S> nu = W * v;
    const S nu2 = nu.norm();
    if (!(nu2 > S(0)) || !std::isfinite(double(nu2)))
        return S(0);
    u = nu / nu2;
    ColVec<S> nv = W.transpose() * u;
    const S sigma = nv.norm();
    if (!(sigma > S(0)) || !std::isfinite(double(sigma)))
        return S(0);
    v = nv / sigma;
    return sigma;
}

template <typename S> ColVec<S> randomUnit(Index n, Rng& rng)
{
    ColVec<S> x(n);
    for (Index i = 0; i < n; ++i)
        x(i) = S(rng.normal());
    const S norm = x.norm();
    return norm > S(0) ? ColVec<S>(x / norm) : ColVec<S>(ColVec<S>::Ones(n) / std::sqrt(S(n)));
}
} // namespace

template <typename S> void SpectralNorm<S>::init(const std::vector<Parameter<S>*>& params, Rng& rng)
{
    m_u.clear();
    m_v.clear();
    m_sigma.clear();
    for (auto* p : params)
        if (p->isWeight()) {
            m_u.push_back(randomUnit<S>(p->value.rows(), rng));
            m_v.push_back(randomUnit<S>(p->value.cols(), rng));
            m_sigma.push_back(S(0));
        }
}

template <typename S> void SpectralNorm<S>::iterate(const std::vector<Parameter<S>*>& params)
{
    size_t i = 0;
    for (auto* p : params)
        if (p->isWeight() && i < m_u.size()) {
            m_sigma[i] = powerStep(p->value, m_u[i], m_v[i]);
            ++i;
        }
}

template <typename S> S SpectralNorm<S>::penalty(const std::vector<Parameter<S>*>&) const
{
    S sum = 0;
    for (S s : m_sigma)
        sum += s * s;
    return S(0.5 * this->strength) * sum;
}

template <typename S> void SpectralNorm<S>::addGradient(const std::vector<Parameter<S>*>& params) const
{
    if (this->strength == 0.0)
        return;
    const S lambda = S(this->strength);
    size_t i = 0;
    for (auto* p : params)
        if (p->isWeight() && i < m_u.size()) {
            // d/dW (lambda/2) sigma^2 = lambda sigma u v^T
            p->grad.noalias() += (lambda * m_sigma[i]) * m_u[i] * m_v[i].transpose();
            ++i;
        }
}

template <typename S> void SpectralNorm<S>::project(const std::vector<Parameter<S>*>& params)
{
    iterate(params);
    size_t i = 0;
    for (auto* p : params)
        if (p->isWeight() && i < m_u.size()) {
            if (m_sigma[i] > S(1)) {
                p->value /= m_sigma[i];
                m_sigma[i] = S(1);
            }
            ++i;
        }
}

template <typename S>
std::vector<double> SpectralNorm<S>::refinedSigmas(const std::vector<const Parameter<S>*>& params, int maxIterations,
                                                   double tolerance) const
{
    std::vector<double> out;
    size_t i = 0;
    for (auto* p : params)
        if (p->isWeight() && i < m_u.size()) {
            ColVec<S> u = m_u[i], v = m_v[i];
            // Not finer than the scalar resolves (float: ~1e-6).
            const double tol = std::max(tolerance, 8.0 * double(std::numeric_limits<S>::epsilon()));
            double sigma = 0;
            for (int k = 0; k < maxIterations; ++k) {
                const double next = double(powerStep(p->value, u, v));
                const bool settled = std::abs(next - sigma) <= tol * next;
                sigma = next;
                if (settled)
                    break;
            }
            out.push_back(sigma);
            ++i;
        }
    return out;
}

template <typename S> void SpectralNorm<S>::setState(const State& s)
{
    if (s.u.size() != m_u.size() || s.v.size() != m_v.size() || s.sigma.size() != m_sigma.size())
        throw std::invalid_argument("the saved power-iteration vectors belong to another network");
    for (size_t i = 0; i < m_u.size(); ++i)
        if (s.u[i].size() != m_u[i].size() || s.v[i].size() != m_v[i].size())
            throw std::invalid_argument("the saved power-iteration vectors belong to another network");
    m_u = s.u;
    m_v = s.v;
    m_sigma = s.sigma;
}

template class SpectralNorm<float>;
template class SpectralNorm<double>;

} // namespace reglab
