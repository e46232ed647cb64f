#pragma once
// `reglab` without arguments: the desktop app. Creates its own QApplication.
int runGui(int argc, char** argv);
