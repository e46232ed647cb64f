#pragma once
// Whether a curve is constant or piecewise constant (a learning rate, a fixed
// hyperparameter logged as a metric): its first value and the steps where it changed, kept
// while there are at most kMaxChanges changes. O(1) per sample, no history kept.
#include <QString>

#include <utility>
#include <vector>

class FlatSeries {
public:
    static constexpr int kMaxChanges = 3;
    static constexpr int kMinSamples = 8; // fewer: too early to tell
    void add(double step, double value);
    void clear();
    bool isEmpty() const { return m_samples == 0; }
    // Enough samples, and no more than kMaxChanges changes.
    bool isPiecewiseConstant() const { return m_samples >= kMinSamples && !m_varies; }
    double firstValue() const { return m_first; }
    const std::vector<std::pair<double, double>>& changes() const { return m_changes; } // (step, new value)
    // "learning rate 0.01 (changed at step 500 to 0.001)".
    QString describe(const QString& label) const;

private:
    long long m_samples = 0;
    double m_first = 0.0, m_last = 0.0;
    bool m_varies = false;
    std::vector<std::pair<double, double>> m_changes;
};
