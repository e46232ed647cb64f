#pragma once
// Toolbar actions for labs whose step has parts (the GAN lab: d_steps discriminator updates,
// then a generator update), as GAN Lab offers them: "Step D" and "Step G" make one step
// that updates only that network, and "Slow motion" makes each step a single update at a
// pace a class can read. They drive the lab's own live params ("train", "substeps"), so
// every such step is in the event log and a run replays exactly.
#include "session/SessionData.h"

#include <QObject>

class QAction;
class TrainingSession;

class SubStepActions : public QObject {
    Q_OBJECT
public:
    explicit SubStepActions(QObject* parent = nullptr);

    void setSession(TrainingSession* session) { m_session = session; }
    QAction* stepDAction() const { return m_stepD; }
    QAction* stepGAction() const { return m_stepG; }
    QAction* slowMotionAction() const { return m_slow; }
    // Shows the actions the lab has params for, and the slow-motion state of its values.
    void syncWith(const LabDescription& lab);

signals:
    // A param changed as if typed in the panel (the panel and the session must follow).
    void paramEdited(const std::string& id, const reglab::ParamValue& value);
    // Slow motion switched: the window slows down to a readable pace, or back.
    void slowMotionChanged(bool on);

private:
    void stepOnly(const char* network);

    TrainingSession* m_session = nullptr;
    QAction* m_stepD = nullptr;
    QAction* m_stepG = nullptr;
    QAction* m_slow = nullptr;
};
