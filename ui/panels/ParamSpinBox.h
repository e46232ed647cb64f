#pragma once
// A spin box for a float parameter that shows values as people write them ("0.001",
// "1e-05", "0.3") instead of a fixed number of decimals, and that steps by a factor on
// log-scale parameters (from 0, "off", it steps to the smallest on value). A typed value out
// of range is clamped to the nearest end, and clamped() says so.
#include <QDoubleSpinBox>

class ParamSpinBox : public QDoubleSpinBox {
    Q_OBJECT
public:
    // logLow: the smallest non-zero value the log steps reach (ignored when !logScale).
    ParamSpinBox(double min, double max, bool logScale, double logLow, QWidget* parent = nullptr);

    void stepBy(int steps) override;
    QString textFromValue(double value) const override;
    double valueFromText(const QString& text) const override;
    QValidator::State validate(QString& text, int& pos) const override;
    void fixup(QString& text) const override;

    static constexpr double kLogStep = 1.7782794100389228; // 10^(1/4): four steps a decade

signals:
    // A typed value was replaced by `bound`; note says so in one sentence (RangeNote).
    void clamped(double bound, const QString& note) const;

private:
    bool m_log;
    double m_logLow;
};
