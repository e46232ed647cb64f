#include "charts/ValueTicks.h"

#include <QCategoryAxis>

#include <cmath>

QString ValueTicks::label(double value, double tick)
{
    if (tick > 0 && std::isfinite(value)) {
        value = std::round(value / tick) * tick; // back onto the grid of ticks
        if (std::abs(value) < 1e-9 * tick)
            value = 0.0; // never "-0"
    }
    return QString::number(value, 'g', 3);
}

void ValueTicks::apply(QCategoryAxis* axis, const NiceRange& range, double pad)
{
    const QStringList old = axis->categoriesLabels();
    for (const QString& l : old)
        axis->remove(l);
    axis->setStartValue(range.lo - pad);
    if (range.tick > 0 && std::isfinite(range.lo) && std::isfinite(range.hi)) {
        const double first = std::ceil(range.lo / range.tick - 1e-9);
        for (double k = first; k * range.tick <= range.hi + 1e-9 * range.tick && k - first < 100; k += 1) {
            const QString l = label(k * range.tick, range.tick);
            if (!axis->categoriesLabels().contains(l))
                axis->append(l, k * range.tick);
        }
    }
    axis->setRange(range.lo - pad, range.hi + pad);
}
