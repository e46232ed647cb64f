#pragma once
// Headless chart export for `reglab run`: the same charts the main window shows, rendered
// from a finished run into files, one per MetricSpec::chart group ("loss.png", ...).
#include "labs/MetricSpec.h"
#include "labs/ParamEvent.h"

#include <QString>
#include <QStringList>
#include <vector>

// formats: any of "png", "svg", "pdf". Needs a QApplication (offscreen is fine).
// Returns "" on success, else one clear sentence; *written gets the files made.
QString writeChartImages(const std::vector<reglab::MetricSpec>& metrics,
                         const std::vector<reglab::MetricRow>& rows,
                         const std::vector<reglab::ParamEvent>& events,
                         const QString& dir, const QStringList& formats,
                         QStringList* written = nullptr);
