#include "panels/ParamSpinBox.h"

#include "charts/NiceScale.h"
#include "panels/RangeNote.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

ParamSpinBox::ParamSpinBox(double min, double max, bool logScale, double logLow, QWidget* parent)
    : QDoubleSpinBox(parent), m_log(logScale), m_logLow(logLow)
{
    setDecimals(12); // keep full precision; textFromValue decides what is shown
    setRange(min, max);
    setSingleStep(NiceScale::niceNumber((max - min) / 100.0, true));
    setKeyboardTracking(false);
    setAccelerated(true);
    setCorrectionMode(QAbstractSpinBox::CorrectToNearestValue);
}

void ParamSpinBox::stepBy(int steps)
{
    if (!m_log) {
        QDoubleSpinBox::stepBy(steps);
        return;
    }
    double v = value();
    for (int i = 0; i < std::abs(steps); ++i) {
        if (steps > 0)
            v = v <= 0.0 ? std::max(m_logLow, minimum()) : v * kLogStep;
        else
            v = (v / kLogStep < m_logLow * 0.999) ? minimum() : v / kLogStep;
    }
    // Land on readable values (0.00178 rather than 0.0017782794).
    if (v > 0.0) {
        const double mag = std::pow(10.0, std::floor(std::log10(v)) - 2);
        v = std::round(v / mag) * mag;
    }
    setValue(std::clamp(v, minimum(), maximum()));
}

QString ParamSpinBox::textFromValue(double value) const
{
    if (value == 0.0)
        return QStringLiteral("0");
    return QString::number(value, 'g', 4);
}

double ParamSpinBox::valueFromText(const QString& text) const
{
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    return ok ? v : value();
}

QValidator::State ParamSpinBox::validate(QString& text, int&) const
{
    const QString t = text.trimmed();
    if (t.isEmpty() || t == QLatin1String("-") || t == QLatin1String(".") || t.endsWith(QLatin1Char('e'))
        || t.endsWith(QLatin1String("e-")))
        return QValidator::Intermediate;
    bool ok = false;
    const double v = t.toDouble(&ok);
    if (!ok || !std::isfinite(v)) // "inf" has no nearest value to clamp to
        return QValidator::Invalid;
    return (v >= minimum() && v <= maximum()) ? QValidator::Acceptable : QValidator::Intermediate;
}

void ParamSpinBox::fixup(QString& text) const
{
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v) || (v >= minimum() && v <= maximum())) {
        QDoubleSpinBox::fixup(text);
        return;
    }
    const double bound = std::clamp(v, minimum(), maximum());
    const QString typed = text.trimmed();
    text = QString::number(bound, 'g', 17); // exact: the shown text (4 digits) could be off the range
    emit clamped(bound, RangeNote::clampText(typed, textFromValue(bound), v > maximum()));
}
