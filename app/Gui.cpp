#include "Gui.h"

#include <QApplication>
#include <QLabel>

// Placeholder until ui/MainWindow lands: the lead wires the main window here.
int runGui(int argc, char** argv)
{
    QApplication app(argc, argv);
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
