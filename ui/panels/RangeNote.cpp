#include "panels/RangeNote.h"

#include "settings/TextTone.h"

RangeNote::RangeNote(QWidget* parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("rangeNote"));
    setWordWrap(true);
    TextTone::apply(this, TextTone::Tone::Warning); // orange: a warning, not an error
    hide();
}

QString RangeNote::clampText(const QString& typed, const QString& bound, bool tooLarge)
{
    return tooLarge ? tr("Clamped to %1 (the largest allowed; %2 was typed)").arg(bound, typed)
                    : tr("Clamped to %1 (the smallest allowed; %2 was typed)").arg(bound, typed);
}

void RangeNote::showClamped(double bound, const QString& text)
{
    m_bound = bound;
    setText(text);
    setToolTip(text);
    show();
}

void RangeNote::valueShown(double v)
{
    if (!isHidden() && v != m_bound)
        hide();
}
