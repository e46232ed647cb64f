#include "labs/cae/Manifold.h"

#include <cmath>
#include <stdexcept>

namespace reglab {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kTurns = 1.5;
constexpr double kInner = 0.25; // the spiral's radius at its start; it ends at 1
double span(bool spiral) { return spiral ? 2 * kPi * kTurns : 2 * kPi; }
} // namespace

Manifold::Manifold(const std::string& kind, int dim, Rng& rng)
{
    if (kind != "circle" && kind != "spiral")
        throw std::invalid_argument("the manifold is a circle or a spiral");
    if (dim < 2)
        throw std::invalid_argument("the manifold needs at least two dimensions");
    m_spiral = kind == "spiral";
    m_embed = MatD::Identity(dim, 2);
    if (dim == 2)
        return;
    // Gram-Schmidt on two Gaussian vectors: a uniformly random plane of R^dim.
    for (int k = 0; k < 2; ++k) {
        for (int i = 0; i < dim; ++i)
            m_embed(i, k) = rng.normal();
        if (k == 1)
            m_embed.col(1) -= m_embed.col(0).dot(m_embed.col(1)) * m_embed.col(0);
        m_embed.col(k).normalize();
    }
}

ManifoldPoints Manifold::at(const ColVec<double>& t) const
{
    const Index n = t.size();
    MatD plane(n, 2), tangent(n, 2);
    const double growth = (1 - kInner) / span(true);
    for (Index i = 0; i < n; ++i) {
        const double c = std::cos(t(i)), s = std::sin(t(i));
        const double r = m_spiral ? kInner + growth * t(i) : 1.0;
        const double dr = m_spiral ? growth : 0.0;
        plane(i, 0) = r * c;
        plane(i, 1) = r * s;
        tangent(i, 0) = dr * c - r * s;
        tangent(i, 1) = dr * s + r * c;
        tangent.row(i).normalize();
    }
    return {embed(plane), embed(tangent), plane, t};
}

ManifoldPoints Manifold::sample(int n, Rng& rng) const
{
    ColVec<double> t(n);
    for (int i = 0; i < n; ++i)
        t(i) = rng.uniform(0, span(m_spiral));
    return at(t);
}

ManifoldPoints Manifold::evenly(int n) const
{
    ColVec<double> t(n);
    const double step = m_spiral ? span(true) / double(n - 1) : span(false) / double(n);
    for (int i = 0; i < n; ++i)
        t(i) = step * i;
    return at(t);
}

} // namespace reglab
