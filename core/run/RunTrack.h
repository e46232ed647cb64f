#pragma once
// One training run inside a Runner: its lab, the plan it follows, and everything measured
// along the way (bounded row history, incremental summary, finite checkpoint, events).
// A Runner drives one track, or two in lock-step when the run has a twin; a track knows
// nothing of the other, so a twin gives the same bits alone or beside its main run.
#include "labs/Lab.h"
#include "run/FiniteCheckpoint.h"
#include "run/RowHistory.h"
#include "run/RunPlan.h"
#include "run/Session.h"
#include "run/Summary.h"

#include <atomic>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace reglab {

class RunTrack {
public:
    explicit RunTrack(std::unique_ptr<Lab> lab);

    // Checks a list of assignments / changes against the lab's params without changing it.
    // `what` names the option in messages ("--set", "--twin"). "" or one clear sentence.
    std::string validateSets(const std::vector<std::pair<std::string, std::string>>& sets,
                             const std::string& what) const;
    std::string validateChanges(const std::vector<ParamChange>& changes, int64_t steps,
                                const std::string& what) const;
    // Applies the plan's sets (the lab's own checks too), checks its changes, reset(seed).
    // The plan must have been validated. "" or one clear sentence.
    std::string prepare(const RunPlan& plan);

    // After prepare(): puts back a saved training state (Lab::restoreStateBytes) with the
    // event log up to it, and takes `rows` (its metric rows after step 0) as logged. Throws
    // std::invalid_argument with one sentence when the state does not fit.
    void resume(const std::string& state, const std::vector<ParamEvent>& events, const std::vector<MetricRow>& rows);

    // Trains up to `count` more steps, fewer when the run ends (plan.steps reached, the lab
    // finished, the loss not finite, *stop set). Rows logged are appended to *rows.
    void advance(int64_t count, std::vector<MetricRow>* rows, const std::atomic<bool>* stop);
    bool ended() const { return m_ended; }

    Lab& lab() { return *m_lab; }
    const Lab& lab() const { return *m_lab; }
    std::unique_ptr<Lab> takeLab() { return std::move(m_lab); }
    const RunPlan& plan() const { return m_plan; }
    const RowHistory& history() const { return m_history; }
    int64_t stepsRun() const { return m_stepsRun; }
    bool stoppedEarly() const { return m_stoppedEarly; }
    bool diverged() const { return m_diverged; }
    bool interrupted() const { return m_interrupted; }
    const std::string& divergedWhat() const { return m_divergedWhat; }
    int64_t restoreLastFinite();
    Session session() const;
    Summary summary() const;

private:
    void record(const MetricRow& row, std::vector<MetricRow>* rows);

    std::unique_ptr<Lab> m_lab;
    RunPlan m_plan;
    std::vector<ParamChange> m_changes; // sorted by step (stable)
    size_t m_nextChange = 0;
    std::vector<std::pair<std::string, std::string>> m_initialParams;
    RowHistory m_history;
    Summary m_summary; // metrics part, kept up to date row by row
    FiniteCheckpoint m_checkpoint;
    std::vector<ParamEvent> m_events; // the run's events, kept when a restore truncates the lab's
    bool m_eventsCaptured = false;
    int64_t m_modelStep = -1;
    int64_t m_stepsRun = 0;
    bool m_ended = true;
    bool m_stoppedEarly = false;
    bool m_diverged = false;
    bool m_interrupted = false;
    std::string m_divergedWhat;
};

} // namespace reglab
