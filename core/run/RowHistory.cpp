#include "run/RowHistory.h"

#include <algorithm>

namespace reglab {

RowHistory::RowHistory(size_t capacity) : m_capacity(std::max<size_t>(4, capacity)) {}

void RowHistory::clear()
{
    m_kept.clear();
    m_last = {};
    m_offered = 0;
    m_stride = 1;
}

void RowHistory::add(const MetricRow& row)
{
    if (m_offered % m_stride == 0) {
        m_kept.push_back(row);
        if (m_kept.size() >= m_capacity) {
            // Keep every other kept row: positions 0, 2, 4, ... are offered rows 0, 2s, 4s, ...
            size_t j = 0;
            for (size_t i = 0; i < m_kept.size(); i += 2)
                m_kept[j++] = std::move(m_kept[i]);
            m_kept.resize(j);
            m_stride *= 2;
        }
    }
    m_last = row;
    ++m_offered;
}

std::vector<MetricRow> RowHistory::rows() const
{
    std::vector<MetricRow> out = m_kept;
    if (m_offered > 0 && (out.empty() || out.back().step != m_last.step))
        out.push_back(m_last);
    return out;
}

size_t RowHistory::size() const
{
    return m_kept.size() + ((m_offered > 0 && (m_kept.empty() || m_kept.back().step != m_last.step)) ? 1 : 0);
}

} // namespace reglab
