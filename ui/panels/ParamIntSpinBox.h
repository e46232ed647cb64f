#pragma once
// A spin box for an Int parameter that clamps a typed value outside its range to the nearest
// end and says so (clamped), instead of refusing the keys or reverting silently as QSpinBox
// does.
#include <QSpinBox>

class ParamIntSpinBox : public QSpinBox {
    Q_OBJECT
public:
    ParamIntSpinBox(int min, int max, QWidget* parent = nullptr);

    QValidator::State validate(QString& text, int& pos) const override;
    void fixup(QString& text) const override;

signals:
    // A typed value was replaced by `bound`; note says so in one sentence (RangeNote).
    void clamped(double bound, const QString& note) const;

private:
    bool parse(const QString& text, qlonglong* n) const;
};
