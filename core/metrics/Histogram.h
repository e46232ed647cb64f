#pragma once
#include "labs/LabViews.h"

#include <string>
#include <vector>

namespace reglab {

// Equal-width histogram of a set of values over [-m, m], m = max |value| (symmetric, so
// zero sits in the middle and shrinkage toward zero is easy to see), with the percentiles
// of the finite values (weightPercentiles).
HistogramView makeSymmetricHistogram(const float* values, long count, int bins, const std::string& id,
                                     const std::string& title);

// The values at kPercentileRanks of the finite values, interpolated linearly between order
// statistics (numpy's default: rank q sits at position q/100 * (n - 1) of the sorted
// values). Empty when no value is finite.
std::vector<double> weightPercentiles(const float* values, long count);

} // namespace reglab
