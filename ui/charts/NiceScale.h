#pragma once
// Axis ranges a reader can take in at a glance: ends on 1/2/5 x 10^n ticks, a little padding,
// and never a flat range (Qt Charts draws nothing when min == max).

struct NiceRange {
    double lo = 0.0, hi = 1.0;
    double tick = 0.2;   // distance between labelled ticks
    int tickCount = 6;   // labelled ticks including both ends (QValueAxis::setTickCount)
    bool operator==(const NiceRange& o) const { return lo == o.lo && hi == o.hi && tickCount == o.tickCount; }
    bool operator!=(const NiceRange& o) const { return !(*this == o); }
};

class NiceScale {
public:
    // The nearest "nice" number (1, 2, 5 x 10^n) to x; round=false rounds up instead.
    static double niceNumber(double x, bool round);
    // A range covering [lo, hi] padded by padFraction of its span on each side, snapped
    // outwards to ticks, with at most maxTicks labelled ticks. Non-finite input gives [0, 1].
    // Padding never crosses floor/ceil (e.g. a loss axis does not dip below 0 because of it).
    static NiceRange linear(double lo, double hi, int maxTicks = 6, double padFraction = 0.05,
                            double floor = -1e300, double ceil = 1e300);
    // Decade range [10^a, 10^b] with b > a covering [lo, hi]; lo is clamped to >= minPositive.
    static NiceRange logDecades(double lo, double hi, double minPositive = 1e-12);
};
