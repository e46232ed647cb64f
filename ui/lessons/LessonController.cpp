#include "lessons/LessonController.h"

#include "labs/LabRegistry.h"
#include "lessons/LessonLibrary.h"
#include "lessons/LessonPanel.h"
#include "session/TrainingSession.h"
#include "sweep/SweepDialog.h"

#include <algorithm>
#include <QAction>
#include <QDockWidget>
#include <QInputDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

LessonController::LessonController(QMainWindow* window, std::function<TrainingSession*()> session)
    : QObject(window), m_window(window), m_session(std::move(session))
{
    m_menu = window->menuBar()->addMenu(tr("&Lessons"));
    for (const reglab::Lesson& l : reglab::LessonLibrary::instance().lessons()) {
        const QString id = QString::fromStdString(l.id);
        QAction* a = m_menu->addAction(QStringLiteral("%1  %2").arg(id, QString::fromStdString(l.title)));
        connect(a, &QAction::triggered, this, [this, id] { openLesson(id); });
    }
    m_menu->addSeparator();
    m_next = m_menu->addAction(tr("Next change"), this, [this] { goToNextChange(); });
    m_next->setObjectName(QStringLiteral("nextChangeAction"));
    m_next->setShortcut(QKeySequence(Qt::Key_N));
    m_next->setToolTip(tr("Train to just after the lesson's next scheduled change or the next step its claim looks "
                          "at (else to its end), and pause there (N)"));
    m_next->setEnabled(false);
    window->addAction(m_next); // N works wherever the focus is, as Space, S and R do
    m_compare = m_menu->addAction(tr("Compare with..."));
    m_compare->setToolTip(tr("Train a twin beside this run: the same data, initial weights and seed, with the params "
                             "you choose set differently. Its curves are dashed."));
    connect(m_compare, &QAction::triggered, this, &LessonController::askForTwin);
    m_drop = m_menu->addAction(tr("Drop the twin"));
    m_drop->setEnabled(false);
    connect(m_drop, &QAction::triggered, this, [this] {
        if (TrainingSession* s = m_session())
            s->setTwin({});
    });

    m_panel = new LessonPanel(window);
    connect(m_panel, &LessonPanel::openRequested, this,
            qOverload<const QString&>(&LessonController::openLesson));
    connect(m_panel, &LessonPanel::frontierRequested, this, [this] { drawFrontier(); });
    m_dock = new QDockWidget(tr("Lesson"), window);
    m_dock->setObjectName(QStringLiteral("lessonDock"));
    m_dock->setWidget(m_panel);
    window->addDockWidget(Qt::LeftDockWidgetArea, m_dock);
    m_menu->addSeparator();
    m_menu->addAction(m_dock->toggleViewAction());
}

void LessonController::openLesson(const QString& id)
{
    if (const reglab::Lesson* lesson = reglab::LessonLibrary::instance().find(id.toStdString()))
        openLesson(*lesson);
}

void LessonController::openLesson(const reglab::Lesson& lesson)
{
    TrainingSession* s = m_session();
    if (!s)
        return;
    s->openLesson(lesson);
    m_open = lesson;
    m_panel->showLesson(&lesson);
    m_dock->show();
    m_dock->raise();
}

