#pragma once
// `reglab shot`: the main window, built offscreen around a lab that has already trained,
// rendered to a PNG exactly as a user would see it.
#include "labs/Lab.h"

#include <QSize>
#include <QString>
#include <memory>
#include <vector>

// history: every metric row of the run so far (initial row first). Needs a QApplication.
// Returns "" on success, else one clear sentence.
QString renderWindowShot(std::unique_ptr<reglab::Lab> lab, const std::vector<reglab::MetricRow>& history,
                         const QString& pngPath, QSize size = QSize(1440, 900));
