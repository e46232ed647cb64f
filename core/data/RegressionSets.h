#pragma once
// TensorFlow Playground's two regression sets (src/dataset.ts: regressPlane, regressGaussian)
// in the classify lab's units: Playground draws points in [-6, 6]², here they lie in [-1, 1]²
// (Playground's coordinates / 6), so the features and a default MLP match the toy sets.
// Each sample has a float target (Dataset::target) and no class (y empty, numClasses 0).
//
// noise in [0, 1], as in Playground: the target is the function's value at the point moved
// by a uniform shift of up to +-noise per coordinate (Playground's +-6 * noise; its slider's
// top, 50, is noise 0.5). The points themselves stay where they were drawn, and the draws per
// sample do not depend on noise. Bad arguments throw std::invalid_argument.
#include "Dataset.h"
#include "Rng.h"

#include <string>
#include <vector>

namespace reglab {

// Playground's plane: (X + Y) / 10 at Playground's (X, Y) = 6 (x, y), i.e. 0.6 (x + y);
// -1.2 .. 1.2 over the square.
double regressPlaneValue(double x, double y);
// Playground's six gaussians at (+-4 or 0, +-2.5) / 6 with alternating signs; each gives
// sign * max(0, 1 - d / 2) at Playground's distance d (6x ours), and the one largest in
// absolute value wins (the first on a tie). In [-1, 1].
double regressGaussianValue(double x, double y);

Dataset makeRegressPlane(int numPoints, double noise, Rng& rng);
Dataset makeRegressGaussian(int numPoints, double noise, Rng& rng);

// "reg-plane", "reg-gaussian": the classify lab's names of the sets above.
const std::vector<std::string>& regressionSetNames();
bool isRegressionSet(const std::string& name);
// The regression set called `name`; throws std::invalid_argument for another name.
Dataset makeRegressionSet(const std::string& name, int numPoints, double noise, Rng& rng);

} // namespace reglab
