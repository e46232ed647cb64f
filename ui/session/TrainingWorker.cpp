#include "session/TrainingWorker.h"

#include "labs/ExportableLab.h"
#include "run/Session.h"
#include "run/TwinColumns.h"
#include "run/TwinViews.h"

#include "session/ViewMailbox.h"

#include <QMetaObject>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>

TrainingWorker::TrainingWorker(std::unique_ptr<reglab::Lab> lab, LabFactory factory,
                               std::shared_ptr<ViewMailbox> mailbox, std::shared_ptr<std::atomic<bool>> stop)
    : m_lab(std::move(lab))
    , m_factory(std::move(factory))
    , m_mailbox(std::move(mailbox))
    , m_stop(std::move(stop))
    , m_batch(std::make_shared<MetricBatch>())
{
    // Children move to the worker thread together with the worker.
    m_chunkTimer = new QTimer(this);
    m_chunkTimer->setSingleShot(true);
    m_chunkTimer->setTimerType(Qt::PreciseTimer);
    connect(m_chunkTimer, &QTimer::timeout, this, [this] { runChunk(); });
    m_flushTimer = new QTimer(this);
    m_flushTimer->setSingleShot(true);
    connect(m_flushTimer, &QTimer::timeout, this, [this] { flush(true); });
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::start(quint64 runId)
{
    m_runId = runId;
    m_eventsSent = m_lab ? m_lab->events().size() : 0;
    m_checkpoint = m_lab ? m_lab->saveState() : nullptr;
    m_sinceCheckpoint.start();
    m_sinceBatch.start();
    m_sinceViews.start();
    m_rateClock.start();
    m_lastSentStep = m_lab ? m_lab->stepCount() : 0;
    if (m_lab)
        m_resetTexts = reglab::Session::paramTexts(*m_lab);
    publishViews(true);
}

bool TrainingWorker::canStep(const reglab::Lab& lab) const
{
    return !lab.finished() && (m_lastStep < 0 || lab.stepCount() < m_lastStep);
}

bool TrainingWorker::twinCanStep() const { return m_twin && !m_twinDiverged && canStep(*m_twin); }

bool TrainingWorker::refuseWhenFinished()
{
    if (!runOver())
        return false;
    // A finished run (early stopping fired, the lesson's last step) does not train on
    // silently: say how to go on.
    std::string why = m_lab->finishedMessage();
    if (m_lastStep >= 0 && m_lab->stepCount() >= m_lastStep)
        why = "The lesson ends at step " + std::to_string(m_lastStep) + "; Reset plays it again.";
    if (why.empty())
        why = "This run has finished; Reset starts it again.";
    emit errorOccurred(m_runId, QString::fromStdString(why));
    flush(true);
    return true;
}

void TrainingWorker::play(quint64 seq)
{
    m_commandSeq = seq;
    if (!m_lab || m_playing)
        return;
    if (refuseWhenFinished())
        return;
    m_playing = true;
    restartPace();
    m_rateClock.restart();
    m_rateSteps = 0;
    scheduleChunk(0);
    flush(true);
}

void TrainingWorker::pause(quint64 seq)
{
    m_commandSeq = seq;
    m_pendingSteps = 0;
    if (!m_playing)
        return;
    m_playing = false;
    m_rate = 0.0;
    flush(true);
    publishViews(true);
}

void TrainingWorker::stepN(int n)
{
    if (!m_lab || n <= 0 || refuseWhenFinished())
        return;
    m_pendingSteps += n;
    scheduleChunk(0);
}

void TrainingWorker::stepWith(const std::string& id, const reglab::ParamValue& value)
{
    if (!m_lab || !m_lab->findParam(id) || refuseWhenFinished())
        return;
    const reglab::ParamValue before = m_lab->value(id);
    setParam(id, value);
    doOneStep();
    setParam(id, before);
    flush(true);
    publishViews(true);
}

void TrainingWorker::setSpeed(double stepsPerSecond)
{
    m_speed = std::isfinite(stepsPerSecond) && stepsPerSecond > 0.0 ? stepsPerSecond : 0.0;
    restartPace();
    if (m_playing) {
        m_chunkTimer->stop();
        m_chunkScheduled = false;
        scheduleChunk(0);
    }
}

void TrainingWorker::setParam(const std::string& id, const reglab::ParamValue& value)
{
    if (!m_lab)
        return;
    std::string err;
    try {
        err = m_lab->set(id, value); // may load a file (a CSV data set)
    } catch (const std::exception& e) {
        err = std::string("cannot use this value: ") + e.what();
    }
    if (!err.empty() && m_lab->findParam(id))
        emit paramRejected(QString::fromStdString(id), m_lab->value(id), m_lab->asked(id), QString::fromStdString(err));
    else if (!err.empty())
        emit errorOccurred(m_runId, QString::fromStdString(err));
    if (err.empty())
        m_script.userSet(id); // the user's value from now on, kept by a reset
    // A change applies to both runs, unless the twin sets that param itself.
    if (err.empty() && m_twin && !m_twinSpec.twinOwns(id)) {
        m_twinScript.userSet(id);
        try {
            m_twin->set(id, value);
        } catch (const std::exception&) {
            // The main run took it; the twin keeps its value (it cannot differ in files).
        }
    }
    flush(false); // early stopping switched off: the run is not finished any more, Play says so
}

void TrainingWorker::applySchedule(reglab::Lab& lab, const std::vector<reglab::ParamChange>& schedule, size_t* next)
{
    // As in reglab run: a change "at STEP" goes in at the boundary after step STEP.
    for (; *next < schedule.size() && schedule[*next].step == lab.stepCount(); ++*next) {
        const std::string& id = schedule[*next].param;
        if (lab.setText(id, schedule[*next].value).empty() && &lab == m_lab.get() && m_batch)
            m_batch->scheduled.push_back({id, lab.value(id), lab.asked(id)});
    }
}

LabDescription TrainingWorker::describe() const
{
    LabDescription d = LabDescription::of(*m_lab, m_twin.get(), m_twinSpec.twinLabel());
    d.lessonId = m_lessonId;
    return d;
}

void TrainingWorker::beginClaim()
{
    m_claim.reset();
    m_verdictSent = false;
    if (!m_claimSpec)
        return;
    reglab::ClaimTracker t(*m_claimSpec);
    if (!t.begin("main", m_lab->metrics()).empty() || (m_twin && !t.begin("twin", m_twin->metrics()).empty()))
        return;
    t.add("main", m_lab->initialRow());
    if (m_twin)
        t.add("twin", m_twin->initialRow());
    m_claim = std::move(t);
}

void TrainingWorker::setTwin(quint64 runId, const std::vector<std::pair<std::string, std::string>>& sets)
{
    if (!m_lab)
        return;
    std::unique_ptr<reglab::Lab> twin;
    if (!sets.empty()) {
        twin = m_factory ? m_factory(m_lab->id()) : nullptr;
        if (!twin) {
            m_runId = runId;
            emit errorOccurred(runId, QStringLiteral("This lab cannot have a twin."));
            flush(true);
            return;
        }
        try {
            m_script.restore(*m_lab);
            for (const reglab::ParamSpec& p : m_lab->params()) // what the user asked: both reset from it
                twin->setText(p.id, p.toText(m_lab->asked(p.id)));
            for (const auto& [k, v] : sets) {
                if (std::string e = twin->setText(k, v); !e.empty())
                    throw std::invalid_argument(e);
            }
            m_twinScript.capture(twin.get(), m_twinSchedule);
            twin->reset(m_lab->seed());
            m_lab->reset(m_lab->seed()); // both from step 0: the same data, weights and order
        } catch (const std::exception& e) {
            m_runId = runId;
            emit errorOccurred(runId, QStringLiteral("The twin cannot start: %1").arg(QString::fromUtf8(e.what())));
            flush(true);
            return;
        }
    }
    m_twin = std::move(twin);
    m_twinSpec = reglab::RunPlan();
    m_twinSpec.twinSets = sets;
    m_nextChange = m_twinNextChange = 0;
    startRun(runId, false);
}

void TrainingWorker::openLesson(quint64 runId, const reglab::Lesson& lesson)
{
    install(runId, [&] { return RunSetup::fromLesson(lesson, m_factory); },
            QStringLiteral("Lesson %1").arg(QString::fromStdString(lesson.id)));
}

void TrainingWorker::openSession(quint64 runId, const std::shared_ptr<RunSetup>& setup)
{
    install(runId, [&] { return std::move(*setup); }, QStringLiteral("The session"));
}

void TrainingWorker::install(quint64 runId, const std::function<RunSetup()>& make, const QString& what)
{
    RunSetup setup;
    try {
        setup = make();
    } catch (const std::exception& e) {
        m_runId = runId;
        emit errorOccurred(runId, QStringLiteral("%1 cannot start: %2").arg(what, QString::fromUtf8(e.what())));
        flush(true);
        return;
    }
    m_lab = std::move(setup.lab);
    m_twin = std::move(setup.twin);
    m_twinSpec = setup.plan;
    m_lessonId = setup.lessonId;
    m_schedule = std::move(setup.schedule);
    m_twinSchedule = std::move(setup.twinSchedule);
    m_script.capture(setup.scripted ? m_lab.get() : nullptr, m_schedule);
    m_twinScript.capture(setup.scripted ? m_twin.get() : nullptr, m_twinSchedule);
    m_lastStep = setup.lastStep;
    m_claimSpec = setup.claim;
    m_playing = false;
    startRun(runId, true);
    sendHistory(setup.history);
    if (setup.replaySteps > 0) {
        m_pendingSteps = setup.replaySteps;
        scheduleChunk(0);
    }
}

void TrainingWorker::sendHistory(const std::vector<reglab::MetricRow>& rows)
{
    if (rows.empty())
        return;
    for (const reglab::MetricRow& row : rows) {
        if (row.step == 0)
            continue; // the GUI has the step-0 row already (LabDescription::initialRow)
        m_batch->rows.push_back(row);
        if (!m_claim)
            continue;
        auto [main, twin] = reglab::splitTwinRow(row, m_mainColumns);
        if (main)
            m_claim->add("main", *main);
        if (twin && m_twin)
            m_claim->add("twin", *twin);
    }
    flush(true);
}

reglab::Session TrainingWorker::snapshot(bool state) const
{
    reglab::Session s;
    if (!m_lab)
        return s;
    s.lab = m_lab->id();
    s.seed = m_lab->seed();
    s.steps = m_lab->stepCount();
    s.params = m_resetTexts;
    s.events = m_lab->events();
    if (m_twin) {
        s.twin = m_twinSpec.twinSets;
        s.twinAt = m_twinSpec.twinChanges;
    }
    s.lesson = m_lessonId;
    if (state) {
        s.stateMain = m_lab->stateBytes();
        if (m_twin)
            s.stateTwin = m_twin->stateBytes();
    }
    return s;
}

void TrainingWorker::reset(quint64 runId, uint64_t seed)
{
    if (!m_lab)
        return;
    try {
        m_script.restore(*m_lab);
        m_lab->reset(seed);
        if (m_twin) {
            m_twinScript.restore(*m_twin);
            m_twin->reset(seed);
        }
    } catch (const std::exception& e) {
        // The lab stays as it was (Lab::reset is transactional) and so does its run: it
        // continues under the new runId, which the GUI already expects.
        m_runId = runId;
        emit errorOccurred(runId, QStringLiteral("Reset failed: %1").arg(QString::fromUtf8(e.what())));
        flush(true);
        return;
    }
    startRun(runId, false);
}

void TrainingWorker::replaceLab(quint64 runId, const std::string& id, uint64_t seed,
                                const std::vector<std::pair<std::string, std::string>>& values)
{
    std::unique_ptr<reglab::Lab> lab = m_factory ? m_factory(id) : nullptr;
    // On failure the current lab keeps running under the new runId (the GUI expects it).
    if (!lab) {
        m_runId = runId;
        emit errorOccurred(runId, QStringLiteral("There is no lab called '%1'.").arg(QString::fromStdString(id)));
        flush(true);
        return;
    }
    try {
        // Saved values that no longer fit (a renamed choice, a narrowed range) are skipped.
        for (const auto& [param, text] : values)
            if (lab->findParam(param))
                lab->setText(param, text);
        lab->reset(seed);
    } catch (const std::exception& e) {
        m_runId = runId;
        emit errorOccurred(runId, QStringLiteral("Starting lab '%1' failed: %2")
                                      .arg(QString::fromStdString(id), QString::fromUtf8(e.what())));
        flush(true);
        return;
    }
    m_lab = std::move(lab);
    m_twin.reset(); // a new lab starts alone, outside any lesson
    m_twinSpec = reglab::RunPlan();
    m_lessonId.clear();
    m_schedule.clear();
    m_twinSchedule.clear();
    m_script.clear();
    m_twinScript.clear();
    m_lastStep = -1;
    m_claimSpec.reset();
    m_playing = false; // a new lab waits for Play
    startRun(runId, true);
}

void TrainingWorker::startRun(quint64 runId, bool labReplaced)
{
    // Rows and events of the previous run are dropped, not flushed: the GUI already
    // ignores that runId.
    m_runId = runId;
    m_pendingSteps = 0;
    m_batch = std::make_shared<MetricBatch>();
    m_eventsSent = m_lab->events().size();
    m_candidate.reset();
    m_checkpoint = m_lab->saveState(); // the untrained net is always a safe place to return to
    m_twinDiverged = false;
    m_twinEventsSent = m_twin ? m_twin->events().size() : 0;
    m_twinCandidate.reset();
    m_twinCheckpoint = m_twin ? m_twin->saveState() : nullptr;
    skipPastChanges(); // from 0, or from the step of a state put back
    // Metric columns are fixed until the next reset; counted once, not per row.
    m_resetTexts = reglab::Session::paramTexts(*m_lab);
    m_mainColumns = m_lab->metrics().size();
    m_twinColumns = m_twin ? m_twin->metrics().size() : 0;
    beginClaim();
    m_sinceCheckpoint.restart();
    m_rateSteps = 0;
    m_rateClock.restart();
    restartPace();
    emit runStarted(runId, describe(), labReplaced);
    flush(true);
    publishViews(true);
    if (m_playing)
        scheduleChunk(0);
}

void TrainingWorker::rollback(quint64 runId)
{
    if (!m_lab)
        return;
    if (!m_checkpoint) {
        emit errorOccurred(runId, QStringLiteral("There is no finite checkpoint to roll back to."));
        return;
    }
    m_lab->restoreState(*m_checkpoint);
    if (m_twin && m_twinCheckpoint) {
        m_twin->restoreState(*m_twinCheckpoint);
        m_twinDiverged = false;
        m_twinEventsSent = m_twin->events().size();
    }
    // The schedule goes on from the restored step; the claim judges whole runs only.
    skipPastChanges();
    m_claim.reset();
    m_runId = runId;
    m_playing = false;
    m_pendingSteps = 0;
    m_batch = std::make_shared<MetricBatch>();
    m_eventsSent = m_lab->events().size();
    m_candidate.reset();
    m_sinceCheckpoint.restart();
    emit rolledBack(runId, describe());
    flush(true);
    publishViews(true);
}

void TrainingWorker::skipPastChanges()
{
    auto skip = [](const reglab::Lab& lab, const std::vector<reglab::ParamChange>& s, size_t* next) {
        *next = 0;
        while (*next < s.size() && s[*next].step < lab.stepCount())
            ++*next;
    };
    skip(*m_lab, m_schedule, &m_nextChange);
    if (m_twin)
        skip(*m_twin, m_twinSchedule, &m_twinNextChange);
}

void TrainingWorker::restartPace()
{
    m_paceClock.restart();
    m_paceSteps = 0;
}

void TrainingWorker::scheduleChunk(int delayMs)
{
    if (m_chunkScheduled || stopping())
        return;
    m_chunkScheduled = true;
    if (delayMs <= 0)
        QMetaObject::invokeMethod(this, [this] { runChunk(); }, Qt::QueuedConnection);
    else
        m_chunkTimer->start(delayMs);
}

void TrainingWorker::runChunk()
{
    m_chunkScheduled = false;
    if (!m_lab || stopping())
        return;
    const bool stepping = m_pendingSteps > 0;
    if (!m_playing && !stepping)
        return;

    QElapsedTimer budget;
    budget.start();
    int nextDelayMs = 0;
    bool keepGoing = true;
    while (keepGoing && !stopping()) {
        if (!m_playing && m_pendingSteps <= 0)
            break;
        if (m_playing && m_pendingSteps <= 0 && m_speed > 0.0) {
            // Paced: run the steps that are due, then sleep on a timer until the next one.
            const double elapsed = m_paceClock.nsecsElapsed() * 1e-9;
            int64_t due = int64_t(std::floor(elapsed * m_speed)) + 1 - m_paceSteps;
            if (due > std::max<int64_t>(2, int64_t(m_speed * 0.25))) {
                // Far behind (steps slower than the pace): forget the debt instead of racing.
                restartPace();
                due = 1;
            }
            if (due <= 0) {
                const double nextAt = double(m_paceSteps) / m_speed; // seconds since pace start
                nextDelayMs = std::max(1, int(std::ceil((nextAt - elapsed) * 1000.0)));
                break;
            }
        }
        keepGoing = doOneStep();
        if (m_pendingSteps > 0 && --m_pendingSteps == 0 && !m_playing) {
            flush(true);
            publishViews(true);
            break;
        }
        if (budget.elapsed() >= kChunkBudgetMs)
            break;
    }
    if (stopping())
        return;
    flush(false);
    publishViews(false);
    if (keepGoing && (m_playing || m_pendingSteps > 0))
        scheduleChunk(m_pendingSteps > 0 ? 0 : nextDelayMs);
}

bool TrainingWorker::stepTwin(reglab::StepResult* r)
{
    applySchedule(*m_twin, m_twinSchedule, &m_twinNextChange);
    if (!m_twinCandidate && m_candidate)
        m_twinCandidate = m_twin->saveState(); // checkpoints of both runs at the same step
    *r = m_twin->step();
    const auto& events = m_twin->events();
    for (; m_twinEventsSent < events.size(); ++m_twinEventsSent) {
        // Changes of the twin's own (its schedule) are marked; shared ones already are.
        if (m_twinSpec.twinOwns(events[m_twinEventsSent].param)) {
            reglab::ParamEvent e = events[m_twinEventsSent];
            e.label = "twin: " + e.label;
            m_batch->events.push_back(e);
        }
    }
    if (r->nonFinite) {
        // The twin stops there; the main run goes on.
        m_twinDiverged = true;
        m_twinCandidate.reset();
        emit errorOccurred(m_runId, QStringLiteral("The twin stopped: %1").arg(QString::fromStdString(r->nonFiniteWhat)));
        return false;
    }
    return true;
}

bool TrainingWorker::doOneStep()
{
    const bool mainSteps = canStep(*m_lab);
    const bool twinSteps = twinCanStep();
    if (!mainSteps && !twinSteps) {
        m_playing = false;
        m_pendingSteps = 0;
        flush(true);
        return false;
    }
    // A candidate checkpoint is taken before the step; it is promoted only if this step's
    // loss (computed from exactly that state) is finite.
    const bool checkpointDue = m_lab->stepCount() - (m_checkpoint ? m_checkpoint->step : 0) >= kCheckpointSteps
        || m_sinceCheckpoint.elapsed() >= kCheckpointIntervalMs;
    if (mainSteps && checkpointDue && !m_candidate)
        m_candidate = m_lab->saveState();

    reglab::StepResult r, tr;
    try {
        if (mainSteps) {
            applySchedule(*m_lab, m_schedule, &m_nextChange);
            r = m_lab->step();
        }
        if (twinSteps && stepTwin(&tr) && m_twinCandidate) {
            m_twinCheckpoint = std::move(m_twinCandidate);
        }
    } catch (const std::exception& e) {
        m_playing = false;
        m_pendingSteps = 0;
        flush(true);
        emit errorOccurred(m_runId, QStringLiteral("Step %1 failed: %2").arg(m_lab->stepCount()).arg(QString::fromUtf8(e.what())));
        return false;
    }
    ++m_paceSteps;
    ++m_rateSteps;
    if (m_claim) {
        if (r.logged)
            m_claim->add("main", r.row);
        if (tr.logged)
            m_claim->add("twin", tr.row);
    }
    if (m_twin && (r.logged || tr.logged)) {
        const int64_t step = r.logged ? r.row.step : tr.row.step;
        m_batch->rows.push_back(reglab::mergeTwinRows(step, r.logged ? &r.row : nullptr, m_mainColumns,
                                                          tr.logged ? &tr.row : nullptr, m_twinColumns));
    } else if (r.logged) {
        m_batch->rows.push_back(std::move(r.row));
    }
    const auto& events = m_lab->events();
    for (; m_eventsSent < events.size(); ++m_eventsSent) {
        // A change the lab made itself (a task switch) is shown in the panel, as a schedule's is.
        if (const std::string& id = events[m_eventsSent].param; events[m_eventsSent].byLab)
            m_batch->scheduled.push_back({id, m_lab->value(id), m_lab->asked(id)});
        m_batch->events.push_back(events[m_eventsSent]);
    }

    if (m_rateClock.elapsed() >= 500) {
        m_rate = m_rateSteps * 1000.0 / double(m_rateClock.elapsed());
        m_rateSteps = 0;
        m_rateClock.restart();
    }

    if (r.nonFinite) {
        m_playing = false;
        m_pendingSteps = 0;
        m_candidate.reset();
        m_rate = 0.0;
        flush(true);
        publishViews(true);
        const qint64 back = m_checkpoint ? qint64(m_checkpoint->step) : -1;
        QString what = QString::fromStdString(r.nonFiniteWhat);
        if (what.isEmpty())
            what = QStringLiteral("the loss became NaN or infinite at step %1").arg(m_lab->stepCount());
        emit diverged(m_runId, what, qint64(m_lab->stepCount()), back);
        return false;
    }
    if (m_candidate) {
        m_checkpoint = std::move(m_candidate);
        m_sinceCheckpoint.restart();
    }
    if (runOver()) {
        if (m_claim && !m_verdictSent) {
            m_batch->verdict = m_claim->verdict().dump(false);
            m_verdictSent = true;
        }
        m_playing = false;
        m_pendingSteps = 0;
        m_rate = 0.0;
        flush(true);
        publishViews(true);
        return false;
    }
    return true;
}

void TrainingWorker::flush(bool force)
{
    if (!m_lab)
        return;
    const int64_t step = m_lab->stepCount();
    const bool changed = !m_batch->rows.empty() || !m_batch->events.empty() || step != m_lastSentStep
        || m_playing != m_lastSentPlaying || m_rate != m_lastSentRate || runOver() != m_lastSentFinished
        || m_commandSeq != m_lastSentSeq; // the GUI waits for the answer to each play/pause
    if (!changed)
        return;
    if (!force && m_sinceBatch.isValid() && m_sinceBatch.elapsed() < kBatchIntervalMs) {
        // Too soon: send what is waiting when the interval is over, even if no step runs.
        if (!m_flushTimer->isActive())
            m_flushTimer->start(int(kBatchIntervalMs - m_sinceBatch.elapsed()) + 1);
        return;
    }
    m_flushTimer->stop();
    m_batch->runId = m_runId;
    m_batch->step = step;
    m_batch->playing = m_playing;
    m_batch->stepsPerSecond = m_playing ? m_rate : 0.0;
    m_batch->finished = runOver();
    m_lastSentFinished = m_batch->finished;
    if (const auto* e = dynamic_cast<const reglab::ExportableLab*>(m_lab.get()); e && m_batch->finished)
        m_batch->bestStep = e->earlyStopBestStep();
    m_batch->commandSeq = m_commandSeq;
    m_batch->sentAtMs = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now().time_since_epoch()).count();
    m_batch->forced = force && m_sinceBatch.isValid() && m_sinceBatch.elapsed() < kBatchIntervalMs;
    m_lastSentStep = step;
    m_lastSentPlaying = m_playing;
    m_lastSentSeq = m_commandSeq;
    m_lastSentRate = m_rate;
    MetricBatchPtr out = std::move(m_batch);
    m_batch = std::make_shared<MetricBatch>();
    m_sinceBatch.restart();
    emit metricsReady(out);
}

reglab::LabViews TrainingWorker::viewsOfBoth() const
{
    if (!m_twin)
        return m_lab->views();
    return reglab::withTwinViews(m_lab->views(), m_twin->views(), m_twinSpec.twinLabel());
}

void TrainingWorker::publishViews(bool force)
{
    if (!m_lab)
        return;
    if (!force && (!m_viewPacer.due(double(m_sinceViews.elapsed())) || m_lab->stepCount() == m_viewsStep))
        return;
    reglab::LabViews views;
    QElapsedTimer cost;
    cost.start();
    try {
        views = viewsOfBoth();
    } catch (const std::exception& e) {
        emit errorOccurred(m_runId, QStringLiteral("Drawing the views failed: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    m_viewPacer.drawn(cost.nsecsElapsed() * 1e-6);
    views.step = m_lab->stepCount();
    m_viewsStep = views.step;
    m_sinceViews.restart();
    if (m_mailbox->put(m_runId, std::move(views)))
        emit viewsReady();
}
