#pragma once
// Headless chart export for `reglab sweep --out`: the sweep's chart (charts/SweepChart, the
// one the Sweep dialog shows) rendered into sweep.png / .svg / .pdf through ChartExporter.
#include "run/Sweep.h"

#include <QString>
#include <QStringList>

// metric: an index into sweep.metrics(); xMetric: one charted on x (a frontier) or -1
// for the param. formats: any of "png", "svg", "pdf". Needs a
// QApplication (offscreen is fine). "" on success, else one clear sentence; *written gets
// the files made.
QString writeSweepImages(const reglab::Sweep& sweep, int metric, int xMetric, bool logX, bool logY, const QString& dir,
                         const QStringList& formats, QStringList* written = nullptr);
