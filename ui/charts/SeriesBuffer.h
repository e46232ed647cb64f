#pragma once
// The canonical history of one curve, kept outside Qt Charts (STYLE-ANCHORS Part 3).
//
// - NaN/Inf never get in (QXYSeries::replace() would pass them through).
// - y min/max are cached, so autoscaling a full view costs O(1).
// - Memory is bounded: up to `capacity` samples are kept at full resolution; past that,
//   neighbouring samples are merged into buckets that keep their min and their max (both
//   real samples, in step order), doubling the bucket width each time. Spikes survive.
// - decimated() hands a chart at most ~2 points per pixel, again min/max per pixel column.
#include <QList>
#include <QPointF>

#include <QString>

#include <cstdint>
#include <string>
#include <vector>

class SeriesBuffer {
public:
    explicit SeriesBuffer(int capacity = 1 << 17);

    // x must not decrease (steps); a sample with a smaller x than the last one is dropped.
    // Non-finite x or y is dropped and counted in rejectedCount().
    void append(double x, double y);
    void clear();
    // Forgets every sample with x > lastX (rollback to an earlier step).
    void truncateAfter(double lastX);

    bool isEmpty() const { return m_appended == 0; }
    int64_t appendedCount() const { return m_appended; }
    int64_t rejectedCount() const { return m_rejected; }
    int storedCount() const { return int(m_points.size()) + m_pendingPoints; }
    int capacity() const { return m_capacity; }
    // Raw samples per stored bucket (1 = full resolution).
    int64_t bucketWidth() const { return m_bucket; }
    size_t memoryBytes() const { return m_points.capacity() * sizeof(QPointF); }

    // Cached over everything kept. Meaningless when isEmpty().
    double xMin() const { return m_xMin; }
    double xMax() const { return m_xMax; }
    double yMin() const { return m_yMin; }
    double yMax() const { return m_yMax; }
    // Smallest y > 0, for log axes; +inf when there is none.
    double yMinPositive() const { return m_yMinPositive; }
    double lastY() const { return m_lastY; }

    // Points with x in [x0, x1] (plus one neighbour on each side so the line reaches the
    // edges), reduced to at most 2 per pixel column (+4 at the edges) by keeping each column's min and max.
    QList<QPointF> decimated(double x0, double x1, int pixels) const;
    // The same for a log x axis: pixel columns of equal width in log10(x) (x < 1 counts as 1).
    QList<QPointF> decimatedLog(double x0, double x1, int pixels) const;
    // CSV of several buffers merged on step: "step,<id>...", an empty cell where a buffer
    // has no sample at that step. Full-resolution history.
    static QString toCsv(const std::vector<std::string>& ids, const std::vector<SeriesBuffer>& buffers);
    // Everything kept, in x order (full resolution until the buffer first compacted).
    std::vector<QPointF> samples() const;

private:
    void pushStored(const QPointF& p);
    void flushPending();
    void compact();
    void recomputeCache();

    int m_capacity;
    std::vector<QPointF> m_points;  // bucket width 1: one point per sample; else 2 per bucket
    int64_t m_bucket = 1;
    // The bucket being filled (bucket width > 1): its min and max sample so far.
    int64_t m_pendingCount = 0;
    int m_pendingPoints = 0; // 0, 1 or 2 points in m_pendMin/m_pendMax that are real
    QPointF m_pendMin, m_pendMax;

    int64_t m_appended = 0, m_rejected = 0;
    double m_xMin = 0, m_xMax = 0, m_yMin = 0, m_yMax = 0, m_lastY = 0;
    double m_yMinPositive = 0;
};
