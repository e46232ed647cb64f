#pragma once
// The x axis of the charts over training steps: a QCategoryAxis whose labels are ours
// ("250k" rather than an elided "250000"), from step 0 to the last step (the curves fill
// the chart, as in TensorBoard), ticks on nice steps, as many as fit the plot's width.
#include "charts/NiceScale.h"

#include <QString>

#include <algorithm>
#include <cmath>

class QCategoryAxis;

class StepAxis {
public:
    // Compact step numbers for axis labels: 5000, 25k, 2.5M.
    static QString label(double step);
    // Shows [0, max(lastStep, 10)] on `axis` for a plot `plotWidth` px wide. Touches the
    // axis only where the result differs from `shown` (what it shows now); returns the result.
    static NiceRange update(QCategoryAxis* axis, double lastStep, double plotWidth, const NiceRange& shown);
    // Shows steps [lo, hi] (a zoom, the last N steps). log: the axis runs over log10(step)
    // (steps below 1 sit at 1) with ticks on 1, 10, 100, ... (also 2 and 5 when fewer than
    // three decades show). Returns the range in axis coordinates.
    static NiceRange updateRange(QCategoryAxis* axis, double lo, double hi, bool log, double plotWidth,
                                 const NiceRange& shown);
    // Step -> axis coordinate and back.
    static double toAxis(double step, bool log) { return log ? std::log10(std::max(step, 1.0)) : step; }
    static double fromAxis(double x, bool log) { return log ? std::pow(10.0, x) : x; }
};
