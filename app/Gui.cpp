#include "Gui.h"

#include <QApplication>
#include <QLabel>

#include <clocale>

// Placeholder until ui/MainWindow lands: the lead wires the main window here.
int runGui(int argc, char** argv)
{
    QApplication app(argc, argv);
    // Qt adopts the user's locale; the core parses and prints numbers in "C" (strtod in
    // ParamSpec::parse would read "0.001" wrongly under a decimal-comma locale).
    std::setlocale(LC_NUMERIC, "C");
    QApplication::setApplicationName(QStringLiteral("RegLab"));
    QApplication::setOrganizationName(QStringLiteral("RegLab"));
    QLabel label(QStringLiteral("RegLab: the main window is not built yet.\n"
                                "Headless commands work: reglab --help"));
    label.setAlignment(Qt::AlignCenter);
    label.setMargin(40);
    label.setWindowTitle(QStringLiteral("RegLab"));
    label.show();
    return app.exec();
}
