#pragma once
// The 2D distributions a GAN learns (issue "GAN lab"): mixtures of Gaussians with known
// modes (a ring of 8, a grid of 25, as in the WGAN-GP paper's toy sets and W3 of
// shared/bench), continuous shapes (a spiral, two moons), and a cloud of points the user
// drew or loaded, sampled with a small jitter. Fresh samples are drawn for every batch.
#include "Rng.h"
#include "Types.h"

#include <string>
#include <vector>

namespace reglab {

class GanTarget {
public:
    struct Mode {
        double x = 0, y = 0;
    };

    // "ring8", "grid25", "spiral", "moons"; throws std::invalid_argument otherwise.
    static GanTarget named(const std::string& name);
    static const std::vector<std::string>& names();
    // A drawn (or loaded) distribution: each sample is one of `points` (n x 2) plus Gaussian
    // jitter of standard deviation `jitter`. Throws std::invalid_argument for no points or a
    // shape other than n x 2.
    static GanTarget fromPoints(const MatF& points, double jitter = 0.02);
    // The jitter a drawn target gets: 2% of the points' spread (see GanTarget.cpp).
    static double jitterFor(const MatF& points);

    const std::string& name() const { return m_name; }
    // The mixture's components (empty for continuous shapes and drawn points) and their
    // common standard deviation: what the mode metrics (SampleQuality) measure against.
    const std::vector<Mode>& modes() const { return m_modes; }
    double modeSigma() const { return m_sigma; }
    // fromPoints: the points as given (n x 2), e.g. for a GUI to show or edit; else empty.
    const MatF& points() const { return m_points; }

    // n fresh samples, (n, 2).
    MatF sample(Index n, Rng& rng) const;

private:
    std::string m_name;
    std::vector<Mode> m_modes;
    double m_sigma = 0.0;
    MatF m_points; // fromPoints: the drawn points
};

} // namespace reglab
