#pragma once
// The 2D toy sets of the classify lab, after TensorFlow Playground (and sklearn's make_moons).
// Coordinates lie in about [-1, 1] so a default MLP trains without normalisation; labels are
// 0/1 and alternate (sample i has label i % 2), so classes are balanced to within one sample.
//
// noise in [0, 1]: 0 = clean, 0.5 = noticeably hard (leave-one-out 1-NN accuracy 81..94%),
// 1 = classes overlap heavily. Coordinates stay within +-1 at noise 0, +-2 at noise 1. The random
// draws per sample do not depend on noise, so one seed at two noise levels gives the same
// points, only jittered differently (a teacher can turn the noise up on "the same data").
// Bad arguments (numPoints < 2, noise outside [0, 1]) throw std::invalid_argument.
#include "Dataset.h"
#include "Rng.h"

#include <string>
#include <vector>

namespace reglab {

// Two interleaved arms of ~1.75 turns; radius grows from 0 to 1; uniform jitter of
// +-0.3 * noise per coordinate (arms are 0.29 apart; noise 0.33 is Playground's strongest).
Dataset makeSpiral(int numPoints, double noise, Rng& rng);
// Label 0: disc of radius 0.5; label 1: ring 0.7..1; uniform jitter of +-0.5 * noise.
Dataset makeCircles(int numPoints, double noise, Rng& rng);
// Label 1 where sign(x) != sign(y); |x|, |y| in [0.06, 1] (a margin off the axes, as in
// Playground); uniform jitter of +-0.5 * noise.
Dataset makeXor(int numPoints, double noise, Rng& rng);
// Two gaussian blobs at (-0.4, -0.4) (label 0) and (0.4, 0.4) (label 1), standard deviation
// 0.12 + 0.4 * noise, truncated at 3 sigma so the plot stays bounded.
Dataset makeGaussians(int numPoints, double noise, Rng& rng);
// sklearn make_moons (upper moon label 0, lower moon label 1) mapped from [-1, 2] x [-0.5, 1]
// to [-1, 1] x [-0.5, 0.5]; gaussian noise of 0.45 * noise in make_moons units, truncated at
// 3 sigma.
Dataset makeMoons(int numPoints, double noise, Rng& rng);

// The toy set called `name` (one of toySetNames(), or a regression set: RegressionSets.h);
// throws std::invalid_argument otherwise.
Dataset makeToySet(const std::string& name, int numPoints, double noise, Rng& rng);
// "spiral", "circles", "xor", "gaussians", "moons".
const std::vector<std::string>& toySetNames();

} // namespace reglab
