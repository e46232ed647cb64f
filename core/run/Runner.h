#pragma once
// The headless runner behind `reglab run` and `reglab shot`: takes a lab, checks a whole
// RunPlan against its ParamSpecs before anything trains, applies --set values, resets
// with the seed and steps, applying each --at change at the boundary after its step.
// It keeps the initial row and every logged row, and stops early when the lab says it
// is finished or the loss stops being finite.
#include "labs/Lab.h"
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

    // Called after every logged row (for progress output).
    using RowCallback = std::function<void(const MetricRow& row)>;
    // Trains up to plan.steps steps. Call after a successful prepare(). When *stop turns
    // true (e.g. set by a SIGINT handler) the run ends before the next step.
    void run(const RowCallback& onRow = {}, const std::atomic<bool>* stop = nullptr);

    Lab& lab() { return *m_lab; }
    const Lab& lab() const { return *m_lab; }
    std::unique_ptr<Lab> takeLab() { return std::move(m_lab); }

    const RunPlan& plan() const { return m_plan; }
    // Initial row (step 0) first, then every logged row.
    const std::vector<MetricRow>& rows() const { return m_rows; }
    int64_t stepsRun() const { return m_stepsRun; }
    bool stoppedEarly() const { return m_stoppedEarly; }
    bool diverged() const { return m_diverged; }
    bool interrupted() const { return m_interrupted; }
    const std::string& divergedWhat() const { return m_divergedWhat; }

    // The session file of this run: params at reset, seed, the event log, steps run.
    Session session() const;
    // summary.json of this run.
    Summary summary() const;

private:
    std::unique_ptr<Lab> m_lab;
    RunPlan m_plan;
    std::vector<ParamChange> m_changes; // sorted by step (stable)
    std::vector<std::pair<std::string, std::string>> m_initialParams;
    std::vector<MetricRow> m_rows;
    int64_t m_stepsRun = 0;
    bool m_prepared = false;
    bool m_stoppedEarly = false;
    bool m_diverged = false;
    bool m_interrupted = false;
    std::string m_divergedWhat;
};

} // namespace reglab
