#include "run/Runner.h"
#include "run/MetricHistory.h"

#include "Parallel.h"
#include "labs/LabRegistry.h"
#include "run/TwinColumns.h"

#include <exception>
#include <stdexcept>
#include <thread>

namespace reglab {

namespace {
// Steps per lock-step chunk: long enough that handing the twin to its thread costs little
// (a thread start is ~30 us, a toy step ~10 us), short enough to merge rows in small batches.
constexpr int64_t kChunkSteps = 256;
} // namespace

Runner::Runner(std::unique_ptr<Lab> lab, std::unique_ptr<Lab> twinLab)
    : m_main(std::move(lab)), m_twinLab(std::move(twinLab))
{
}

std::string Runner::validate(const RunPlan& plan) const
{
    if (plan.steps < 0)
        return "the number of steps must be >= 0";
    if (plan.seed > RunPlan::kMaxSeed)
        return "the seed must be a whole number in [0, 2^53]";
    if (auto e = m_main.validateSets(plan.sets, "--set"); !e.empty())
        return e;
    if (auto e = m_main.validateChanges(plan.changes, plan.steps, "--at"); !e.empty())
        return e;
    if (auto e = m_main.validateSets(plan.twinSets, "--twin"); !e.empty())
        return e;
    return m_main.validateChanges(plan.twinChanges, plan.steps, "--twin-at");
}

std::string Runner::prepare(const RunPlan& plan)
{
    if (std::string err = validate(plan); !err.empty())
        return err;
    m_prepared = false;
    m_claim.reset();
    m_twin.reset();
    if (std::string err = m_main.prepare(plan); !err.empty())
        return err;
    if (plan.hasTwin()) {
        std::unique_ptr<Lab> lab = m_twinLab ? std::move(m_twinLab) : createLab(m_main.lab().id());
        if (!lab)
            return "the lab '" + m_main.lab().id() + "' cannot have a twin";
        m_twin = std::make_unique<RunTrack>(std::move(lab));
        if (std::string err = m_twin->prepare(plan.twinPlan()); !err.empty())
            return "the twin: " + err;
    }
    m_plan = plan;
    m_streamed = false;
    m_csvError.clear();
    m_interrupted = false;
    m_prepared = true;
    return {};
}

std::string Runner::resume(const Session& session)
{
    if (!m_prepared)
        throw std::logic_error("Runner::resume() before a successful prepare()");
    if (!session.hasState())
        return "the session has no saved training state";
    if (session.stateTwin.empty() != !m_twin)
        return "the session's saved training state does not match its twin";
    std::string err;
    const std::vector<MetricSpec> columns = chartMetrics();
    const int64_t last = std::max(session.steps, m_plan.steps);
    const auto rows = parseMetricHistory(session.history, columns, last, &err);
    if (!rows)
        return err;
    m_resumedMain.clear();
    m_resumedTwin.clear();
    for (const MetricRow& row : *rows) {
        if (row.step == 0)
            continue; // prepare() measured it
        auto [main, twin] = splitTwinRow(row, m_main.lab().metrics().size());
        if (main)
            m_resumedMain.push_back(std::move(*main));
        if (twin && m_twin)
            m_resumedTwin.push_back(std::move(*twin));
    }
    try {
        m_main.resume(session.stateMain, session.events, m_resumedMain);
        if (m_twin)
            m_twin->resume(session.stateTwin, {}, m_resumedTwin);
    } catch (const std::exception& e) {
        return e.what();
    }
    if (m_main.lab().stepCount() != session.steps)
        return "the saved training state is at step " + std::to_string(m_main.lab().stepCount())
            + ", the session at step " + std::to_string(session.steps);
    return {};
}

std::string Runner::judge(const Claim& claim)
{
    if (!m_prepared)
        throw std::logic_error("Runner::judge() before a successful prepare()");
    if (claim.usesTwin() && !m_twin)
        return "the claim compares with the twin, but the run has none";
    ClaimTracker tracker(claim);
    if (auto e = tracker.begin("main", m_main.lab().metrics()); !e.empty())
        return e;
    if (m_twin)
        if (auto e = tracker.begin("twin", m_twin->lab().metrics()); !e.empty())
            return e;
    tracker.add("main", m_main.lab().initialRow());
    if (m_twin)
        tracker.add("twin", m_twin->lab().initialRow());
    m_claim = std::move(tracker);
    return {};
}

std::string Runner::streamMetricsTo(const std::string& path)
{
    if (!m_prepared)
        throw std::logic_error("Runner::streamMetricsTo() before a successful prepare()");
    std::vector<MetricSpec> twinMetrics;
    if (m_twin)
        twinMetrics = m_twin->lab().metrics();
    if (std::string err = m_csv.open(path, m_main.lab().metrics(), m_twin ? &twinMetrics : nullptr); !err.empty())
        return err;
    m_streamed = true;
    if (m_twin)
        m_csv.writePair(0, &m_main.lab().initialRow(), &m_twin->lab().initialRow());
    else
        m_csv.write(m_main.lab().initialRow());
    return {};
}

void Runner::write(const std::vector<MetricRow>& mainRows, const std::vector<MetricRow>& twinRows)
{
    if (m_claim) {
        for (const MetricRow& r : mainRows)
            m_claim->add("main", r);
        for (const MetricRow& r : twinRows)
            m_claim->add("twin", r);
    }
    if (!m_twin) {
        for (const MetricRow& r : mainRows)
            m_csv.write(r);
        return;
    }
    forEachTwinStep(mainRows, twinRows, [this](int64_t step, const MetricRow* a, const MetricRow* b) {
        m_csv.writePair(step, a, b);
    });
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
    write(m_resumedMain, m_resumedTwin); // a resumed session's rows come first
    m_resumedMain.clear();
    m_resumedTwin.clear();
    std::vector<MetricRow> mainRows, twinRows;
    // Alone, a run goes step by step, so each row is written and reported when it is made.
    const int64_t chunk = m_twin ? kChunkSteps : 1;
    while (!m_main.ended() || (m_twin && !m_twin->ended())) {
        mainRows.clear();
        twinRows.clear();
        const bool both = m_twin && !m_main.ended() && !m_twin->ended();
        const int threads = numThreads();
        if (both && threads >= 2) {
            // Each run gets half the threads; results do not depend on the count.
            std::exception_ptr twinFailure;
            std::thread t([&] {
                try {
                    ThreadShare share(threads - threads / 2);
                    m_twin->advance(chunk, &twinRows, stop);
                } catch (...) {
                    twinFailure = std::current_exception();
                }
            });
            try {
                ThreadShare share(threads / 2);
                m_main.advance(chunk, &mainRows, stop);
            } catch (...) {
                t.join();
                throw;
            }
            t.join();
            if (twinFailure)
                std::rethrow_exception(twinFailure);
        } else {
            m_main.advance(chunk, &mainRows, stop);
            if (m_twin)
                m_twin->advance(chunk, &twinRows, stop);
        }
        write(mainRows, twinRows);
        if (onRow)
            for (const MetricRow& r : mainRows)
                onRow(r);
        if (m_main.interrupted() || (m_twin && m_twin->interrupted())) {
            m_interrupted = true;
            return;
        }
    }
}

std::vector<MetricSpec> Runner::chartMetrics() const
{
    if (!m_twin)
        return m_main.lab().metrics();
    return twinColumns(m_main.lab().metrics(), m_twin->lab().metrics(), m_plan.twinLabel());
}

std::vector<MetricRow> Runner::chartRows() const
{
    if (!m_twin)
        return rows();
    return mergeTwinHistories(rows(), m_main.lab().metrics().size(), m_twin->history().rows(),
                              m_twin->lab().metrics().size());
}

Json Runner::sessionJson(const std::string& history) const
{
    Session s = m_main.session();
    if (m_twin) {
        s.twin = m_plan.twinSets;
        s.twinAt = m_plan.twinChanges;
    }
    if (keepsState()) {
        s.stateMain = m_main.lab().stateBytes();
        if (m_twin)
            s.stateTwin = m_twin->lab().stateBytes();
        s.history = history;
    }
    Json j = s.toJson();
    if (m_twin) {
        Json twin = *j.find("twin");
        twin.set("session", m_twin->session().toJson()); // its own events and steps, for readers
        j.set("twin", std::move(twin));
    }
    return j;
}

Json Runner::summaryJson() const
{
    Json j = m_main.summary().toJson();
    if (m_twin) {
        Json t = m_twin->summary().toJson();
        Json twin = Json::object();
        twin.set("label", m_plan.twinLabel());
        twin.set("params", Json::textObject(m_plan.twinSets));
        for (const auto& [key, value] : t.members())
            if (key != "lab" && key != "seed")
                twin.set(key, value);
        j.set("twin", std::move(twin));
    }
    if (m_claim)
        j.set("claim", m_claim->verdict());
    return j;
}

} // namespace reglab
