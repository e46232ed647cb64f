#include "regularizers/EarlyStopping.h"

#include <cmath>

namespace reglab {

void EarlyStopping::reset()
{
    m_best = std::numeric_limits<double>::infinity();
    m_bestStep = -1;
    m_badEvals = 0;
}

bool EarlyStopping::observe(double valLoss, int64_t step)
{
    if (std::isfinite(valLoss) && valLoss < m_best - minDelta) {
        m_best = valLoss;
        m_bestStep = step;
        m_badEvals = 0;
        return true;
    }
    ++m_badEvals;
    return false;
}

} // namespace reglab
