#pragma once
// The window's Run menu: "Sweep..." opens a SweepDialog for the lab the window shows, with
// its current params (one dialog at a time; it stops its trainings when closed).
#include <functional>

class QAction;
class QMainWindow;
class TrainingSession;

QAction* addSweepMenu(QMainWindow* window, std::function<TrainingSession*()> session);
