#include "charts/StepAxis.h"

#include "charts/ChartPalette.h"

#include <QCategoryAxis>
#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

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
