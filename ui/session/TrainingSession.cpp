#include "session/TrainingSession.h"

#include "labs/LabRegistry.h"
#include "session/RunSetup.h"
#include "session/ViewMailbox.h"

#include <QCoreApplication>
#include <QMetaObject>

#include <stdexcept>

TrainingSession::TrainingSession(std::unique_ptr<reglab::Lab> lab, LabFactory factory, QObject* parent)
    : QObject(parent)
    , m_mailbox(std::make_shared<ViewMailbox>())
    , m_stop(std::make_shared<std::atomic<bool>>(false))
{
    qRegisterMetaType<LabDescription>();
    qRegisterMetaType<MetricBatchPtr>();
    qRegisterMetaType<reglab::ParamValue>();
    if (!factory)
        factory = [](const std::string& id) { return reglab::createLab(id); };
    // Read before the lab leaves for the worker thread: afterwards only copies come back.
    if (lab) {
        m_lab = LabDescription::of(*lab);
        m_step = m_lab.step;
    }

    m_thread.setObjectName(QStringLiteral("reglab-training"));
    m_factory = factory;
    m_worker = new TrainingWorker(std::move(lab), std::move(factory), m_mailbox, m_stop); // no parent
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &TrainingWorker::runStarted, this, &TrainingSession::onRunStarted, Qt::QueuedConnection);
    connect(m_worker, &TrainingWorker::metricsReady, this, &TrainingSession::onMetrics, Qt::QueuedConnection);
    connect(m_worker, &TrainingWorker::viewsReady, this, &TrainingSession::onViewsReady, Qt::QueuedConnection);
    connect(m_worker, &TrainingWorker::diverged, this, &TrainingSession::onDiverged, Qt::QueuedConnection);
    connect(m_worker, &TrainingWorker::rolledBack, this, &TrainingSession::onRolledBack, Qt::QueuedConnection);
    connect(
        m_worker, &TrainingWorker::errorOccurred, this,
        [this](quint64 runId, const QString& message) {
            if (runId == m_runId)
                emit errorOccurred(message);
        },
        Qt::QueuedConnection);
    connect(
        m_worker, &TrainingWorker::paramRejected, this,
        [this](const QString& id, const reglab::ParamValue& current, const reglab::ParamValue& asked,
               const QString& message) {
            if (const int i = m_lab.paramIndex(id.toStdString()); i >= 0) {
                m_lab.values[size_t(i)] = current;
                m_lab.asked[size_t(i)] = asked;
            }
            emit paramRejected(id.toStdString(), current, message);
        },
        Qt::QueuedConnection);
    m_thread.start();
    const quint64 runId = m_runId;
    post([runId](TrainingWorker* w) { w->start(runId); });
}

TrainingSession::~TrainingSession()
{
    // The flag stops a chunk between two steps; quit() then ends the event loop and the
    // worker (with the lab) is deleted in its own thread.
    m_stop->store(true);
    m_thread.quit();
    m_thread.wait();
}

template <typename F> void TrainingSession::post(F&& f)
{
    TrainingWorker* w = m_worker;
    QMetaObject::invokeMethod(w, [w, f = std::forward<F>(f)]() mutable { f(w); }, Qt::QueuedConnection);
}

void TrainingSession::setPlaying(bool playing)
{
    if (m_playing == playing)
        return;
    m_playing = playing;
    emit playingChanged(playing);
}

void TrainingSession::play()
{
    setPlaying(true);
    const quint64 seq = ++m_commandSeq;
    post([seq](TrainingWorker* w) { w->play(seq); });
}

void TrainingSession::pause()
{
    setPlaying(false);
    const quint64 seq = ++m_commandSeq;
    post([seq](TrainingWorker* w) { w->pause(seq); });
}

void TrainingSession::togglePlay()
{
    if (m_playing)
        pause();
    else
        play();
}

void TrainingSession::step(int n)
{
    if (n > 0)
        post([n](TrainingWorker* w) { w->stepN(n); });
}

void TrainingSession::stepWith(const std::string& id, const reglab::ParamValue& value)
{
    post([id, value](TrainingWorker* w) { w->stepWith(id, value); });
}

void TrainingSession::reset(uint64_t seed)
{
    const quint64 runId = ++m_runId;
    m_lab.seed = seed;
    post([runId, seed](TrainingWorker* w) { w->reset(runId, seed); });
}

