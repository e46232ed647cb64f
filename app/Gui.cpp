#include "Gui.h"

#include "MainWindow.h"
#include "Parallel.h"
#include "settings/AppSettings.h"

#include <QApplication>
#include <QIcon>

#include <algorithm>
#include <clocale>
#include <thread>

int runGui(int argc, char** argv)
{
    QApplication app(argc, argv);
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
    return app.exec();
}
