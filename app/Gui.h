#pragma once
// `reglab` without arguments: the desktop app. Creates its own QApplication.
#include <QString>

// session: a .reglab file to open once the window is up ("" for none).
int runGui(int argc, char** argv, const QString& session = {});
