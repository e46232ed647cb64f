#pragma once
// TensorBoard's debiased exponential moving average: the first values are not pulled
// towards 0, so a smoothed curve starts where the raw one starts.
#include <cstdint>

class EmaSmoother {
public:
    explicit EmaSmoother(double weight = 0.0) { setWeight(weight); }
    // weight in [0, 0.999]; 0 means no smoothing. Clears the history.
    void setWeight(double weight);
    double weight() const { return m_weight; }
    void reset();
    // The smoothed value after adding v.
    double add(double v);

private:
    double m_weight = 0.0;
    double m_last = 0.0;
    double m_weightPow = 1.0; // weight^n, for the debias factor 1 - weight^n
};
