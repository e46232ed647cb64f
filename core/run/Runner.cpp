#include "run/Runner.h"
#include "MessageText.h"

#include "labs/ExportableLab.h"

#include <algorithm>
#include <stdexcept>

namespace reglab {

Runner::Runner(std::unique_ptr<Lab> lab) : m_lab(std::move(lab))
{
    if (!m_lab)
        throw std::invalid_argument("Runner needs a lab");
}

std::string Runner::validate(const RunPlan& plan) const
{
    const std::string labId = m_lab->id();
    auto unknown = [&](const std::string& id) {
        return "unknown parameter '" + shownValue(id) + "' for lab '" + labId + "' (see: reglab describe " + labId + ")";
    };
    if (plan.steps < 0)
        return "the number of steps must be >= 0";
    if (plan.seed > RunPlan::kMaxSeed)
        return "the seed must be a whole number in [0, 2^53]";
    for (const auto& [id, text] : plan.sets) {
        const std::string what = "--set " + shownValue(id) + "=" + shownValue(text);
        const ParamSpec* spec = m_lab->findParam(id);
        if (!spec)
            return what + ": " + unknown(id);
        std::string err;
        if (!spec->parse(text, &err))
            return what + ": " + err;
    }
    for (const ParamChange& c : plan.changes) {
        const std::string what = "--at " + std::to_string(c.step) + ":" + shownValue(c.param) + "=" + shownValue(c.value);
        const ParamSpec* spec = m_lab->findParam(c.param);
        if (!spec)
            return what + ": " + unknown(c.param);
        if (!spec->live)
            return what + ": '" + c.param + "' cannot change during a run (it rebuilds the model); use --set "
                + c.param + "=" + shownValue(c.value) + " instead";
        std::string err;
        if (!spec->parse(c.value, &err))
            return what + ": " + err;
        if (c.step < 0)
            return what + ": the step must be >= 0";
        if (c.step >= plan.steps)
            return what + ": step " + std::to_string(c.step) + " is not inside the run (it has "
                + std::to_string(plan.steps) + " steps, so STEP must be below " + std::to_string(plan.steps) + ")";
    }
    return {};
}

std::string Runner::prepare(const RunPlan& plan)
{
    if (std::string err = validate(plan); !err.empty())
        return err;
    for (const auto& [id, text] : plan.sets)
        if (std::string err = m_lab->setText(id, text); !err.empty())
            return "--set " + id + "=" + shownValue(text) + ": " + err; // the lab's own checks (Lab::checkValue)
    // Let the lab's own checks see every --at value now, not in the middle of the run: set
    // it and put the old value back (reset() below starts from the requested values anyway).
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
    m_streamed = false;
    m_csvError.clear();
    record(m_lab->initialRow());
    m_stepsRun = 0;
    m_stoppedEarly = m_diverged = m_interrupted = false;
    m_divergedWhat.clear();
    m_prepared = true;
    return {};
}

std::string Runner::streamMetricsTo(const std::string& path)
{
    if (!m_prepared)
        throw std::logic_error("Runner::streamMetricsTo() before a successful prepare()");
    if (std::string err = m_csv.open(path, m_lab->metrics()); !err.empty())
        return err;
    m_streamed = true;
    for (const MetricRow& row : m_history.rows()) // the step-0 row
        m_csv.write(row);
    return {};
}

void Runner::record(const MetricRow& row)
{
    m_history.add(row);
    m_summary.add(row);
    m_csv.write(row);
}

int64_t Runner::restoreLastFinite()
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

void Runner::run(const RowCallback& onRow, const std::atomic<bool>* stop)
{
    if (!m_prepared)
        throw std::logic_error("Runner::run() before a successful prepare()");
    m_prepared = false; // one run per prepare
    struct CloseCsv { // however the run ends, metrics.csv is complete and closed
        Runner* r;
        ~CloseCsv() { r->m_csvError = r->m_csv.close(); }
    } closeCsv{this};
    if (!m_lab->initialLossFinite()) {
        // Nothing to train from: say so at step 0 rather than at a first update.
        m_diverged = true;
        m_divergedWhat = m_lab->nonFiniteAtResetText();
        return;
    }
    size_t next = 0;
    for (int64_t s = 0; s < m_plan.steps; ++s) {
        if (stop && stop->load(std::memory_order_relaxed)) {
            m_interrupted = true;
            return;
        }
        // Changes "at STEP" go in at the boundary after step STEP, i.e. now when s == STEP;
        // the lab applies them at the start of its next step() and logs the event there.
        for (; next < m_changes.size() && m_changes[next].step == s; ++next)
            m_lab->setText(m_changes[next].param, m_changes[next].value);
        m_checkpoint.beforeStep(*m_lab);
        const StepResult r = m_lab->step();
        m_checkpoint.afterStep(!r.nonFinite);
        m_stepsRun = m_lab->stepCount();
        if (r.logged) {
            record(r.row);
            if (onRow)
                onRow(r.row);
        }
        if (r.nonFinite) {
            m_diverged = true;
            m_divergedWhat = r.nonFiniteWhat;
            return;
        }
        if (m_lab->finished()) {
            m_stoppedEarly = true; // early stopping fired, on the last step too
            return;
        }
    }
}

Session Runner::session() const
{
    Session s;
    s.lab = m_lab->id();
    s.seed = m_plan.seed;
    s.steps = m_stepsRun;
    s.params = m_initialParams;
    s.events = m_eventsCaptured ? m_events : m_lab->events();
    return s;
}

Summary Runner::summary() const
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
