#include "charts/EmaSmoother.h"

#include <algorithm>
#include <cmath>

void EmaSmoother::setWeight(double weight)
{
    m_weight = std::isfinite(weight) ? std::clamp(weight, 0.0, 0.999) : 0.0;
    reset();
}

void EmaSmoother::reset()
{
    m_last = 0.0;
    m_weightPow = 1.0;
}

double EmaSmoother::add(double v)
{
    m_last = m_last * m_weight + (1.0 - m_weight) * v;
    m_weightPow *= m_weight;
    const double debias = 1.0 - m_weightPow;
    return debias > 0.0 ? m_last / debias : v;
}
