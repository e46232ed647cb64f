#pragma once
// When the worker may draw the views next. Views (a decision grid over the input plane)
// can cost more than a training step of a big net: a 6x512 net spent most of its time on
// them. So views come at most every kMinIntervalMs, and never take more than kMaxShare of
// the worker's time: after a view that took c ms, the next waits at least c (1 - s) / s ms.
// Plain arithmetic on milliseconds, so it is tested without clocks.
class ViewPacer {
public:
    static constexpr double kMinIntervalMs = 200.0; // at most 5 views a second
    static constexpr double kMaxShare = 0.2;        // at most a fifth of the worker's time

    // A view just took costMs; the wait until the next one restarts now.
    void drawn(double costMs)
    {
        m_costMs = costMs > 0.0 ? costMs : 0.0;
    }
    double lastCostMs() const { return m_costMs; }
    // The wait after the last view before the next may be drawn.
    double intervalMs() const
    {
        const double byShare = m_costMs * (1.0 - kMaxShare) / kMaxShare;
        return byShare > kMinIntervalMs ? byShare : kMinIntervalMs;
    }
    bool due(double msSinceLastView) const { return msSinceLastView >= intervalMs(); }

private:
    double m_costMs = 0.0;
};
