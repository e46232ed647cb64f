#include "charts/FlatSeries.h"

#include "charts/StepAxis.h"

#include <QStringList>

#include <cmath>

void FlatSeries::add(double step, double value)
{
    if (m_samples++ == 0) {
        m_first = m_last = value;
        return;
    }
    if (m_varies)
        return;
    if (std::abs(value - m_last) <= 1e-12 * std::max(std::abs(value), std::abs(m_last)))
        return;
    m_last = value;
    if (int(m_changes.size()) >= kMaxChanges) {
        m_varies = true;
        m_changes.clear();
        return;
    }
    m_changes.emplace_back(step, value);
}

void FlatSeries::clear() { *this = FlatSeries(); }

QString FlatSeries::describe(const QString& label) const
{
    auto num = [](double v) { return QString::number(v, 'g', 4); };
    QString s = label + QLatin1Char(' ') + num(m_first);
    if (m_changes.empty())
        return s;
    QStringList parts;
    for (const auto& [step, v] : m_changes)
        parts << QStringLiteral("at step %1 to %2").arg(StepAxis::label(step), num(v));
    return s + QStringLiteral(" (changed ") + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
}
