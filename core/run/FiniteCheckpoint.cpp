#include "run/FiniteCheckpoint.h"

namespace reglab {

bool FiniteCheckpoint::beforeStep(const Lab& lab, bool dueAnyway)
{
    if (m_candidate)
        return false;
    const int64_t since = lab.stepCount() - (m_checkpoint ? m_checkpoint->step : 0);
    if (since < m_every && !dueAnyway && m_checkpoint)
        return false;
    m_candidate = lab.saveState();
    return true;
}

bool FiniteCheckpoint::afterStep(bool finite)
{
    if (!m_candidate)
        return false;
    if (!finite) {
        m_candidate.reset();
        return false;
    }
    m_checkpoint = std::move(m_candidate);
    return true;
}

} // namespace reglab
