#pragma once
// The lab the window opens with when none is handed over: the last one used with its saved
// values, else the first lab there is; saved values that no longer build a lab fall back to
// the defaults (and *message says so).
#include "labs/Lab.h"
#include "session/TrainingWorker.h"

#include <QString>

#include <memory>

class AppSettings;

std::unique_ptr<reglab::Lab> startupLab(const AppSettings& settings, const LabFactory& factory, QString* message);
