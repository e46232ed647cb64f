#include "charts/StepAxis.h"

#include "charts/ChartPalette.h"

#include <QCategoryAxis>
#include <QFontMetricsF>

#include <algorithm>
#include <cmath>
#include <vector>

QString StepAxis::label(double step)
{
    const double a = std::abs(step);
    auto trimmed = [](double v) { return QString::number(v, 'f', v == std::round(v) ? 0 : 1); };
    if (a >= 1e6)
        return trimmed(step / 1e6) + QLatin1Char('M');
    if (a >= 1e4)
        return trimmed(step / 1e3) + QLatin1Char('k');
    return QString::number(step, 'f', 0);
}

NiceRange StepAxis::update(QCategoryAxis* axis, double lastStep, double plotWidth, const NiceRange& shown)
{
    // As many ticks as fit the width with room for a label each.
    const QFontMetricsF xfm(ChartPalette::axisLabelFont());
    const int maxTicks =
        plotWidth > 50 ? std::clamp(int(plotWidth / (xfm.horizontalAdvance(QStringLiteral("000k")) + 24)), 3, 8) : 6;
    // The axis ends at the last step; ticks sit on nice steps inside it.
    const double xHi = std::max(lastStep, 10.0);
    const NiceRange ticks = NiceScale::linear(0.0, xHi, maxTicks, 0.0);
    NiceRange xr = ticks;
    xr.lo = 0.0;
    xr.hi = xHi;
    xr.tickCount = int(std::floor(xHi / ticks.tick + 1e-9)) + 1;
    if (xr.tick != shown.tick || xr.tickCount != shown.tickCount || axis->count() == 0) {
        for (const QString& l : axis->categoriesLabels())
            axis->remove(l);
        axis->setStartValue(0.0);
        for (int i = 0; i < xr.tickCount; ++i)
            axis->append(label(i * xr.tick), i * xr.tick);
    }
    if (xr.hi != shown.hi || axis->max() != xr.hi)
        axis->setRange(0.0, xr.hi);
    return xr;
}

namespace {
// A label that reads back as its step ("25k" for 25001 does not): else the plain number.
QString exactLabel(double step)
{
    const QString l = StepAxis::label(step);
    QString digits = l;
    double scale = 1.0;
    if (l.endsWith(QLatin1Char('k')))
        scale = 1e3;
    else if (l.endsWith(QLatin1Char('M')))
        scale = 1e6;
    if (scale > 1.0)
        digits.chop(1);
    return std::abs(digits.toDouble() * scale - step) < 0.5 ? l : QString::number(step, 'f', 0);
}
// On a log axis the ticks are 1, 2, 5 x powers of ten: 1k, 20k, 5M fit where 1000 elides.
QString logLabel(double step)
{
    if (step >= 1e6)
        return QString::number(step / 1e6) + QLatin1Char('M');
    if (step >= 1e3)
        return QString::number(step / 1e3) + QLatin1Char('k');
    return QString::number(step);
}
} // namespace

NiceRange StepAxis::updateRange(QCategoryAxis* axis, double lo, double hi, bool log, double plotWidth,
                                const NiceRange& shown)
{
    const QFontMetricsF xfm(ChartPalette::axisLabelFont());
    const int maxTicks =
        plotWidth > 50 ? std::clamp(int(plotWidth / (xfm.horizontalAdvance(QStringLiteral("000k")) + 24)), 3, 8) : 6;
    std::vector<double> ticks; // in axis coordinates
    NiceRange xr;
    if (log) {
        xr.lo = toAxis(lo, true);
        xr.hi = std::max(toAxis(hi, true), xr.lo + 0.3);
        // 2 and 5 between the decades only where the narrowest gap (1 to 2: 0.3 decades) still
        // holds a three-digit label: Qt elides a label that does not fit ("1...").
        const double perDecade = plotWidth > 50 ? plotWidth / (xr.hi - xr.lo) : 0.0;
        const bool fine = xr.hi - xr.lo < 3.0
            && perDecade * std::log10(2.0) >= xfm.horizontalAdvance(QStringLiteral("200")) + 12;
        // Every decade while they fit the width, else every 2nd, 3rd, ... (from 10^0).
        const int every = std::max(1, int(std::ceil((xr.hi - xr.lo) / std::max(1, maxTicks - 1) - 1e-9)));
        for (int d = int(std::floor(xr.lo)); d <= int(std::ceil(xr.hi)); ++d)
            for (double m : {1.0, 2.0, 5.0}) {
                if (d % every != 0)
                    continue;
                if (m > 1.0 && !fine)
                    continue;
                const double x = std::log10(m) + d;
                if (x >= xr.lo - 1e-9 && x <= xr.hi + 1e-9)
                    ticks.push_back(x);
            }
        xr.tick = 1.0;
    } else {
        xr.lo = lo;
        xr.hi = std::max(hi, lo + 4.0);
        const NiceRange t = NiceScale::linear(xr.lo, xr.hi, maxTicks, 0.0);
        xr.tick = std::max(1.0, t.tick);
        for (double x = std::ceil(xr.lo / xr.tick - 1e-9) * xr.tick; x <= xr.hi + 1e-9; x += xr.tick)
            ticks.push_back(x);
    }
    xr.tickCount = int(ticks.size());
    if (xr.lo != shown.lo || xr.tick != shown.tick || xr.tickCount != shown.tickCount || axis->count() == 0
        || (ticks.size() && axis->endValue(axis->categoriesLabels().value(0)) != ticks.front())
        || (ticks.size() && axis->endValue(axis->categoriesLabels().value(axis->count() - 1)) != ticks.back())) {
        for (const QString& l : axis->categoriesLabels())
            axis->remove(l);
        axis->setStartValue(xr.lo);
        for (double x : ticks)
            axis->append(log ? logLabel(std::round(fromAxis(x, true))) : exactLabel(std::round(fromAxis(x, log))), x);
    }
    if (axis->min() != xr.lo || axis->max() != xr.hi)
        axis->setRange(xr.lo, xr.hi);
    return xr;
}
