#include "Gui.h"

#include "MainWindow.h"
#include "session/SessionFiles.h"
#include "Parallel.h"
#include "settings/AppSettings.h"

#include <QApplication>
#include <QIcon>

#include <algorithm>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <unistd.h>

namespace {

// What to do instead of a window, said once.
void noDisplay(const char* why)
{
    std::fprintf(stderr,
                 "reglab: the window needs a display (%s); to render without one, use e.g. "
                 "'reglab shot classify --out shot.png' or set QT_QPA_PLATFORM=offscreen\n",
                 why);
}

// Qt reports a display it cannot open as several lines of plugin messages and then
// aborts (qFatal). While the QApplication starts, those lines are held back and the
// abort becomes one line and exit code 1.
QtMessageHandler g_previous = nullptr;
void startupMessages(QtMsgType type, const QMessageLogContext& ctx, const QString& msg)
{
    const QString category = QString::fromLatin1(ctx.category ? ctx.category : "");
    if (type == QtFatalMsg) {
        const QByteArray display = qgetenv("DISPLAY");
        const std::string why = display.isEmpty() ? std::string("no platform plugin could start")
                                                  : "cannot connect to the display '" + display.toStdString() + "'";
        noDisplay(why.c_str());
        std::fflush(stderr);
        _exit(1);
    }
    if (category.startsWith(QLatin1String("qt.qpa")))
        return;
    if (g_previous)
        g_previous(type, ctx, msg);
}

} // namespace

int runGui(int argc, char** argv, const QString& session)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
        noDisplay("DISPLAY is not set");
        return 1;
    }
    g_previous = qInstallMessageHandler(startupMessages);
    QApplication app(argc, argv);
    qInstallMessageHandler(g_previous);
    // Qt adopts the user's locale; the core prints numbers (CSV, JSON) in "C".
    std::setlocale(LC_NUMERIC, "C");
    QApplication::setApplicationName(QStringLiteral("RegLab"));
    QApplication::setOrganizationName(QStringLiteral("RegLab"));
    QApplication::setApplicationVersion(QStringLiteral(REGLAB_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/reglab.svg")));
    // Leave one core to the GUI thread: the trainer never makes the window stutter.
    const int cores = int(std::thread::hardware_concurrency());
    reglab::setNumThreads(std::clamp(cores - 1, 1, 4));

    AppSettings settings; // the user's RegLab settings
    MainWindow window(&settings);
    window.show();
    if (!session.isEmpty())
        window.sessionFiles()->open(session); // a refusal is said in the status bar
    return app.exec();
}
