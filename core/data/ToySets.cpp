#include "ToySets.h"

#include "RegressionSets.h"

#include <cmath>
#include <stdexcept>

namespace reglab {

namespace {

constexpr double kPi = 3.14159265358979323846;

void checkArgs(const char* set, int numPoints, double noise)
{
    if (numPoints < 2)
        throw std::invalid_argument(std::string("The ") + set + " set needs at least 2 points, got "
            + std::to_string(numPoints) + ".");
    if (!(noise >= 0.0 && noise <= 1.0)) // also rejects NaN
        throw std::invalid_argument(std::string("The ") + set
            + " set's noise must be in [0, 1], got " + std::to_string(noise) + ".");
}

// Empty set of the right shape; each generator fills the rows.
Dataset emptySet(const char* name, int numPoints)
{
    Dataset d;
    d.name = name;
    d.x.resize(numPoints, 2);
    d.y.resize(numPoints);
    d.numClasses = 2;
    d.featureNames = {"x1", "x2"};
    return d;
}

// Standard normal redrawn beyond 3 sigma: gaussian shape, bounded coordinates.
double truncatedNormal(Rng& rng)
{
    for (;;) {
        const double z = rng.normal();
        if (std::abs(z) <= 3.0)
            return z;
    }
}

// Uniform jitter in [-amplitude, amplitude]; always draws, so the stream does not depend on noise.
double jitter(Rng& rng, double amplitude)
{
    return rng.uniform(-1.0, 1.0) * amplitude;
}

} // namespace

Dataset makeSpiral(int numPoints, double noise, Rng& rng)
{
    checkArgs("spiral", numPoints, noise);
    Dataset d = emptySet("spiral", numPoints);
    const double amp = 0.3 * noise;
    for (int i = 0; i < numPoints; ++i) {
        const int label = i % 2;
        // Radius and angle grow together (Playground: r = 5 i/n, t = 1.75 * 2 pi i/n); the
        // second arm is the first turned by pi. Random u makes the set an i.i.d. sample.
        const double u = rng.uniform();
        const double t = 1.75 * 2.0 * kPi * u + label * kPi;
        d.x(i, 0) = float(u * std::sin(t) + jitter(rng, amp));
        d.x(i, 1) = float(u * std::cos(t) + jitter(rng, amp));
        d.y[i] = label;
    }
    return d;
}

Dataset makeCircles(int numPoints, double noise, Rng& rng)
{
    checkArgs("circles", numPoints, noise);
    Dataset d = emptySet("circles", numPoints);
    const double amp = 0.5 * noise;
    for (int i = 0; i < numPoints; ++i) {
        const int label = i % 2;
        // The gap between 0.5 and 0.7 is what noise erodes.
        const double r = label == 0 ? rng.uniform(0.0, 0.5) : rng.uniform(0.7, 1.0);
        const double angle = rng.uniform(0.0, 2.0 * kPi);
        d.x(i, 0) = float(r * std::sin(angle) + jitter(rng, amp));
        d.x(i, 1) = float(r * std::cos(angle) + jitter(rng, amp));
        d.y[i] = label;
    }
    return d;
}

Dataset makeXor(int numPoints, double noise, Rng& rng)
{
    checkArgs("xor", numPoints, noise);
    Dataset d = emptySet("xor", numPoints);
    const double margin = 0.06; // Playground's 0.3 padding on its [-5.3, 5.3] range
    const double amp = 0.5 * noise;
    for (int i = 0; i < numPoints; ++i) {
        const int label = i % 2;
        const double sx = rng.bernoulli(0.5) ? 1.0 : -1.0;
        const double sy = label == 0 ? sx : -sx; // label 1: signs differ
        d.x(i, 0) = float(sx * rng.uniform(margin, 1.0) + jitter(rng, amp));
        d.x(i, 1) = float(sy * rng.uniform(margin, 1.0) + jitter(rng, amp));
        d.y[i] = label;
    }
    return d;
}

Dataset makeGaussians(int numPoints, double noise, Rng& rng)
{
    checkArgs("gaussians", numPoints, noise);
    Dataset d = emptySet("gaussians", numPoints);
    const double sigma = 0.12 + 0.4 * noise;
    for (int i = 0; i < numPoints; ++i) {
        const int label = i % 2;
        const double center = label == 0 ? -0.4 : 0.4;
        d.x(i, 0) = float(center + sigma * truncatedNormal(rng));
        d.x(i, 1) = float(center + sigma * truncatedNormal(rng));
        d.y[i] = label;
    }
    return d;
}

Dataset makeMoons(int numPoints, double noise, Rng& rng)
{
    checkArgs("moons", numPoints, noise);
    Dataset d = emptySet("moons", numPoints);
    const double sigma = 0.45 * noise; // in make_moons units, before the 1/1.5 scaling
    for (int i = 0; i < numPoints; ++i) {
        const int label = i % 2;
        const double t = rng.uniform(0.0, kPi);
        // make_moons: upper (cos t, sin t), lower (1 - cos t, 0.5 - sin t).
        double x = label == 0 ? std::cos(t) : 1.0 - std::cos(t);
        double y = label == 0 ? std::sin(t) : 0.5 - std::sin(t);
        x += sigma * truncatedNormal(rng);
        y += sigma * truncatedNormal(rng);
        // [-1, 2] x [-0.5, 1] -> [-1, 1] x [-0.5, 0.5], same scale on both axes.
        d.x(i, 0) = float((x - 0.5) / 1.5);
        d.x(i, 1) = float((y - 0.25) / 1.5);
        d.y[i] = label;
    }
    return d;
}

const std::vector<std::string>& toySetNames()
{
    static const std::vector<std::string> names
        = {"spiral", "circles", "xor", "gaussians", "moons"};
    return names;
}

Dataset makeToySet(const std::string& name, int numPoints, double noise, Rng& rng)
{
    if (name == "spiral")
        return makeSpiral(numPoints, noise, rng);
    if (name == "circles")
        return makeCircles(numPoints, noise, rng);
    if (name == "xor")
        return makeXor(numPoints, noise, rng);
    if (name == "gaussians")
        return makeGaussians(numPoints, noise, rng);
    if (name == "moons")
        return makeMoons(numPoints, noise, rng);
    if (isRegressionSet(name))
        return makeRegressionSet(name, numPoints, noise, rng);
    std::string known;
    for (const std::string& n : toySetNames())
        known += (known.empty() ? "" : ", ") + n;
    throw std::invalid_argument(
        "Unknown toy data set '" + name + "'; choose one of " + known + ".");
}

} // namespace reglab
