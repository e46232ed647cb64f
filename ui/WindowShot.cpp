#include "WindowShot.h"

#include "MainWindow.h"
#include "SizeHintWarningFilter.h"
#include "charts/HeatmapWidget.h"
#include "charts/NetworkPicture.h"
#include "lessons/LessonController.h"
#include "lessons/LessonPanel.h"
#include "session/TrainingSession.h"
#include "settings/AppSettings.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QPixmap>
#include <QSettings>
#include <QTemporaryDir>

namespace {

QString checkTarget(const QString& pngPath, QSize size)
{
    if (!qobject_cast<QApplication*>(QCoreApplication::instance()))
        return QStringLiteral("Window shots need a QApplication.");
    if (size.width() < 320 || size.height() < 240)
        return QStringLiteral("The shot size %1x%2 is too small (at least 320x240).").arg(size.width()).arg(size.height());
    if (!QFileInfo(pngPath).absoluteDir().exists())
        return QStringLiteral("The folder %1 does not exist.").arg(QDir::toNativeSeparators(QFileInfo(pngPath).absolutePath()));
    return {};
}

// Default settings, never the user's: every shot looks the same.
struct ShotSettings {
    QTemporaryDir tmp;
    QSettings qs{tmp.filePath(QStringLiteral("shot.ini")), QSettings::IniFormat};
    AppSettings settings{&qs};
    // REGLAB_PICTURE=network: the pictures dock shows the network instead of the boundary.
    ShotSettings() { settings.setNetworkPicture(qEnvironmentVariable("REGLAB_PICTURE") == QLatin1String("network")); }
};

QString grabTo(MainWindow& window, const QString& pngPath)
{
    // Let the layout settle, then draw the charts at their final size.
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::processEvents();
        window.refreshNow();
    }
    QCoreApplication::processEvents();
    const QPixmap shot = window.grab();
    if (shot.isNull())
        return QStringLiteral("Rendering the window failed.");
    if (!shot.save(pngPath, "PNG"))
        return QStringLiteral("Could not write %1.").arg(QDir::toNativeSeparators(pngPath));
    return {};
}

void showOffscreen(MainWindow& window, QSize size)
{
    window.setAttribute(Qt::WA_DontShowOnScreen);
    window.resize(size);
    window.show();
}

} // namespace

QString renderWindowShot(std::unique_ptr<reglab::Lab> lab, const std::vector<reglab::MetricRow>& history,
                         const QString& pngPath, QSize size)
{
    if (QString e = checkTarget(pngPath, size); !e.isEmpty())
        return e;
    if (!lab)
        return QStringLiteral("There is no lab to show.");
    ShotSettings s;
    if (!s.tmp.isValid())
        return QStringLiteral("Could not create a temporary folder for the shot's settings.");
    const SizeHintWarningFilter quiet;
    MainWindow window(&s.settings, std::move(lab), history);
    showOffscreen(window, size);
    return grabTo(window, pngPath);
}

QString renderLessonShot(const reglab::Lesson& lesson, const QString& pngPath, const std::atomic<bool>* stop,
                         LessonShotOutcome* outcome, QSize size)
{
    LessonShotOutcome ignored;
    if (!outcome)
        outcome = &ignored;
    *outcome = {};
    if (QString e = checkTarget(pngPath, size); !e.isEmpty())
        return e;
    ShotSettings s;
    if (!s.tmp.isValid())
        return QStringLiteral("Could not create a temporary folder for the shot's settings.");
    s.settings.setLastLab(QString::fromStdString(lesson.lab));
    s.settings.setSpeed(0); // full speed, and the speed box says so
    s.settings.setSeed(lesson.seed); // and the seed box shows the run's seed
    const SizeHintWarningFilter quiet;
    MainWindow window(&s.settings);
    TrainingSession* session = window.session();
    if (!session)
        return QStringLiteral("There is no lab called '%1'.").arg(QString::fromStdString(lesson.lab));
    QString error;
    bool started = false, ended = false;
    // Before the run: the lesson cannot start. During it: the twin diverged and stopped
    // while the main run goes on (the shot shows that, as the window does).
    QObject::connect(session, &TrainingSession::errorOccurred, &window, [&](const QString& m) {
        if (!started)
            error = m;
        else if (outcome->diverged.isEmpty())
            outcome->diverged = m;
    });
    QObject::connect(session, &TrainingSession::diverged, &window,
                     [&](const QString& m) { outcome->diverged = m; });
    window.lessons()->openLesson(lesson);
    window.lessons()->dock()->setVisible(!lesson.id.empty());
    showOffscreen(window, size);
    // Played once the lesson's run has started; it pauses itself at its last step (or on
    // divergence, when the window shows the banner, as the shot will).
    QObject::connect(session, &TrainingSession::runStarted, &window, [&] {
        if (!started) {
            started = true;
            session->play();
        }
    });
    QObject::connect(session, &TrainingSession::playingChanged, &window, [&](bool playing) {
        if (started && !playing)
            ended = true;
    });
    while (!ended && error.isEmpty()) {
        if (stop && stop->load()) {
            outcome->interrupted = true;
            return QStringLiteral("Interrupted at step %1.").arg(session->stepCount());
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    }
    if (!error.isEmpty())
        return error;
    const QString result = grabTo(window, pngPath);
    outcome->twinShown = window.twinHeatmap()->isVisible() || window.pictures()->twinNetwork()->isVisible();
    outcome->lessonText = window.lessons()->dock()->isVisible() ? window.lessons()->panel()->text() : QString();
    return result;
}
