#pragma once
// The headless runner behind `reglab run` and `reglab shot`: takes a lab, checks a whole
// RunPlan against its ParamSpecs before anything trains, applies --set values, resets
// with the seed and steps, applying each --at change at the boundary after its step.
// A run stops when the lab says it is finished or the loss stops being finite.
//
// With a twin (RunPlan::hasTwin) a second lab of the same kind trains beside the main one
// in lock-step, in chunks, the two on their own threads when there are two; each is a
// RunTrack of its own, so the twin's numbers are those of its configuration run alone.
// When one run ends (early stopping, divergence) the other goes on.
//
// Memory is flat in the number of steps: rows are streamed to metrics.csv (when asked),
// summed up incrementally for summary.json, and kept for the charts in a bounded,
// evenly thinned history. A last finite checkpoint is kept, so a diverged run can export
// finite weights.
#include "lessons/ClaimTracker.h"
#include "run/MetricsCsvStream.h"
#include "run/RunTrack.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace reglab {

class Runner {
public:
    // twinLab: the lab the twin trains (same id); when the plan has a twin and none is
    // given, one is made with createLab().
    explicit Runner(std::unique_ptr<Lab> lab, std::unique_ptr<Lab> twinLab = nullptr);

    // Checks every --set, --at, --twin and --twin-at against the lab (known param, allowed
    // value, changes only for live params and at a step inside the run) without changing
    // the lab. "" or one clear sentence.
    std::string validate(const RunPlan& plan) const;
    // validate(), then applies the --set values and reset(seed), for both runs.
    std::string prepare(const RunPlan& plan);
    // After prepare() of session.toPlan() (steps may be more): puts both runs back to the
    // session's saved training state and takes its metric history as already logged (it
    // is written first by run()). "" or one sentence.
    std::string resume(const Session& session);
    // After prepare(): the claim of a lesson, judged on the rows as they come. "" or one
    // sentence (the claim names a metric the lab does not have).
    std::string judge(const Claim& claim);
    // After prepare(): writes metrics.csv at `path` as the run goes (the step-0 row now).
    // "" or one clear sentence.
    std::string streamMetricsTo(const std::string& path);
    // Why writing the streamed metrics.csv failed, once run() is over ("" if it did not).
    const std::string& metricsStreamError() const { return m_csvError; }
    bool streamsMetrics() const { return m_streamed; }

    // Called after every logged row of the main run (for progress output).
    using RowCallback = std::function<void(const MetricRow& row)>;
    // Trains up to plan.steps steps. Call after a successful prepare(). When *stop turns
    // true (e.g. set by a SIGINT handler) the run ends before the next step.
    void run(const RowCallback& onRow = {}, const std::atomic<bool>* stop = nullptr);

    // The main run.
    RunTrack& main() { return m_main; }
    const RunTrack& main() const { return m_main; }
    // The twin, or nullptr.
    RunTrack* twin() { return m_twin.get(); }
    const RunTrack* twin() const { return m_twin.get(); }

    Lab& lab() { return m_main.lab(); }
    const Lab& lab() const { return m_main.lab(); }
    std::unique_ptr<Lab> takeLab() { return m_main.takeLab(); }

    const RunPlan& plan() const { return m_plan; }
    // Initial row (step 0) first, then the logged rows: all of them up to
    // RowHistory::kDefaultCapacity, evenly thinned beyond (the last row always included).
    std::vector<MetricRow> rows() const { return m_main.history().rows(); }
    const RowHistory& history() const { return m_main.history(); }
    // For chart images: the main metrics and rows, with the twin's as twin_<id> columns
    // when there is one (run/TwinColumns).
    std::vector<MetricSpec> chartMetrics() const;
    std::vector<MetricRow> chartRows() const;
    int64_t stepsRun() const { return m_main.stepsRun(); }
    bool stoppedEarly() const { return m_main.stoppedEarly(); }
    bool diverged() const { return m_main.diverged(); }
    bool interrupted() const { return m_interrupted; }
    const std::string& divergedWhat() const { return m_main.divergedWhat(); }
    // After a divergence: puts the lab back to its last finite state (what model/ gets) and
    // returns that step, or -1 when there is none. The events of the run stay in session().
    int64_t restoreLastFinite() { return m_main.restoreLastFinite(); }

    // The session file of this run: params at reset, seed, the event log, steps run; and
    // the twin's, when there is one.
    Session session() const { return m_main.session(); }
    // With keepState(true) and a run that did not diverge, it also holds both runs' training
    // state and `history` (the metrics.csv text), so `reglab run` of it goes on without a replay.
    Json sessionJson(const std::string& history = {}) const;
    void keepState(bool on) { m_keepState = on; }
    bool keepsState() const { return m_keepState && !m_main.diverged() && !(m_twin && m_twin->diverged()); }
    // summary.json of this run, with the twin's and the claim's verdict when there are.
    Summary summary() const { return m_main.summary(); }
    Json summaryJson() const;
    const ClaimTracker* claim() const { return m_claim ? &*m_claim : nullptr; }

private:
    void write(const std::vector<MetricRow>& mainRows, const std::vector<MetricRow>& twinRows);

    RunTrack m_main;
    std::unique_ptr<Lab> m_twinLab; // until prepare() makes the twin's track
    std::unique_ptr<RunTrack> m_twin;
    RunPlan m_plan;
    std::optional<ClaimTracker> m_claim;
    MetricsCsvStream m_csv;
    bool m_streamed = false;
    std::string m_csvError;
    bool m_prepared = false;
    bool m_interrupted = false;
    bool m_keepState = false;
    std::vector<MetricRow> m_resumedMain, m_resumedTwin; // a resumed session's rows, for run()
};

} // namespace reglab
