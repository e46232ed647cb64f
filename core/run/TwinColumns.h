#pragma once
// How a run and its twin share one table (metrics.csv, the charts): the main metrics, then
// the twin's as twin_<id> labelled "twin: <what differs>"; a row holds main values then twin
// values, NaN where a run did not log that step.
#include "labs/MetricSpec.h"

#include <functional>
#include <optional>
#include <utility>
#include <string>
#include <vector>

namespace reglab {

std::vector<MetricSpec> twinColumns(const std::vector<MetricSpec>& main, const std::vector<MetricSpec>& twin,
                                    const std::string& twinLabel);
MetricRow mergeTwinRows(int64_t step, const MetricRow* main, size_t mainColumns, const MetricRow* twin,
                        size_t twinColumns);
// The inverse of mergeTwinRows: each run's row, or nullopt where it did not log (all NaN).
std::pair<std::optional<MetricRow>, std::optional<MetricRow>> splitTwinRow(const MetricRow& row, size_t mainColumns);
// Walks two row lists (each in step order) by step: fn(step, main row or null, twin row or
// null), once per step that either run logged.
void forEachTwinStep(const std::vector<MetricRow>& main, const std::vector<MetricRow>& twin,
                     const std::function<void(int64_t, const MetricRow*, const MetricRow*)>& fn);
// Both histories (each in step order) as merged rows, one per step that either logged.
std::vector<MetricRow> mergeTwinHistories(const std::vector<MetricRow>& main, size_t mainColumns,
                                          const std::vector<MetricRow>& twin, size_t twinColumns);

} // namespace reglab
