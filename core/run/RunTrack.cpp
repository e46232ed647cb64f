#include "run/RunTrack.h"
#include "MessageText.h"

#include "labs/ExportableLab.h"

#include <algorithm>
#include <stdexcept>

namespace reglab {

RunTrack::RunTrack(std::unique_ptr<Lab> lab) : m_lab(std::move(lab))
{
    if (!m_lab)
        throw std::invalid_argument("a run needs a lab");
}

namespace {
std::string unknownParam(const Lab& lab, const std::string& id)
{
    return "unknown parameter '" + shownValue(id) + "' for lab '" + lab.id() + "' (see: reglab describe " + lab.id()
        + ")";
}
} // namespace

std::string RunTrack::validateSets(const std::vector<std::pair<std::string, std::string>>& sets,
                                   const std::string& what) const
{
    for (const auto& [id, text] : sets) {
        const std::string where = what + " " + shownValue(id) + "=" + shownValue(text);
        const ParamSpec* spec = m_lab->findParam(id);
        if (!spec)
            return where + ": " + unknownParam(*m_lab, id);
        std::string err;
        if (!spec->parse(text, &err))
            return where + ": " + err;
    }
    return {};
}

std::string RunTrack::validateChanges(const std::vector<ParamChange>& changes, int64_t steps,
                                      const std::string& what) const
{
    for (const ParamChange& c : changes) {
        const std::string where = what + " " + std::to_string(c.step) + ":" + shownValue(c.param) + "=" + shownValue(c.value);
        const ParamSpec* spec = m_lab->findParam(c.param);
        if (!spec)
            return where + ": " + unknownParam(*m_lab, c.param);
        if (!spec->live)
            return where + ": '" + c.param + "' cannot change during a run (it rebuilds the model); set it before the "
                + "run instead (--set " + c.param + "=" + shownValue(c.value) + ")";
        std::string err;
        if (!spec->parse(c.value, &err))
            return where + ": " + err;
        if (c.step < 0)
            return where + ": the step must be >= 0";
        if (c.step >= steps)
            return where + ": step " + std::to_string(c.step) + " is not inside the run (it has " + std::to_string(steps)
                + " steps, so STEP must be below " + std::to_string(steps) + ")";
    }
    return {};
}

std::string RunTrack::prepare(const RunPlan& plan)
{
    for (const auto& [id, text] : plan.sets)
        if (std::string err = m_lab->setText(id, text); !err.empty())
            return "--set " + id + "=" + shownValue(text) + ": " + err; // the lab's own checks (Lab::checkValue)
    // Let the lab's own checks see every change now, not in the middle of the run: set it
    // and put the old value back (reset() below starts from the requested values anyway).
    for (const ParamChange& c : plan.changes) {
        const ParamValue old = m_lab->value(c.param);
        if (std::string err = m_lab->setText(c.param, c.value); !err.empty())
            return "--at " + std::to_string(c.step) + ":" + c.param + "=" + shownValue(c.value) + ": " + err;
        m_lab->set(c.param, old);
    }
    m_plan = plan;
    m_changes = plan.changes;
    std::stable_sort(m_changes.begin(), m_changes.end(),
                     [](const ParamChange& a, const ParamChange& b) { return a.step < b.step; });
    m_nextChange = 0;
    try {
        m_lab->reset(plan.seed);
    } catch (const std::exception& e) { // params the lab cannot build from (e.g. no CSV file chosen)
        return e.what();
    }
    m_initialParams = Session::paramTexts(*m_lab);
    m_history.clear();
    m_summary.begin(m_lab->metrics());
    m_checkpoint.reset(*m_lab);
    m_events.clear();
    m_eventsCaptured = false;
    m_modelStep = -1;
    m_stepsRun = 0;
    m_stoppedEarly = m_diverged = m_interrupted = false;
    m_divergedWhat.clear();
    record(m_lab->initialRow(), nullptr);
    m_ended = plan.steps == 0;
    if (!m_lab->initialLossFinite()) {
        // Nothing to train from: say so at step 0 rather than at a first update.
        m_diverged = true;
        m_divergedWhat = m_lab->nonFiniteAtResetText();
        m_ended = true;
    }
    return {};
}

void RunTrack::resume(const std::string& state, const std::vector<ParamEvent>& events,
                      const std::vector<MetricRow>& rows)
{
    m_lab->restoreStateBytes(state, events);
    while (m_nextChange < m_changes.size() && m_changes[m_nextChange].step < m_lab->stepCount())
        ++m_nextChange; // in the state already
    m_checkpoint.reset(*m_lab);
    for (const MetricRow& r : rows)
        record(r, nullptr);
    m_stepsRun = m_lab->stepCount();
    m_ended = m_stepsRun >= m_plan.steps || m_lab->finished();
    m_stoppedEarly = m_lab->finished();
}

void RunTrack::record(const MetricRow& row, std::vector<MetricRow>* rows)
{
    m_history.add(row);
    m_summary.add(row);
    if (rows)
        rows->push_back(row);
}

void RunTrack::advance(int64_t count, std::vector<MetricRow>* rows, const std::atomic<bool>* stop)
{
    for (int64_t k = 0; k < count && !m_ended; ++k) {
        if (stop && stop->load(std::memory_order_relaxed)) {
            m_interrupted = m_ended = true;
            return;
        }
        // Changes "at STEP" go in at the boundary after step STEP, i.e. now when s == STEP;
        // the lab applies them at the start of its next step() and logs the event there.
        const int64_t s = m_lab->stepCount();
        for (; m_nextChange < m_changes.size() && m_changes[m_nextChange].step == s; ++m_nextChange)
            m_lab->setText(m_changes[m_nextChange].param, m_changes[m_nextChange].value);
        m_checkpoint.beforeStep(*m_lab);
        const StepResult r = m_lab->step();
        m_checkpoint.afterStep(!r.nonFinite);
        m_stepsRun = m_lab->stepCount();
        if (r.logged)
            record(r.row, rows);
        if (r.nonFinite) {
            m_diverged = m_ended = true;
            m_divergedWhat = r.nonFiniteWhat;
        } else if (m_lab->finished()) {
            m_stoppedEarly = m_ended = true; // early stopping fired, on the last step too
        } else if (m_stepsRun >= m_plan.steps) {
            m_ended = true;
        }
    }
}

int64_t RunTrack::restoreLastFinite()
{
    if (!m_eventsCaptured) {
        m_events = m_lab->events();
        m_eventsCaptured = true;
    }
    const LabState* last = m_checkpoint.last();
    if (!last)
        return -1;
    m_lab->restoreState(*last);
    m_modelStep = last->step;
    return m_modelStep;
}

Session RunTrack::session() const
{
    Session s;
    s.lab = m_lab->id();
    s.seed = m_plan.seed;
    s.steps = m_stepsRun;
    s.params = m_initialParams;
    s.events = m_eventsCaptured ? m_events : m_lab->events();
    return s;
}

Summary RunTrack::summary() const
{
    Summary s;
    s.lab = m_lab->id();
    s.seed = m_plan.seed;
    s.stepsRequested = m_plan.steps;
    s.stepsRun = m_stepsRun;
    s.stoppedEarly = m_stoppedEarly;
    s.diverged = m_diverged;
    s.divergedWhat = m_divergedWhat;
    if (const auto* ex = dynamic_cast<const ExportableLab*>(m_lab.get()))
        s.earlyStopBestStep = ex->earlyStopBestStep();
    s.modelStep = m_modelStep;
    s.metrics = m_summary.metrics;
    return s;
}

} // namespace reglab
