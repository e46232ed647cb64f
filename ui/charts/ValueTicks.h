#pragma once
// The labels of a linear value axis at its nice ticks, written by us: Qt's dynamic ticks
// add the interval up from the axis' start, so a tick that should read 0 can read
// "-1.39e-17" (0.05 has no exact binary value). Each label is the tick rounded to a whole
// number of intervals; a category axis puts it (and its grid line) exactly there.
#include "charts/NiceScale.h"

#include <QString>

class QCategoryAxis;

class ValueTicks {
public:
    // "0", "0.05", "-0.1", "1e+03": 3 significant digits, and exactly 0 at zero.
    static QString label(double value, double tick);
    // Shows [range.lo - pad, range.hi + pad] on `axis` with a label at every multiple of
    // range.tick inside [range.lo, range.hi].
    static void apply(QCategoryAxis* axis, const NiceRange& range, double pad);
};
