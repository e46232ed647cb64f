#include "RegressionSets.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace reglab {

namespace {

constexpr double kRadius = 6.0; // Playground's half-width of the plane; ours is 1

// Playground's gaussians: centre (in its units) and sign.
struct Bump {
    double x, y, sign;
};
constexpr std::array<Bump, 6> kBumps = {{{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1},
                                         {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}}};

Dataset makeSet(const char* name, int numPoints, double noise, Rng& rng, double (*value)(double, double))
{
    if (numPoints < 2)
        throw std::invalid_argument(std::string("The ") + name + " set needs at least 2 points, got "
                                    + std::to_string(numPoints) + ".");
    if (!(noise >= 0.0 && noise <= 1.0)) // also rejects NaN
        throw std::invalid_argument(std::string("The ") + name + " set's noise must be in [0, 1], got "
                                    + std::to_string(noise) + ".");
    Dataset d;
    d.name = name;
    d.x.resize(numPoints, 2);
    d.target.resize(size_t(numPoints));
    d.featureNames = {"x1", "x2"};
    for (int i = 0; i < numPoints; ++i) {
        // Playground's order of draws: the point, then its shift.
        const double x = rng.uniform(-1.0, 1.0), y = rng.uniform(-1.0, 1.0);
        const double nx = rng.uniform(-1.0, 1.0) * noise, ny = rng.uniform(-1.0, 1.0) * noise;
        d.x(i, 0) = float(x);
        d.x(i, 1) = float(y);
        d.target[size_t(i)] = float(value(x + nx, y + ny));
    }
    return d;
}

} // namespace

double regressPlaneValue(double x, double y)
{
    return (kRadius * x + kRadius * y) / 10.0;
}

double regressGaussianValue(double x, double y)
{
    double best = 0.0;
    for (const Bump& b : kBumps) {
        const double d = std::hypot(kRadius * x - b.x, kRadius * y - b.y);
        const double v = b.sign * std::clamp(1.0 - d / 2.0, 0.0, 1.0);
        if (std::abs(v) > std::abs(best))
            best = v;
    }
    return best;
}

Dataset makeRegressPlane(int numPoints, double noise, Rng& rng)
{
    return makeSet("reg-plane", numPoints, noise, rng, regressPlaneValue);
}

Dataset makeRegressGaussian(int numPoints, double noise, Rng& rng)
{
    return makeSet("reg-gaussian", numPoints, noise, rng, regressGaussianValue);
}

const std::vector<std::string>& regressionSetNames()
{
    static const std::vector<std::string> names = {"reg-plane", "reg-gaussian"};
    return names;
}

bool isRegressionSet(const std::string& name)
{
    const auto& names = regressionSetNames();
    return std::find(names.begin(), names.end(), name) != names.end();
}

Dataset makeRegressionSet(const std::string& name, int numPoints, double noise, Rng& rng)
{
    if (name == "reg-plane")
        return makeRegressPlane(numPoints, noise, rng);
    if (name == "reg-gaussian")
        return makeRegressGaussian(numPoints, noise, rng);
    throw std::invalid_argument("Unknown regression data set '" + name + "'; choose reg-plane or reg-gaussian.");
}

} // namespace reglab
