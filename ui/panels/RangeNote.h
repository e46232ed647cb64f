#pragma once
// The note under a number field that says a typed value was out of range and what was used
// instead ("Clamped to 0.99 (the largest allowed; 5 was typed)"), so a value is never
// changed silently. It stays until the field shows another value.
#include <QLabel>

class RangeNote : public QLabel {
    Q_OBJECT
public:
    explicit RangeNote(QWidget* parent = nullptr);

    // The note's sentence; tooLarge: the typed value was above the range (else below).
    static QString clampText(const QString& typed, const QString& bound, bool tooLarge);

    // Shown after the field clamped a typed value to `bound`.
    void showClamped(double bound, const QString& text);
    // The field now shows v: the note goes once v is not the clamped value any more.
    void valueShown(double v);

private:
    double m_bound = 0.0;
};
