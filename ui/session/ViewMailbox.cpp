#include "session/ViewMailbox.h"

#include <QMutexLocker>
#include <utility>

bool ViewMailbox::put(quint64 runId, reglab::LabViews views)
{
    QMutexLocker lock(&m_mutex);
    const bool wasEmpty = !m_full;
    m_views = std::move(views);
    m_runId = runId;
    m_full = true;
    return wasEmpty;
}

bool ViewMailbox::take(quint64* runId, reglab::LabViews* views)
{
    QMutexLocker lock(&m_mutex);
    if (!m_full)
        return false;
    *runId = m_runId;
    *views = std::move(m_views);
    m_views = {};
    m_full = false;
    return true;
}

bool ViewMailbox::isFull() const
{
    QMutexLocker lock(&m_mutex);
    return m_full;
}
