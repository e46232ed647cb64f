#pragma once
// The x axis of the charts over training steps: a QCategoryAxis whose labels are ours
// ("250k" rather than an elided "250000"), from step 0 to the last step (the curves fill
// the chart, as in TensorBoard), ticks on nice steps, as many as fit the plot's width.
#include "charts/NiceScale.h"

#include <QString>

class QCategoryAxis;

class StepAxis {
public:
    // Compact step numbers for axis labels: 5000, 25k, 2.5M.
    static QString label(double step);
    // Shows [0, max(lastStep, 10)] on `axis` for a plot `plotWidth` px wide. Touches the
    // axis only where the result differs from `shown` (what it shows now); returns the result.
    static NiceRange update(QCategoryAxis* axis, double lastStep, double plotWidth, const NiceRange& shown);
};
