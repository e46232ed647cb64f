#pragma once
// Toolbar actions for labs whose step has parts (the GAN lab: d_steps discriminator updates,
// then a generator update), as GAN Lab offers them: "Step D" and "Step G" make one step
// that updates only that network, and "Slow motion" makes each step a single update at a
// pace a class can read. They drive the lab's own live params ("train", "substeps"), so
// every such step is in the event log and a run replays exactly.
#include "session/SessionData.h"

#include <QObject>

class QAction;
class QComboBox;
class TrainingSession;

class SubStepActions : public QObject {
    Q_OBJECT
public:
    explicit SubStepActions(QObject* parent = nullptr);

    void setSession(TrainingSession* session) { m_session = session; }
    // The speed menu slow motion sets to `slowSpeed` (one of its items' data), and gives
    // back to the pace chosen before when it ends.
    void setSpeedBox(QComboBox* box, double slowSpeed);
    QAction* stepDAction() const { return m_stepD; }
    QAction* stepGAction() const { return m_stepG; }
    QAction* slowMotionAction() const { return m_slow; }
    // Shows the actions the lab has params for, and the slow-motion state of its values.
    void syncWith(const LabDescription& lab);

signals:
    // A param changed as if typed in the panel (the panel and the session must follow).
    void paramEdited(const std::string& id, const reglab::ParamValue& value);

private:
    void stepOnly(const char* network);
    void setSlowPace(bool on);

    TrainingSession* m_session = nullptr;
    QAction* m_stepD = nullptr;
    QAction* m_stepG = nullptr;
    QAction* m_slow = nullptr;
    QComboBox* m_speedBox = nullptr;
    double m_slowSpeed = 1.0;
    int m_speedBefore = -1; // speed menu index to return to after slow motion
};
