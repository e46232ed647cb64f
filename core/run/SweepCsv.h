#pragma once
// sweep.csv: one row per trained (value, seed) point, in (value, seed) order: the param's
// value (column named by the param id), the seed, then the final value of every metric
// (CsvWriter's numbers). A choice param's value is its name.
#include "run/Sweep.h"

#include <string>
#include <vector>

namespace reglab {

std::string sweepCsv(const std::string& param, const std::vector<MetricSpec>& metrics,
                     std::vector<SweepPoint> points);
inline std::string sweepCsv(const Sweep& sweep) { return sweepCsv(sweep.param(), sweep.metrics(), sweep.points()); }

} // namespace reglab
