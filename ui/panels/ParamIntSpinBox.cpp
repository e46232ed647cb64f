#include "panels/ParamIntSpinBox.h"

#include "panels/RangeNote.h"

#include <algorithm>

ParamIntSpinBox::ParamIntSpinBox(int min, int max, QWidget* parent) : QSpinBox(parent)
{
    setRange(min, max);
    setKeyboardTracking(false);
    setAccelerated(true);
}

bool ParamIntSpinBox::parse(const QString& text, qlonglong* n) const
{
    bool ok = false;
    const QString t = text.trimmed();
    *n = locale().toLongLong(t, &ok);
    if (!ok)
        *n = t.toLongLong(&ok);
    return ok;
}

QValidator::State ParamIntSpinBox::validate(QString& text, int& pos) const
{
    const QValidator::State s = QSpinBox::validate(text, pos);
    qlonglong n = 0;
    // A whole number out of range is kept while typing; fixup() clamps it and says so.
    if (s == QValidator::Invalid && parse(text, &n))
        return QValidator::Intermediate;
    return s;
}

void ParamIntSpinBox::fixup(QString& text) const
{
    qlonglong n = 0;
    if (!parse(text, &n) || (n >= minimum() && n <= maximum())) {
        QSpinBox::fixup(text);
        return;
    }
    const int bound = int(std::clamp<qlonglong>(n, minimum(), maximum()));
    const QString typed = text.trimmed();
    text = textFromValue(bound);
    emit clamped(bound, RangeNote::clampText(typed, text, n > maximum()));
}
