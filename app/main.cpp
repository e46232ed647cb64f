// reglab: the GUI without arguments, else a headless verb (DESIGN section 7).
#include "Allocator.h"
#include "Cli.h"
#include "Gui.h"

#include <QString>
#include <QStringList>

int main(int argc, char** argv)
{
    reglab::keepFreedMemoryForReuse();
    if (argc <= 1)
        return runGui(argc, argv);
    if (argc == 2 && QString::fromLocal8Bit(argv[1]).endsWith(QStringLiteral(".reglab")))
        return runGui(argc, argv, QString::fromLocal8Bit(argv[1])); // `reglab FILE.reglab`, a double-click
    // No QCoreApplication here: list/describe/run must work without a display, and
    // run/shot create their QApplication only when they render.
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    return reglab::cli::run(args);
}
