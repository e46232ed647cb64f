#pragma once
// The metric rows of a run as metrics.csv text (`step,<ids...>`, the format `reglab run`
// and Export all write), and back: a session that keeps its training state keeps its
// curves this way, so opening it shows them without replaying a step.
#include "labs/MetricSpec.h"

#include <optional>
#include <string>
#include <vector>

namespace reglab {

std::string metricHistoryText(const std::vector<MetricSpec>& columns, const std::vector<MetricRow>& rows);
// Reads text whose header names exactly `columns` (ids in order), rows in increasing step
// order up to `lastStep`; "nan", "inf" and empty cells are kept as such. nullopt and one
// sentence in *error otherwise.
std::optional<std::vector<MetricRow>> parseMetricHistory(const std::string& text,
                                                         const std::vector<MetricSpec>& columns,
                                                         int64_t lastStep, std::string* error);

} // namespace reglab
