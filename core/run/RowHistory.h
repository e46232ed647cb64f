#pragma once
// The metric rows of a run kept for its charts, in bounded memory: every row while there
// are fewer than `capacity`, then evenly thinned (every 2nd, 4th, ... row), so a run of a
// billion steps keeps at most `capacity` rows. The first row (step 0) and the latest row
// are always kept. metrics.csv and summary.json get every row (they are streamed and
// summed up as the run goes); only the pictures use this.
#include "labs/MetricSpec.h"

#include <cstdint>
#include <vector>

namespace reglab {

class RowHistory {
public:
    static constexpr size_t kDefaultCapacity = 8192;

    explicit RowHistory(size_t capacity = kDefaultCapacity);

    void clear();
    void add(const MetricRow& row);
    // The kept rows in step order, the latest row included.
    std::vector<MetricRow> rows() const;
    size_t size() const;
    bool empty() const { return m_offered == 0; }
    const MetricRow& front() const { return m_kept.front(); }
    const MetricRow& back() const { return m_last; }
    int64_t stride() const { return m_stride; } // rows offered per row kept
    int64_t offered() const { return m_offered; }

private:
    size_t m_capacity;
    std::vector<MetricRow> m_kept; // offered rows 0, stride, 2 stride, ...
    MetricRow m_last;
    int64_t m_offered = 0;
    int64_t m_stride = 1;
};

} // namespace reglab
