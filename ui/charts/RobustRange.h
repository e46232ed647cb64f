#pragma once
// A y range that ignores outliers, as TensorBoard's default: the range between low and
// high percentiles of the visible values, widened by half its span on each side but never
// beyond the data. A single huge spike no longer squashes the curves into a flat line; a
// smooth curve whose values all lie near the bulk keeps its full extent.
#include <utility>
#include <vector>

class RobustRange {
public:
    static constexpr double kQuantile = 0.02; // 2nd and 98th percentile
    static constexpr double kWiden = 0.5;     // of the percentile span, on each side
    // (lo, hi) of `values` (reordered); everything when robust is false. Empty input: (0, 0).
    static std::pair<double, double> of(std::vector<double>& values, bool robust);
};
