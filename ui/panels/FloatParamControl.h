#pragma once
// Slider + spin box for a Float ParamSpec. On log-scale params the slider moves in log
// space; when 0 is allowed the slider's left end means 0 ("off").
#include "labs/ParamSpec.h"

#include <QWidget>

class ParamSpinBox;
class QSlider;

class FloatParamControl : public QWidget {
    Q_OBJECT
public:
    static constexpr int kSliderSteps = 1000;

    explicit FloatParamControl(const reglab::ParamSpec& spec, QWidget* parent = nullptr);
    double value() const;
    // Sets without emitting valueEdited.
    void setValue(double v);
    QSlider* slider() const { return m_slider; }
    ParamSpinBox* spinBox() const { return m_spin; }

    // The mapping, public for tests.
    int positionOf(double v) const;
    double valueAt(int position) const;

signals:
    void valueEdited(double v);
    // A typed value out of range was clamped to bound (ParamSpinBox::clamped).
    void clamped(double bound, const QString& note);

private:
    reglab::ParamSpec m_spec;
    double m_logLow = 0.0; // smallest non-zero value on a log slider
    QSlider* m_slider = nullptr;
    ParamSpinBox* m_spin = nullptr;
};
