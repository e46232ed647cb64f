#include "session/SessionFiles.h"

#include "labs/LabRegistry.h"
#include "run/Session.h"
#include "session/TrainingSession.h"
#include "settings/AppSettings.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>

namespace {
const QString kRecentKey = QStringLiteral("files/recent");
const QString kKeepStateKey = QStringLiteral("files/keepState");
const QString kFilter = QObject::tr("RegLab sessions (*.reglab)");
} // namespace

SessionFiles::SessionFiles(QMainWindow* window, AppSettings* settings, std::function<TrainingSession*()> session)
    : QObject(window), m_window(window), m_settings(settings), m_session(std::move(session))
{
    m_menu = window->menuBar()->addMenu(tr("&File"));
    m_open = m_menu->addAction(tr("&Open Session..."), this, &SessionFiles::chooseOpenFile);
    m_open->setShortcut(QKeySequence::Open);
    m_open->setObjectName(QStringLiteral("openSessionAction"));
    m_recent = m_menu->addMenu(tr("Open &Recent"));
    m_recent->setObjectName(QStringLiteral("recentMenu"));
    m_menu->addSeparator();
    m_save = m_menu->addAction(tr("&Save Session"), this, [this] {
        if (m_path.isEmpty())
            chooseSaveFile();
        else
            save(m_path);
    });
    m_save->setShortcut(QKeySequence::Save);
    m_save->setObjectName(QStringLiteral("saveSessionAction"));
    m_save->setToolTip(tr("The lab, params, seed, twin, changes and drawn or loaded data: opening it replays the run "
                          "to the same step, with the same curves and weights"));
    m_saveAs = m_menu->addAction(tr("Save Session &As..."), this, &SessionFiles::chooseSaveFile);
    m_saveAs->setShortcut(QKeySequence::SaveAs);
    m_saveAs->setObjectName(QStringLiteral("saveSessionAsAction"));
    m_keepState = m_menu->addAction(tr("&Keep Training State in Sessions"));
    m_keepState->setCheckable(true);
    m_keepState->setChecked(m_settings->qsettings()->value(kKeepStateKey, false).toBool());
    m_keepState->setObjectName(QStringLiteral("keepStateAction"));
    m_keepState->setToolTip(tr("Saves also store the weights, optimizer state and metric history of both runs: "
                               "opening continues at once instead of replaying the run (a larger file)"));
    connect(m_keepState, &QAction::toggled, this,
            [this](bool on) { m_settings->qsettings()->setValue(kKeepStateKey, on); });
    fillRecentMenu();
}

QString SessionFiles::dataDir()
{
    // Generic (XDG_DATA_HOME), not AppDataLocation: the same folder for the GUI and for
    // `reglab run FILE.reglab`, which sets no application name.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/RegLab/sessions");
}

QString SessionFiles::save(const QString& path)
{
    TrainingSession* session = m_session();
    if (!session)
        return {};
    auto refuse = [this](const QString& error) {
        emit failed(error);
        return error;
    };
    const bool state = m_keepState->isChecked();
    reglab::Session s;
    try {
        s = session->snapshot(state);
        if (state && m_history)
            s.history = m_history(reglab::Session::kMaxFileBytes);
    } catch (const std::exception& e) {
        return refuse(tr("Cannot save the training state: %1").arg(QString::fromUtf8(e.what())));
    }
    if (s.lab.empty())
        return refuse(tr("There is no run to save"));
    const auto lab = reglab::createLab(s.lab);
    if (!lab)
        return refuse(tr("Cannot save: the lab '%1' is unknown").arg(QString::fromStdString(s.lab)));
    if (std::string e = s.embedFiles(*lab); !e.empty())
        return refuse(tr("Cannot save the session: %1").arg(QString::fromStdString(e)));
    if (std::string w = s.save(path.toStdString()); !w.empty())
        return refuse(tr("Cannot save the session: %1").arg(QString::fromStdString(w)));
    setCurrentPath(path);
    rememberRecent(path);
    emit saved(path);
    return {};
}

QString SessionFiles::open(const QString& path)
{
    TrainingSession* session = m_session();
    if (!session)
        return {};
    std::string err;
    auto s = reglab::Session::load(path.toStdString(), reglab::createLab, &err);
    if (s)
        err = s->restoreFiles(dataDir().toStdString());
    if (s && err.empty()) {
        // The runs are built (and a saved state's bytes checked) before anything changes: a
        // damaged state is refused here and the open run goes on untouched.
        try {
            session->openSession(*s);
        } catch (const std::exception& e) {
            err = e.what();
        }
    }
    if (!s || !err.empty()) {
        const QString message = tr("Cannot open the session: %1").arg(QString::fromStdString(err));
        emit failed(message);
        return message;
    }
    setCurrentPath(path);
    rememberRecent(path);
    emit opened(path);
    return {};
}

QStringList SessionFiles::recentFiles() const
{
    return m_settings->qsettings()->value(kRecentKey).toStringList();
}

void SessionFiles::chooseSaveFile()
{
    QString path = QFileDialog::getSaveFileName(m_window, tr("Save Session"),
                                                m_path.isEmpty() ? QStringLiteral("session.reglab") : m_path, kFilter);
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".reglab")))
        path += QStringLiteral(".reglab");
    save(path);
}

void SessionFiles::chooseOpenFile()
{
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Session"), QFileInfo(m_path).path(), kFilter);
    if (!path.isEmpty())
        open(path);
}

void SessionFiles::rememberRecent(const QString& path)
{
    QStringList list = recentFiles();
    const QString full = QFileInfo(path).absoluteFilePath();
    list.removeAll(full);
    list.prepend(full);
    while (list.size() > kMaxRecent)
        list.removeLast();
    m_settings->qsettings()->setValue(kRecentKey, list);
    fillRecentMenu();
}

void SessionFiles::fillRecentMenu()
{
    m_recent->clear();
    const QStringList list = recentFiles();
    for (const QString& path : list)
        m_recent->addAction(QFileInfo(path).fileName(), this, [this, path] { open(path); })->setToolTip(path);
    m_recent->setEnabled(!list.isEmpty());
}

void SessionFiles::setCurrentPath(const QString& path)
{
    m_path = path;
    m_window->setWindowFilePath(path);
}
