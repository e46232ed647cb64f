#pragma once
// Confidence and calibration of a classifier, from its logits: the mean of the largest
// logit, and the expected calibration error over equal-width confidence bins (Guo et al.
// 2017): ECE = sum_b (n_b / N) |accuracy_b - confidence_b|, where the confidence of a sample
// is its largest softmax probability. Chunks are added with merge() in a fixed order, so
// the result is the same at any thread count.
#include "Types.h"

#include <array>

namespace reglab {

class Calibration {
public:
    static constexpr int kBins = 15;

    // logits: (n, classes); labels: n class indices.
    void add(const MatF& logits, const int* labels);
    void merge(const Calibration& other);

    long count() const { return m_count; }
    double meanMaxLogit() const;
    double ece() const;

private:
    long m_count = 0;
    double m_maxLogitSum = 0;
    std::array<long, kBins> m_n{};
    std::array<double, kBins> m_confidence{}, m_correct{};
};

} // namespace reglab
