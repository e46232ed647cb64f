#pragma once
// Lives in the training thread and owns the lab (DESIGN section 5). Every public slot is
// called by TrainingSession through a queued invokeMethod, so commands are applied in order
// between chunks of steps, never in the middle of one.
//
// Stepping: runChunk() runs steps for ~10 ms (or as many as the pace allows), then posts
// itself again. Results leave in two lanes: metric rows + events (metricsReady, at most
// ~30 times a second) and views (ViewMailbox, at most 5 times a second).
#include "lessons/ClaimTracker.h"
#include "lessons/Lesson.h"
#include "session/RunSetup.h"
#include "session/ScriptStart.h"
#include "session/SessionData.h"
#include "session/ViewPacer.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

class QTimer;
class ViewMailbox;

using LabFactory = std::function<std::unique_ptr<reglab::Lab>(const std::string& id)>;

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    // Tuning knobs (public so tests can see what they rely on).
    static constexpr int kChunkBudgetMs = 10;     // steps per chunk before the event loop runs
    static constexpr int kBatchIntervalMs = 25;   // metric batches: at most 40 a second, so the
                                                  // charts (refreshed as often) show new data 30+ times
    static constexpr int kViewIntervalMs = int(ViewPacer::kMinIntervalMs); // views: at most 5 per second
    static constexpr int kCheckpointIntervalMs = 500;
    static constexpr int64_t kCheckpointSteps = 1000;

    // `lab` must already be reset (ready to step). `stop` is set by the GUI thread directly
    // (not a slot: the event loop is busy inside a chunk when it matters).
    TrainingWorker(std::unique_ptr<reglab::Lab> lab, LabFactory factory, std::shared_ptr<ViewMailbox> mailbox,
                   std::shared_ptr<std::atomic<bool>> stop);
    ~TrainingWorker() override;

    // Slots, all run in the worker thread.
    void start(quint64 runId);
    // seq numbers play/pause commands so the GUI knows which one a batch answers.
    void play(quint64 seq);
    void pause(quint64 seq);
    void stepN(int n);
    // One step with a live param at `value`, then the value asked before is asked again
    // (GAN: Step D). Runs now, not in a later chunk, so nothing can come between.
    void stepWith(const std::string& id, const reglab::ParamValue& value);
    void reset(quint64 runId, uint64_t seed);
    void setParam(const std::string& id, const reglab::ParamValue& value);
    void setSpeed(double stepsPerSecond); // <= 0: full speed
    void replaceLab(quint64 runId, const std::string& id, uint64_t seed,
                    const std::vector<std::pair<std::string, std::string>>& values);
    void rollback(quint64 runId);
    // Trains a twin beside the lab: the same params but `sets`, from the same seed; both
    // start again at step 0. Empty `sets` drops the twin (the main run goes on).
    void setTwin(quint64 runId, const std::vector<std::pair<std::string, std::string>>& sets);
    // Opens a lesson: its lab and preset, its twin, its schedule of changes, its last step
    // (both runs pause there) and its claim, judged when the run ends.
    void openLesson(quint64 runId, const reglab::Lesson& lesson);
    // Opens a saved session, built by RunSetup::fromSession: its lab, params, twin and
    // events, replayed from the seed to its last step at full speed (the same curves and
    // weights), or already there from its saved state, then paused there.
    void openSession(quint64 runId, const std::shared_ptr<RunSetup>& setup);
    // The run as a session: lab, seed, the values of the last reset, the event log, the
    // twin and the steps so far. Replaying it gives this run bit for bit. With `state`,
    // also both runs' training state (Lab::stateBytes; throws when a lab cannot save it).
    reglab::Session snapshot(bool state = false) const;
    // Sends the rows and events waiting for the batch interval now.
    void flushNow() { flush(true); }

signals:
    // A new run begins (start, reset, replaceLab, rollback): the GUI rebuilds or truncates.
    void runStarted(quint64 runId, const LabDescription& lab, bool labReplaced);
    void metricsReady(const MetricBatchPtr& batch);
    void viewsReady(); // the mailbox went from empty to full
    // The loss became NaN/Inf: the worker paused. rollbackStep < 0 when there is no checkpoint.
    void diverged(quint64 runId, const QString& message, qint64 step, qint64 rollbackStep);
    void rolledBack(quint64 runId, const LabDescription& lab);
    void errorOccurred(quint64 runId, const QString& message);
    // The lab refused a value set(): `current` is what it keeps in force, `asked` what a new
    // run starts from.
    void paramRejected(const QString& id, const reglab::ParamValue& current, const reglab::ParamValue& asked,
                       const QString& message);

