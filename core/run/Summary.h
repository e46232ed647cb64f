#pragma once
// summary.json: per metric the final value, the best value (min or max as
// MetricSpec::higherIsBetter says) and the step of the best, plus how the run ended.
#include "labs/MetricSpec.h"
#include "run/Json.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace reglab {

struct MetricSummary {
    std::string id;
    bool higherIsBetter = false;
    double final = std::numeric_limits<double>::quiet_NaN(); // last row's value (NaN if it was)
    double best = std::numeric_limits<double>::quiet_NaN();  // over finite values only
    int64_t bestStep = -1;                                    // earliest step of the best; -1: none finite
};

class Summary {
public:
    std::string lab;
    uint64_t seed = 0;
    int64_t stepsRequested = 0;
    int64_t stepsRun = 0;
    bool stoppedEarly = false;       // the lab said finished() before the last step
    bool diverged = false;           // the loss became NaN/Inf; the run stopped there
    std::string divergedWhat;        // "training loss became NaN at step 1234"
    int64_t earlyStopBestStep = -1;  // ExportableLab::earlyStopBestStep(), -1: none
    int64_t modelStep = -1;          // diverged: the step of the (finite) weights in model/
    std::vector<MetricSummary> metrics;

    // Incremental, so a run of any length is summed up in constant memory: begin() with the
    // metric columns, then add() every row in step order (the initial row first).
    void begin(const std::vector<MetricSpec>& specs);
    void add(const MetricRow& row);
    // begin(specs) and add() of every row; rows may be empty.
    void computeMetrics(const std::vector<MetricSpec>& specs, const std::vector<MetricRow>& rows);
    const MetricSummary* find(const std::string& id) const;
    Json toJson() const;
};

} // namespace reglab
