#pragma once
// sweep.csv: one row per trained (curve, value, seed) point, in that order: the curve's
// value when the sweep has curves (column named by the `by` param), the param's value
// (column named by the param id), the seed, then the final value of every metric
// (CsvWriter's numbers). A choice param's value is its name. A param whose id is also a
// metric's (continual's `penalty`) names its column param_<id>.
#include "run/Sweep.h"

#include <string>
#include <vector>

namespace reglab {

// by: the curves' param, "" without curves.
std::string sweepCsv(const std::string& param, const std::vector<MetricSpec>& metrics,
                     std::vector<SweepPoint> points, const std::string& by = {});
inline std::string sweepCsv(const Sweep& sweep)
{
    return sweepCsv(sweep.param(), sweep.metrics(), sweep.points(), sweep.by());
}

} // namespace reglab
