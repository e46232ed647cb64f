#pragma once
// File > Save / Save As / Open / Open Recent of a `.reglab` session (DESIGN section 8).
// Saving asks the worker for the run as a session (lab, seed, params at the last reset,
// event log, twin, steps) and embeds the CSV file a param points to; the save is atomic.
// Opening checks the whole file first (Session::load: a broken, truncated, hostile or
// newer-version file is refused in one sentence and nothing changes), then replays it to
// its last step: the same curves, and the same next steps as the run that was saved.
// With "Keep Training State" checked, a save also stores both runs' weights, optimizer and
// random streams and the metric history, so opening continues at once, without a replay.
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <string>

class AppSettings;
class QAction;
class QMainWindow;
class QMenu;
class TrainingSession;

class SessionFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxRecent = 8;
    SessionFiles(QMainWindow* window, AppSettings* settings, std::function<TrainingSession*()> session);

    QMenu* menu() const { return m_menu; }
    QAction* saveAction() const { return m_save; }
    QAction* openAction() const { return m_open; }
    QAction* keepStateAction() const { return m_keepState; }
    // The metric rows so far as metrics.csv text, at most `maxBytes` (for saves with state).
    void setHistory(std::function<std::string(size_t maxBytes)> history) { m_history = std::move(history); }
    // "" on success, else one sentence (also sent as failed()).
    QString save(const QString& path);
    QString open(const QString& path);
    QString currentPath() const { return m_path; }
    QStringList recentFiles() const;
    // Where embedded data files are written when their own path is gone.
    static QString dataDir();

signals:
    void saved(const QString& path);
    void opened(const QString& path);
    void failed(const QString& message);

private:
    void chooseSaveFile();
    void chooseOpenFile();
    void rememberRecent(const QString& path);
    void fillRecentMenu();
    void setCurrentPath(const QString& path);

    QMainWindow* m_window;
    AppSettings* m_settings;
    std::function<TrainingSession*()> m_session;
    QMenu* m_menu = nullptr;
    QMenu* m_recent = nullptr;
    QAction* m_save = nullptr;
    QAction* m_saveAs = nullptr;
    QAction* m_open = nullptr;
    QAction* m_keepState = nullptr;
    std::function<std::string(size_t)> m_history;
    QString m_path;
};
