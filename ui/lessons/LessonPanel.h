#pragma once
// The lesson side panel: a picker of the shipped lessons, then the open lesson's text, its
// twin, its scheduled changes, its claim in words and, once the run has reached its last
// step, whether the claim held and with which numbers (those of metrics.csv). A lesson with
// a frontier (L16) also says what its sweep shows and has a button that draws it.
#include "lessons/Lesson.h"

#include <QWidget>

#include <optional>
#include <string>

class QComboBox;
class QPushButton;
class QTextBrowser;

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(QWidget* parent = nullptr);

    // Shows (a copy of) the lesson; nullptr: none open, only the picker.
    void showLesson(const reglab::Lesson* lesson);
    // The verdict JSON of ClaimTracker::verdict().
    void showVerdict(const std::string& verdictJson);
    QString text() const; // what the panel says, for tests

    QPushButton* frontierButton() const { return m_frontier; }

signals:
    void openRequested(const QString& lessonId);
    void frontierRequested(); // "Draw the frontier..." of the open lesson

private:
    void render();

    QComboBox* m_picker = nullptr;
    QTextBrowser* m_text = nullptr;
    QPushButton* m_frontier = nullptr; // shown for a lesson with a frontier
    std::optional<reglab::Lesson> m_lesson;
    QString m_verdictHtml;
};
