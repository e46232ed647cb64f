#pragma once
#include "labs/LabViews.h"

#include <string>

namespace reglab {

// Equal-width histogram of a set of values over [-m, m], m = max |value| (symmetric, so
// zero sits in the middle and shrinkage toward zero is easy to see).
HistogramView makeSymmetricHistogram(const float* values, long count, int bins, const std::string& id,
                                     const std::string& title);

} // namespace reglab
