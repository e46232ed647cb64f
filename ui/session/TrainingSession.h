#pragma once
// The GUI thread's handle on training (DESIGN section 5). Owns a QThread and the
// TrainingWorker living in it; the worker owns the lab and the GUI never touches it.
//
// Commands are queued to the worker (functor invokeMethod, Qt::QueuedConnection) and take
// effect at the next step boundary. Each reset/lab switch/rollback starts a new runId;
// batches and views stamped with an older runId are dropped here, so nothing of a previous
// run can reach the charts after the GUI asked for a new one.
#include "session/SessionData.h"
#include "session/TrainingWorker.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <memory>
#include <string>
#include <utility>
#include <vector>

class ViewMailbox;

class TrainingSession : public QObject {
    Q_OBJECT
public:
    // `lab` must already be reset (or trained): the session starts paused at its current
    // step. `factory` makes labs for replaceLab(); the default is reglab::createLab.
    explicit TrainingSession(std::unique_ptr<reglab::Lab> lab, LabFactory factory = {}, QObject* parent = nullptr);
    // Stops the worker (atomic flag, then quit + wait): never blocks on a long run.
    ~TrainingSession() override;

    // The GUI's copy of the lab's description, kept current with set() and new runs.
    const LabDescription& lab() const { return m_lab; }
    quint64 runId() const { return m_runId; }
    bool isPlaying() const { return m_playing; }
    int64_t stepCount() const { return m_step; }
    double stepsPerSecond() const { return m_stepsPerSecond; }
    double speed() const { return m_speed; }
    // Diagnostics (tests): batches accepted and batches dropped as stale.
    int acceptedBatches() const { return m_accepted; }
    int droppedBatches() const { return m_dropped; }

    void play();
    void pause();
    void togglePlay();
    void step(int n = 1);
    // One step with a live param at `value` for that step only (GAN: Step D, Step G).
    void stepWith(const std::string& id, const reglab::ParamValue& value);
    void reset(uint64_t seed);
    // "" when the worker will apply it (next step boundary for live params, next reset
    // otherwise), else the validation message (nothing is sent).
    QString set(const std::string& id, const reglab::ParamValue& value);
    void setSpeed(double stepsPerSecond); // <= 0: full speed
    // values: param id -> ParamSpec::toText, applied before the first reset (saved settings).
    void replaceLab(const std::string& id, uint64_t seed,
                    const std::vector<std::pair<std::string, std::string>>& values = {});
    // Back to the last state whose loss was finite; the worker stays paused.
    void rollback();
    // A twin beside the run (the same params but `sets`); both start again at step 0.
    // Empty: drop the twin.
    void setTwin(const std::vector<std::pair<std::string, std::string>>& sets);
    // A lesson: its lab, preset, twin, schedule and claim (see TrainingWorker::openLesson).
    void openLesson(const reglab::Lesson& lesson);
    // A saved session: replayed to its last step at once (or put back there from its saved
    // state), then paused (TrainingWorker::openSession). Its runs are built here first: a lab
    // that cannot be made or a damaged state throws std::invalid_argument with one sentence,
    // and the open run goes on untouched.
    void openSession(const reglab::Session& session);
    // The run as a session, from the worker (waits for its current chunk: ~10 ms at most).
    // With `state`: both runs' training state too; throws std::invalid_argument when a lab
    // cannot save it.
    // The rows the worker logged up to the snapshot are delivered (metricsArrived) before
    // it returns, so the GUI's history ends where the state does.
    reglab::Session snapshot(bool state = false);

signals:
    void runStarted(const LabDescription& lab, bool labReplaced);
    void metricsArrived(const MetricBatch& batch);
    void viewsArrived(const reglab::LabViews& views);
    void playingChanged(bool playing);
    void diverged(const QString& message, qint64 step, qint64 rollbackStep);
    void rolledBack(const LabDescription& lab);
    void errorOccurred(const QString& message);
    // The lab refused a value that passed the spec (e.g. an unreadable file); lab().values
    // already shows `current` again.
    void paramRejected(const std::string& id, const reglab::ParamValue& current, const QString& message);

private:
    template <typename F> void post(F&& f);
    void onRunStarted(quint64 runId, const LabDescription& lab, bool labReplaced);
    void onMetrics(const MetricBatchPtr& batch);
    void onViewsReady();
    void onDiverged(quint64 runId, const QString& message, qint64 step, qint64 rollbackStep);
    void onRolledBack(quint64 runId, const LabDescription& lab);
    void setPlaying(bool playing);

    QThread m_thread;
    LabFactory m_factory; // a copy of the worker's, to build a session's runs before they go there
    TrainingWorker* m_worker = nullptr; // lives in m_thread; deleted there (finished -> deleteLater)
    std::shared_ptr<ViewMailbox> m_mailbox;
    std::shared_ptr<std::atomic<bool>> m_stop;

    LabDescription m_lab;
    quint64 m_runId = 1;
    bool m_playing = false;
    quint64 m_commandSeq = 0; // play/pause commands sent
    int64_t m_step = 0;
    double m_stepsPerSecond = 0.0;
    double m_speed = 0.0;
    int m_accepted = 0, m_dropped = 0;
};
