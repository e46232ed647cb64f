#include "charts/NiceScale.h"

#include <algorithm>
#include <cmath>

double NiceScale::niceNumber(double x, bool round)
{
    if (!(x > 0.0) || !std::isfinite(x))
        return 1.0;
    const double exponent = std::floor(std::log10(x));
    const double fraction = x / std::pow(10.0, exponent);
    double nice;
    if (round)
        nice = fraction < 1.5 ? 1.0 : fraction < 3.0 ? 2.0 : fraction < 7.0 ? 5.0 : 10.0;
    else
        nice = fraction <= 1.0 ? 1.0 : fraction <= 2.0 ? 2.0 : fraction <= 5.0 ? 5.0 : 10.0;
    return nice * std::pow(10.0, exponent);
}

NiceRange NiceScale::linear(double lo, double hi, int maxTicks, double padFraction, double floorAt, double ceilAt)
{
    NiceRange r;
    if (!std::isfinite(lo) || !std::isfinite(hi))
        return r;
    if (lo > hi)
        std::swap(lo, hi);
    double span = hi - lo;
    // A flat range gets a visible height around its value.
    const double scale = std::max(std::abs(lo), std::abs(hi));
    if (span <= 1e-12 * std::max(1.0, scale)) {
        const double half = scale > 0.0 ? 0.1 * scale : 0.5;
        lo = std::max(lo - half, std::min(floorAt, lo));
        hi = std::min(hi + half, std::max(ceilAt, hi));
        if (hi - lo < 1e-12 * std::max(1.0, scale)) // pinned at both ends: open upwards
            hi = lo + 2.0 * half;
        span = hi - lo;
    } else {
        lo = std::max(lo - padFraction * span, std::min(floorAt, lo));
        hi = std::min(hi + padFraction * span, std::max(ceilAt, hi));
        span = hi - lo;
    }
    maxTicks = std::max(2, maxTicks);
    const double tick = niceNumber(span / (maxTicks - 1), true);
    r.tick = tick;
    r.lo = std::floor(lo / tick + 1e-9) * tick;
    r.hi = std::ceil(hi / tick - 1e-9) * tick;
    if (r.hi <= r.lo)
        r.hi = r.lo + tick;
    r.tickCount = int(std::lround((r.hi - r.lo) / tick)) + 1;
    // Rounding outwards can add a tick or two; widen the tick instead of crowding the axis.
    while (r.tickCount > maxTicks + 2) {
        r.tick = niceNumber(r.tick * 1.5, false);
        r.lo = std::floor(lo / r.tick + 1e-9) * r.tick;
        r.hi = std::ceil(hi / r.tick - 1e-9) * r.tick;
        r.tickCount = int(std::lround((r.hi - r.lo) / r.tick)) + 1;
    }
    // -0 prints as "-0" on an axis.
    if (r.lo == 0.0)
        r.lo = 0.0;
    return r;
}

NiceRange NiceScale::logDecades(double lo, double hi, double minPositive)
{
    NiceRange r;
    lo = std::isfinite(lo) ? std::max(lo, minPositive) : minPositive;
    hi = std::isfinite(hi) ? std::max(hi, lo) : lo;
    double a = std::floor(std::log10(lo));
    double b = std::ceil(std::log10(hi));
    if (b <= a)
        b = a + 1;
    r.lo = std::pow(10.0, a);
    r.hi = std::pow(10.0, b);
    r.tick = 10.0;
    r.tickCount = int(b - a) + 1;
    return r;
}
