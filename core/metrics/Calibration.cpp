#include "metrics/Calibration.h"

#include <algorithm>
#include <cmath>

namespace reglab {

void Calibration::add(const MatF& logits, const int* labels)
{
    for (Index i = 0; i < logits.rows(); ++i) {
        Index arg = 0;
        const double top = double(logits.row(i).maxCoeff(&arg));
        if (!std::isfinite(top))
            continue; // a diverged net: nothing to measure
        double z = 0;
        for (Index k = 0; k < logits.cols(); ++k)
            z += std::exp(double(logits(i, k)) - top);
        const double confidence = 1.0 / z; // softmax of the largest logit
        const int b = std::clamp(int(confidence * kBins), 0, kBins - 1);
        ++m_n[size_t(b)];
        m_confidence[size_t(b)] += confidence;
        m_correct[size_t(b)] += arg == labels[i] ? 1.0 : 0.0;
        m_maxLogitSum += top;
        ++m_count;
    }
}

void Calibration::merge(const Calibration& o)
{
    m_count += o.m_count;
    m_maxLogitSum += o.m_maxLogitSum;
    for (size_t b = 0; b < size_t(kBins); ++b) {
        m_n[b] += o.m_n[b];
        m_confidence[b] += o.m_confidence[b];
        m_correct[b] += o.m_correct[b];
    }
}

double Calibration::meanMaxLogit() const { return m_count ? m_maxLogitSum / double(m_count) : 0.0; }

double Calibration::ece() const
{
    if (m_count == 0)
        return 0.0;
    double e = 0;
    for (size_t b = 0; b < size_t(kBins); ++b)
        if (m_n[b] > 0)
            e += std::abs(m_correct[b] - m_confidence[b]) / double(m_count); // n_b/N * |acc_b - conf_b|
    return e;
}

} // namespace reglab
