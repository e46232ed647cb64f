#include "panels/FloatParamControl.h"

#include "charts/NiceScale.h"
#include "panels/ParamSpinBox.h"

#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSlider>

#include <algorithm>
#include <cmath>

namespace {
// A slider position's value rounded to 3 significant digits: readable, and stable when the
// slider is moved back and forth.
double roundSignificant(double v, int digits)
{
    if (v == 0.0 || !std::isfinite(v))
        return v;
    const double mag = std::pow(10.0, std::floor(std::log10(std::abs(v))) - (digits - 1));
    return std::round(v / mag) * mag;
}
} // namespace

FloatParamControl::FloatParamControl(const reglab::ParamSpec& spec, QWidget* parent) : QWidget(parent), m_spec(spec)
{
    if (m_spec.logScale)
        m_logLow = m_spec.min > 0.0 ? m_spec.min : std::max(m_spec.max * 1e-5, 1e-12);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(0, kSliderSteps);
    m_slider->setPageStep(kSliderSteps / 20);
    m_spin = new ParamSpinBox(m_spec.min, m_spec.max, m_spec.logScale, m_logLow, this);
    m_spin->setMinimumWidth(72);
    // Below this a slider is useless: the form wraps the row instead. Small enough that a
    // 330-pixel panel keeps label and slider on one row (the regularizers fit on a 900-pixel screen).
    m_slider->setMinimumWidth(56);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_spin);
    setValue(m_spec.defaultValue.number);

    connect(m_slider, &QSlider::valueChanged, this, [this](int pos) {
        const double v = valueAt(pos);
        QSignalBlocker block(m_spin);
        m_spin->setValue(v);
        emit valueEdited(m_spin->value());
    });
    connect(m_spin, &ParamSpinBox::clamped, this, &FloatParamControl::clamped);
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        QSignalBlocker block(m_slider);
        m_slider->setValue(positionOf(v));
        emit valueEdited(v);
    });
}

double FloatParamControl::value() const { return m_spin->value(); }

void FloatParamControl::setValue(double v)
{
    QSignalBlocker a(m_slider), b(m_spin);
    m_spin->setValue(v);
    m_slider->setValue(positionOf(m_spin->value()));
}

int FloatParamControl::positionOf(double v) const
{
    const double lo = m_spec.min, hi = m_spec.max;
    if (!(hi > lo) || !std::isfinite(v))
        return 0;
    double t;
    if (m_spec.logScale) {
        if (v <= 0.0 || v < m_logLow)
            return (m_spec.min <= 0.0 && v <= 0.0) ? 0 : (m_spec.min <= 0.0 ? 1 : 0);
        // With 0 allowed, position 0 is "off" and 1..N spans [logLow, max].
        const double a = std::log(m_logLow), b = std::log(hi);
        t = (std::log(v) - a) / (b - a);
        if (m_spec.min <= 0.0)
            return std::clamp(1 + int(std::lround(t * (kSliderSteps - 1))), 1, kSliderSteps);
    } else {
        t = (v - lo) / (hi - lo);
    }
    return std::clamp(int(std::lround(t * kSliderSteps)), 0, kSliderSteps);
}

double FloatParamControl::valueAt(int pos) const
{
    const double lo = m_spec.min, hi = m_spec.max;
    pos = std::clamp(pos, 0, kSliderSteps);
    if (m_spec.logScale) {
        double t;
        if (m_spec.min <= 0.0) {
            if (pos == 0)
                return 0.0;
            t = double(pos - 1) / (kSliderSteps - 1);
        } else {
            t = double(pos) / kSliderSteps;
        }
        const double a = std::log(m_logLow), b = std::log(hi);
        return std::clamp(roundSignificant(std::exp(a + t * (b - a)), 3), std::max(lo, 0.0), hi);
    }
    const double v = lo + (hi - lo) * pos / kSliderSteps;
    const double step = NiceScale::niceNumber((hi - lo) / kSliderSteps, true);
    return std::clamp(std::round(v / step) * step, lo, hi);
}
