#pragma once
// Linearly separable 2D data through the origin for the `margin` lab (Soudry et al. 2018):
// "figure1", in the spirit of the paper's figure 1 (support vectors (0.5, 1.5), (1.5, 0.5)
// and their negatives, 12 points beyond the margin; the max-margin direction is (1, 1)),
// and "off-axis", where far points of the positive class pull the early gradient descent
// direction well away from it. Fixed points, no randomness: the SVM solution is exact.
#include "Types.h"

#include <string>
#include <vector>

namespace reglab {

struct MarginSet {
    MatD x;                 // n x 2
    std::vector<double> y;  // +1 or -1
    static std::vector<std::string> names();
    // Throws std::invalid_argument for an unknown name.
    static MarginSet named(const std::string& name);
};

} // namespace reglab
