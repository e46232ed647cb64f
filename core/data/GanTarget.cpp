#include "data/GanTarget.h"

#include "data/ToySets.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace reglab {

namespace {
constexpr double kPi = 3.14159265358979323846;
} // namespace

const std::vector<std::string>& GanTarget::names()
{
    static const std::vector<std::string> n = {"ring8", "grid25", "spiral", "moons"};
    return n;
}

GanTarget GanTarget::named(const std::string& name)
{
    GanTarget t;
    t.m_name = name;
    if (name == "ring8") {
        // Centers 2 (cos k pi/4, sin k pi/4), std 0.02, all divided by 1.414 (W3, WGAN-GP).
        for (int k = 0; k < 8; ++k)
            t.m_modes.push_back({2.0 * std::cos(k * kPi / 4) / 1.414, 2.0 * std::sin(k * kPi / 4) / 1.414});
        t.m_sigma = 0.02 / 1.414;
    } else if (name == "grid25") {
        // Centers (i, j) for i, j in -2..2, std 0.05, all divided by 2.828 (WGAN-GP).
        for (int i = -2; i <= 2; ++i)
            for (int j = -2; j <= 2; ++j)
                t.m_modes.push_back({i / 2.828, j / 2.828});
        t.m_sigma = 0.05 / 2.828;
    } else if (name != "spiral" && name != "moons") {
        throw std::invalid_argument("unknown GAN target '" + name + "' (expected ring8, grid25, spiral or moons)");
    }
    return t;
}

GanTarget GanTarget::fromPoints(const MatF& points, double jitter)
{
    if (points.rows() == 0 || points.cols() != 2)
        throw std::invalid_argument("a drawn target needs at least one point of two coordinates");
    if (!points.allFinite())
        throw std::invalid_argument("a drawn target's points must be finite numbers");
    GanTarget t;
    t.m_name = "drawn";
    t.m_points = points;
    t.m_sigma = jitter;
    return t;
}

double GanTarget::jitterFor(const MatF& points)
{
    // Each drawn point is the centre of a small Gaussian, not a point mass: a generator (a
    // continuous map of continuous noise) cannot put its mass on a finite set, and the
    // discriminator should not be able to tell real from fake by memorising exact points. The
    // width follows the drawing's own scale, so a file in pixels and one in [-1, 1] give the
    // same picture: 2% of the larger standard deviation of x and y. On the built-in ring of 8
    // (coordinate std 1) that is 0.02, the width of the WGAN-GP paper's toy Gaussians; small
    // enough that a stroke stays a thin stroke and separate blobs stay separate modes. All
    // points at one place have no spread: 0.02 then, the built-in targets' scale.
    if (points.rows() == 0)
        return 0.02;
    double spread = 0.0;
    for (Index j = 0; j < points.cols(); ++j) {
        const Eigen::ArrayXd c = points.col(j).cast<double>().array();
        spread = std::max(spread, std::sqrt((c - c.mean()).square().mean()));
    }
    return spread > 0.0 ? 0.02 * spread : 0.02;
}

MatF GanTarget::sample(Index n, Rng& rng) const
{
    MatF out(n, 2);
    if (!m_modes.empty()) {
        for (Index i = 0; i < n; ++i) {
            const Mode& m = m_modes[rng.below(uint32_t(m_modes.size()))];
            out(i, 0) = float(m.x + m_sigma * rng.normal());
            out(i, 1) = float(m.y + m_sigma * rng.normal());
        }
    } else if (m_points.rows() > 0) {
        for (Index i = 0; i < n; ++i) {
            const Index k = Index(rng.below(uint32_t(m_points.rows())));
            out(i, 0) = float(m_points(k, 0) + m_sigma * rng.normal());
            out(i, 1) = float(m_points(k, 1) + m_sigma * rng.normal());
        }
    } else {
        // The classify lab's shapes at low noise, both classes together.
        const Dataset d = makeToySet(m_name, int(std::max<Index>(n, 2)), 0.05, rng);
        out = d.x.topRows(n);
    }
    return out;
}

} // namespace reglab