QString TrainingSession::set(const std::string& id, const reglab::ParamValue& value)
{
    const int i = m_lab.paramIndex(id);
    if (i < 0)
        return QStringLiteral("Unknown parameter '%1'.").arg(QString::fromStdString(id));
    const std::string err = m_lab.params[size_t(i)].validate(value);
    if (!err.empty())
        return QString::fromStdString(err);
    m_lab.values[size_t(i)] = m_lab.asked[size_t(i)] = value;
    post([id, value](TrainingWorker* w) { w->setParam(id, value); });
    return {};
}

void TrainingSession::setSpeed(double stepsPerSecond)
{
    m_speed = stepsPerSecond > 0.0 ? stepsPerSecond : 0.0;
    const double s = m_speed;
    post([s](TrainingWorker* w) { w->setSpeed(s); });
}

void TrainingSession::replaceLab(const std::string& id, uint64_t seed,
                                 const std::vector<std::pair<std::string, std::string>>& values)
{
    const quint64 runId = ++m_runId;
    setPlaying(false);
    post([runId, id, seed, values](TrainingWorker* w) { w->replaceLab(runId, id, seed, values); });
}

void TrainingSession::setTwin(const std::vector<std::pair<std::string, std::string>>& sets)
{
    const quint64 runId = ++m_runId;
    post([runId, sets](TrainingWorker* w) { w->setTwin(runId, sets); });
}

void TrainingSession::openLesson(const reglab::Lesson& lesson)
{
    const quint64 runId = ++m_runId;
    setPlaying(false);
    post([runId, lesson](TrainingWorker* w) { w->openLesson(runId, lesson); });
}

void TrainingSession::openSession(const reglab::Session& session)
{
    // Throws before anything changes; the labs then move to the worker (plain C++, no thread affinity).
    auto setup = std::make_shared<RunSetup>(RunSetup::fromSession(session, m_factory));
    const quint64 runId = ++m_runId;
    setPlaying(false);
    post([runId, setup](TrainingWorker* w) { w->openSession(runId, setup); });
}

reglab::Session TrainingSession::snapshot(bool state)
{
    reglab::Session s;
    std::string error;
    TrainingWorker* w = m_worker;
    QMetaObject::invokeMethod(w, [w, &s, &error, state] {
        try {
            w->flushNow();
            s = w->snapshot(state);
        } catch (const std::exception& e) {
            error = e.what();
        }
    }, Qt::BlockingQueuedConnection);
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall); // the batch flushNow() sent
    if (!error.empty())
        throw std::invalid_argument(error);
    return s;
}

void TrainingSession::rollback()
{
    const quint64 runId = ++m_runId;
    setPlaying(false);
    post([runId](TrainingWorker* w) { w->rollback(runId); });
}

void TrainingSession::onRunStarted(quint64 runId, const LabDescription& lab, bool labReplaced)
{
    if (runId != m_runId)
        return;
    m_lab = lab;
    m_step = lab.step;
    m_stepsPerSecond = 0.0;
    emit runStarted(lab, labReplaced);
}

void TrainingSession::onRolledBack(quint64 runId, const LabDescription& lab)
{
    if (runId != m_runId)
        return;
    m_lab = lab;
    m_step = lab.step;
    emit rolledBack(lab);
}

void TrainingSession::onMetrics(const MetricBatchPtr& batch)
{
    if (!batch || batch->runId != m_runId) {
        ++m_dropped;
        return;
    }
    ++m_accepted;
    m_step = batch->step;
    m_stepsPerSecond = batch->stepsPerSecond;
    for (const MetricBatch::ParamUpdate& u : batch->scheduled)
        if (const int i = m_lab.paramIndex(u.id); i >= 0) {
            m_lab.values[size_t(i)] = u.value;
            m_lab.asked[size_t(i)] = u.asked; // a lesson's change is asked for; the lab's own switch is not
        }
    // The worker stops on its own (NaN, early stopping): follow it, but only once it has
    // seen our last play/pause (an older batch must not undo a newer command).
    if (batch->commandSeq == m_commandSeq)
        setPlaying(batch->playing);
    emit metricsArrived(*batch);
}

void TrainingSession::onViewsReady()
{
    quint64 runId = 0;
    reglab::LabViews views;
    if (!m_mailbox->take(&runId, &views) || runId != m_runId)
        return;
    emit viewsArrived(views);
}

void TrainingSession::onDiverged(quint64 runId, const QString& message, qint64 step, qint64 rollbackStep)
{
    if (runId != m_runId)
        return;
    setPlaying(false);
    emit diverged(message, step, rollbackStep);
}
