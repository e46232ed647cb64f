#pragma once
// Lessons and twins in the window: the Lessons menu (every shipped lesson, "Compare
// with...", "Drop the twin"), the lesson dock (LessonPanel) and their wiring to the
// TrainingSession. MainWindow creates one and forwards runs and batches to it.
#include "lessons/Lesson.h"
#include "session/SessionData.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

class LessonPanel;
class QAction;
class SweepDialog;
class QDockWidget;
class QMainWindow;
class QMenu;
class TrainingSession;

class LessonController : public QObject {
    Q_OBJECT
public:
    LessonController(QMainWindow* window, std::function<TrainingSession*()> session);

    QMenu* menu() const { return m_menu; }
    QAction* compareAction() const { return m_compare; }
    QDockWidget* dock() const { return m_dock; }
    LessonPanel* panel() const { return m_panel; }

    void openLesson(const QString& id); // a shipped lesson
    void openLesson(const reglab::Lesson& lesson); // any, e.g. one with changed params (shots)
    // The open lesson's frontier in a Sweep dialog, started; nullptr when it has none.
    SweepDialog* drawFrontier();
    // "dropout=0.5, l2=0.001": checked against the lab's params; "" or one sentence.
    QString compareWith(const QString& assignments);
    void onRunStarted(const LabDescription& lab);
    // The metrics the open lesson's claim compares (their charts go first), else none.
    const std::vector<std::string>& claimMetrics() const { return m_claimMetrics; }
    void onMetrics(const MetricBatch& batch);
    // "Next change" (N): trains at full speed to just after the lesson's next scheduled
    // change or the next step its claim looks at, else to its last step, and pauses there.
    // Returns the step it goes to, -1 when no lesson is open or it is at its end.
    int64_t goToNextChange();
    QAction* nextChangeAction() const { return m_next; }
    // The steps "Next change" stops at, ascending (the last one is the lesson's end).
    static std::vector<int64_t> stops(const reglab::Lesson& lesson);

private:
    void askForTwin();

    QMainWindow* m_window;
    std::function<TrainingSession*()> m_session;
    QMenu* m_menu = nullptr;
    QAction* m_compare = nullptr;
    QAction* m_drop = nullptr;
    QAction* m_next = nullptr;
    QDockWidget* m_dock = nullptr;
    LessonPanel* m_panel = nullptr;
    std::optional<reglab::Lesson> m_open; // the lesson last opened (a shipped one or not)
    std::vector<std::string> m_claimMetrics;
    QPointer<SweepDialog> m_frontierDialog;
};
