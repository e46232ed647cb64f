#pragma once
// `reglab shot`: the main window, built offscreen, rendered to a PNG exactly as a user
// would see it.
#include "labs/Lab.h"
#include "lessons/Lesson.h"

#include <QSize>
#include <QString>
#include <atomic>
#include <memory>
#include <vector>

// A lab that has already trained. history: every metric row of the run so far (initial
// row first). Needs a QApplication. Returns "" on success, else one clear sentence.
QString renderWindowShot(std::unique_ptr<reglab::Lab> lab, const std::vector<reglab::MetricRow>& history,
                         const QString& pngPath, QSize size = QSize(1440, 900));

// A lesson (or any run with a twin: a lesson without id, text or claim), opened in the
// window and played to its last step as a user would, so the shot has the twin's curves
// and views and, for a lesson, its text and verdict. When *stop turns true the run ends
// and nothing is written. *outcome (optional) says how the run ended.
struct LessonShotOutcome {
    bool interrupted = false;
    QString diverged; // the window's banner text when a run diverged (the shot shows it)
    // What the shot shows (tests): the twin's boundary beside the main one, the lesson panel.
    bool twinShown = false;
    QString lessonText;
};
QString renderLessonShot(const reglab::Lesson& lesson, const QString& pngPath, const std::atomic<bool>* stop,
                         LessonShotOutcome* outcome = nullptr, QSize size = QSize(1440, 900));