SweepDialog* LessonController::drawFrontier()
{
    if (!m_open || !m_open->frontier)
        return nullptr;
    if (m_frontierDialog && m_frontierDialog->isRunning()) {
        m_frontierDialog->raise();
        m_frontierDialog->activateWindow();
        return m_frontierDialog;
    }
    delete m_frontierDialog; // a finished one: a new sweep from the lesson's preset
    // The form describes the lesson's lab with its preset, whatever the window shows now
    // (the window may still be switching labs).
    std::unique_ptr<reglab::Lab> lab = reglab::createLab(m_open->lab);
    if (!lab)
        return nullptr;
    for (const auto& [k, v] : m_open->params)
        lab->setText(k, v);
    lab->reset(m_open->seed);
    auto* dialog = new SweepDialog(LabDescription::of(*lab), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFont(m_window->font()); // the window's projector size; a dialog does not inherit it
    dialog->setWindowTitle(tr("%1 frontier").arg(QString::fromStdString(m_open->id)));
    m_frontierDialog = dialog;
    dialog->show();
    const QString err = dialog->startFrontier(*m_open);
    if (!err.isEmpty())
        m_window->statusBar()->showMessage(err, 8000);
    return dialog;
}

QString LessonController::compareWith(const QString& assignments)
{
    TrainingSession* s = m_session();
    if (!s)
        return tr("No lab is running.");
    std::vector<std::pair<std::string, std::string>> sets;
    for (const QString& part : assignments.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        std::string key, value;
        if (std::string e = reglab::RunPlan::parseAssignment(part.trimmed().toStdString(), &key, &value); !e.empty())
            return QString::fromStdString(e);
        key = QString::fromStdString(key).trimmed().toStdString(); // "dropout = 0.5" reads too
        value = QString::fromStdString(value).trimmed().toStdString();
        const reglab::ParamSpec* spec = s->lab().findParam(key);
        if (!spec)
            return tr("The lab has no parameter '%1'.").arg(QString::fromStdString(key));
        std::string error;
        if (!spec->parse(value, &error))
            return QString::fromStdString(error);
        sets.emplace_back(key, value);
    }
    if (sets.empty())
        return tr("Give at least one parameter for the twin, e.g. dropout=0.5");
    s->setTwin(sets);
    return {};
}

void LessonController::askForTwin()
{
    QString text = QStringLiteral("dropout=0.5");
    for (;;) {
        bool ok = false;
        text = QInputDialog::getText(m_window, tr("Compare with a twin"),
                                     tr("The twin trains beside this run from the same start, with these params "
                                        "set differently (name=value, comma separated):"),
                                     QLineEdit::Normal, text, &ok);
        if (!ok)
            return;
        const QString error = compareWith(text);
        if (error.isEmpty())
            return;
        QMessageBox::warning(m_window, tr("Compare with a twin"), error);
    }
}

void LessonController::onRunStarted(const LabDescription& lab)
{
    m_drop->setEnabled(lab.hasTwin());
    m_next->setEnabled(m_open && !lab.lessonId.empty() && m_open->id == lab.lessonId);
    // A new run of a lesson (opened, or Reset) waits for its own verdict.
    const bool open = m_open && !lab.lessonId.empty() && m_open->id == lab.lessonId;
    m_panel->showLesson(open ? &*m_open : nullptr);
    m_claimMetrics.clear();
    if (open)
        for (const reglab::ClaimCheck& c : m_open->claim.checks)
            for (const std::string& id : {c.lhs.metric, c.againstNumber ? std::string() : c.other.metric})
                if (!id.empty() && std::find(m_claimMetrics.begin(), m_claimMetrics.end(), id) == m_claimMetrics.end())
                    m_claimMetrics.push_back(id);
}

std::vector<int64_t> LessonController::stops(const reglab::Lesson& lesson)
{
    std::vector<int64_t> out;
    const reglab::RunPlan plan = lesson.plan();
    for (const auto* list : {&plan.changes, &plan.twinChanges})
        for (const reglab::ParamChange& c : *list)
            out.push_back(c.step + 1); // a change "at STEP" applies before step STEP + 1
    for (const reglab::ClaimCheck& c : lesson.claim.checks)
        for (const reglab::ClaimPoint* p : {&c.lhs, &c.other})
            if (p->step > 0)
                out.push_back(p->step);
    out.push_back(lesson.steps);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    out.erase(std::remove_if(out.begin(), out.end(), [&](int64_t s) { return s <= 0 || s > lesson.steps; }), out.end());
    return out;
}

int64_t LessonController::goToNextChange()
{
    TrainingSession* s = m_session();
    if (!s || !m_open || s->lab().lessonId != m_open->id)
        return -1;
    const int64_t now = s->stepCount();
    for (int64_t stop : stops(*m_open))
        if (stop > now) {
            s->pause();
            s->step(int(std::min<int64_t>(stop - now, 1 << 30)));
            return stop;
        }
    return -1;
}

void LessonController::onMetrics(const MetricBatch& batch)
{
    if (!batch.verdict.empty())
        m_panel->showVerdict(batch.verdict);
}
