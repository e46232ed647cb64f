#pragma once
// The headless runner behind `reglab run` and `reglab shot`: takes a lab, checks a whole
// RunPlan against its ParamSpecs before anything trains, applies --set values, resets
// with the seed and steps, applying each --at change at the boundary after its step.
// It stops early when the lab says it is finished or the loss stops being finite.
//
// Memory is flat in the number of steps: rows are streamed to metrics.csv (when asked),
// summed up incrementally for summary.json, and kept for the charts in a bounded,
// evenly thinned history. A last finite checkpoint is kept, so a diverged run can export
// finite weights.
#include "labs/Lab.h"
#include "run/FiniteCheckpoint.h"
#include "run/MetricsCsvStream.h"
#include "run/RowHistory.h"
#include "run/RunPlan.h"
#include "run/Session.h"
#include "run/Summary.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace reglab {

class Runner {
public:
    explicit Runner(std::unique_ptr<Lab> lab);

    // Checks every --set and --at against the lab (known param, allowed value, --at only
    // for live params and at a step inside the run) without changing the lab.
    // "" or one clear sentence.
    std::string validate(const RunPlan& plan) const;
    // validate(), then applies the --set values and reset(seed).
    std::string prepare(const RunPlan& plan);
    // After prepare(): writes metrics.csv at `path` as the run goes (the step-0 row now).
    // "" or one clear sentence.
    std::string streamMetricsTo(const std::string& path);
    // Why writing the streamed metrics.csv failed, once run() is over ("" if it did not).
    const std::string& metricsStreamError() const { return m_csvError; }
    bool streamsMetrics() const { return m_streamed; }

    // Called after every logged row (for progress output).
    using RowCallback = std::function<void(const MetricRow& row)>;
    // Trains up to plan.steps steps. Call after a successful prepare(). When *stop turns
    // true (e.g. set by a SIGINT handler) the run ends before the next step.
    void run(const RowCallback& onRow = {}, const std::atomic<bool>* stop = nullptr);

    Lab& lab() { return *m_lab; }
    const Lab& lab() const { return *m_lab; }
    std::unique_ptr<Lab> takeLab() { return std::move(m_lab); }

    const RunPlan& plan() const { return m_plan; }
    // Initial row (step 0) first, then the logged rows: all of them up to
    // RowHistory::kDefaultCapacity, evenly thinned beyond (the last row always included).
    std::vector<MetricRow> rows() const { return m_history.rows(); }
    const RowHistory& history() const { return m_history; }
    int64_t stepsRun() const { return m_stepsRun; }
    bool stoppedEarly() const { return m_stoppedEarly; }
    bool diverged() const { return m_diverged; }
    bool interrupted() const { return m_interrupted; }
    const std::string& divergedWhat() const { return m_divergedWhat; }
    // After a divergence: puts the lab back to its last finite state (what model/ gets) and
    // returns that step, or -1 when there is none. The events of the run stay in session().
    int64_t restoreLastFinite();

    // The session file of this run: params at reset, seed, the event log, steps run.
    Session session() const;
    // summary.json of this run.
    Summary summary() const;

private:
    std::unique_ptr<Lab> m_lab;
    RunPlan m_plan;
    std::vector<ParamChange> m_changes; // sorted by step (stable)
    std::vector<std::pair<std::string, std::string>> m_initialParams;
    void record(const MetricRow& row);

    RowHistory m_history;
    Summary m_summary;             // metrics part, kept up to date row by row
    MetricsCsvStream m_csv;
    bool m_streamed = false;
    std::string m_csvError;
    FiniteCheckpoint m_checkpoint;
    std::vector<ParamEvent> m_events; // the run's events, kept when a restore truncates the lab's
    bool m_eventsCaptured = false;
    int64_t m_modelStep = -1;
    int64_t m_stepsRun = 0;
    bool m_prepared = false;
    bool m_stoppedEarly = false;
    bool m_diverged = false;
    bool m_interrupted = false;
    std::string m_divergedWhat;
};

} // namespace reglab