private:
    void scheduleChunk(int delayMs);
    void runChunk();
    bool doOneStep();               // false when the run must stop (NaN, finished, stop flag)
    bool refuseWhenFinished();      // true (and says why) when the lab has finished
    void flush(bool force);
    void publishViews(bool force);
    void startRun(quint64 runId, bool labReplaced);
    // Installs an opened lesson or session and starts its run (errors: `what` names it).
    void install(quint64 runId, const std::function<RunSetup()>& make, const QString& what);
    // Sends the rows of a session opened with its state, as if they had just been logged.
    void sendHistory(const std::vector<reglab::MetricRow>& rows);
    // The schedules go on from the runs' steps (after a rollback, or a state put back).
    void skipPastChanges();
    void restartPace();
    bool stopping() const { return m_stop->load(std::memory_order_relaxed); }
    bool canStep(const reglab::Lab& lab) const;
    bool twinCanStep() const;
    bool runOver() const { return !canStep(*m_lab) && !twinCanStep(); }
    bool stepTwin(reglab::StepResult* r);
    void applySchedule(reglab::Lab& lab, const std::vector<reglab::ParamChange>& schedule, size_t* next);
    void beginClaim();
    LabDescription describe() const;
    reglab::LabViews viewsOfBoth() const;

    std::unique_ptr<reglab::Lab> m_lab;
    LabFactory m_factory;
    std::shared_ptr<ViewMailbox> m_mailbox;
    std::shared_ptr<std::atomic<bool>> m_stop;

    quint64 m_runId = 0;
    bool m_playing = false;
    quint64 m_commandSeq = 0;
    int64_t m_pendingSteps = 0;  // step(n) still to do
    double m_speed = 0.0;        // steps per second, 0 = full speed
    bool m_chunkScheduled = false;
    QTimer* m_chunkTimer = nullptr; // paced mode: wakes the worker for the next step
    QTimer* m_flushTimer = nullptr; // sends rows that wait for the batch interval

    // Pacing: steps done since m_paceClock started.
    QElapsedTimer m_paceClock;
    int64_t m_paceSteps = 0;

    // Batch lane.
    std::shared_ptr<MetricBatch> m_batch;
    size_t m_eventsSent = 0;
    QElapsedTimer m_sinceBatch;
    int64_t m_lastSentStep = -1;
    bool m_lastSentPlaying = false;
    bool m_lastSentFinished = false;
    quint64 m_lastSentSeq = 0;
    double m_lastSentRate = -1.0;

    // Steps per second.
    QElapsedTimer m_rateClock;
    int64_t m_rateSteps = 0;
    double m_rate = 0.0;

    // View lane: paced so views take at most a fifth of the worker's time.
    ViewPacer m_viewPacer;
    QElapsedTimer m_sinceViews;
    int64_t m_viewsStep = -1;

    // NaN rollback: the last state whose loss was finite, and the candidate that becomes it
    // once the next step's loss (computed from that state) is finite too.
    std::unique_ptr<reglab::LabState> m_checkpoint;
    std::unique_ptr<reglab::LabState> m_candidate;
    QElapsedTimer m_sinceCheckpoint;

    // The twin: its lab, the params it sets itself (live changes of those do not reach it),
    // whether it stopped (diverged), its events sent and its rollback state.
    std::unique_ptr<reglab::Lab> m_twin;
    reglab::RunPlan m_twinSpec; // its twinSets / twinChanges: what the twin sets itself, its label
    size_t m_mainColumns = 0, m_twinColumns = 0; // metric columns of each run
    bool m_twinDiverged = false;
    size_t m_twinEventsSent = 0;
    std::unique_ptr<reglab::LabState> m_twinCheckpoint, m_twinCandidate;

    // A lesson: scheduled changes (--at) of each run, the last step, the claim.
    std::string m_lessonId;
    std::vector<reglab::ParamChange> m_schedule, m_twinSchedule;
    size_t m_nextChange = 0, m_twinNextChange = 0;
    ScriptStart m_script, m_twinScript; // what a reset starts the scheduled params from
    int64_t m_lastStep = -1; // -1: no end
    std::optional<reglab::Claim> m_claimSpec;
    std::optional<reglab::ClaimTracker> m_claim;
    bool m_verdictSent = false;
    // The values every param had at the last reset (what a saved session starts from).
    std::vector<std::pair<std::string, std::string>> m_resetTexts;
};
