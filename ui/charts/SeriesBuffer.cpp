#include "charts/SeriesBuffer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

// The two samples that represent a bucket: its min and its max, in x order. Ties keep the
// first min and the last max so a flat stretch still spans its bucket.
void minMaxInOrder(const QPointF* begin, const QPointF* end, QPointF* first, QPointF* second)
{
    const QPointF* lo = begin;
    const QPointF* hi = begin;
    for (const QPointF* p = begin + 1; p < end; ++p) {
        if (p->y() < lo->y())
            lo = p;
        if (p->y() >= hi->y())
            hi = p;
    }
    if (lo <= hi) {
        *first = *lo;
        *second = *hi;
    } else {
        *first = *hi;
        *second = *lo;
    }
}
} // namespace

SeriesBuffer::SeriesBuffer(int capacity) : m_capacity(std::max(16, capacity & ~3)) { clear(); }

void SeriesBuffer::clear()
{
    m_points.clear();
    m_points.shrink_to_fit();
    m_bucket = 1;
    m_pendingCount = 0;
    m_pendingPoints = 0;
    m_appended = 0;
    m_rejected = 0;
    m_xMin = m_xMax = m_yMin = m_yMax = m_lastY = 0.0;
    m_yMinPositive = kInf;
}

void SeriesBuffer::pushStored(const QPointF& p)
{
    // Grow by hand so the vector never reserves far past the capacity.
    if (m_points.size() == m_points.capacity())
        m_points.reserve(std::min<size_t>(size_t(m_capacity) + 4, std::max<size_t>(64, 2 * m_points.capacity())));
    m_points.push_back(p);
}

void SeriesBuffer::append(double x, double y)
{
    if (!std::isfinite(x) || !std::isfinite(y)) {
        ++m_rejected;
        return;
    }
    if (m_appended > 0 && x < m_xMax) {
        ++m_rejected;
        return;
    }
    if (m_appended == 0) {
        m_xMin = x;
        m_yMin = m_yMax = y;
    } else {
        m_yMin = std::min(m_yMin, y);
        m_yMax = std::max(m_yMax, y);
    }
    if (y > 0.0)
        m_yMinPositive = std::min(m_yMinPositive, y);
    m_xMax = x;
    m_lastY = y;
    ++m_appended;

    const QPointF p(x, y);
    if (m_bucket == 1) {
        pushStored(p);
    } else {
        if (m_pendingPoints == 0) {
            m_pendMin = m_pendMax = p;
            m_pendingPoints = 1;
        } else {
            if (y < m_pendMin.y())
                m_pendMin = p;
            if (y >= m_pendMax.y())
                m_pendMax = p;
            m_pendingPoints = 2;
        }
        if (++m_pendingCount >= m_bucket)
            flushPending();
    }
    if (int(m_points.size()) > m_capacity)
        compact();
}

void SeriesBuffer::flushPending()
{
    if (m_pendingPoints == 0)
        return;
    // Exactly two stored points per bucket keeps compact() simple.
    if (m_pendMin.x() <= m_pendMax.x()) {
        pushStored(m_pendMin);
        pushStored(m_pendMax);
    } else {
        pushStored(m_pendMax);
        pushStored(m_pendMin);
    }
    m_pendingCount = 0;
    m_pendingPoints = 0;
}

void SeriesBuffer::compact()
{
    // Runs right after a push, so nothing is pending. Groups of 4 stored points (4 samples,
    // or 2 buckets) become one bucket of 2 points: the storage halves.
    const size_t n = m_points.size();
    const size_t full = n - n % 4;
    size_t out = 0;
    for (size_t i = 0; i < full; i += 4) {
        QPointF a, b;
        minMaxInOrder(&m_points[i], &m_points[i] + 4, &a, &b);
        m_points[out++] = a;
        m_points[out++] = b;
    }
    const int64_t oldBucket = m_bucket;
    m_bucket = oldBucket == 1 ? 4 : 2 * oldBucket;
    // The leftover (fewer than a full new bucket) starts the pending bucket.
    if (full < n) {
        QPointF a, b;
        minMaxInOrder(&m_points[full], &m_points[0] + n, &a, &b);
        m_pendMin = a.y() <= b.y() ? a : b;
        m_pendMax = a.y() <= b.y() ? b : a;
        m_pendingPoints = (n - full == 1) ? 1 : 2;
        m_pendingCount = oldBucket == 1 ? int64_t(n - full) : int64_t((n - full) / 2) * oldBucket;
    }
    m_points.resize(out);
}

void SeriesBuffer::truncateAfter(double lastX)
{
    if (m_appended == 0 || m_xMax <= lastX)
        return;
    // Pending points come after every stored point.
    if (m_pendingPoints > 0) {
        const bool keepMin = m_pendMin.x() <= lastX;
        const bool keepMax = m_pendMax.x() <= lastX;
        if (keepMin && keepMax) {
            // both kept: nothing after lastX can be pending, handled by the early return
        } else if (keepMin || keepMax) {
            m_pendMin = m_pendMax = keepMin ? m_pendMin : m_pendMax;
            m_pendingPoints = 1;
            m_pendingCount = 1;
        } else {
            m_pendingPoints = 0;
            m_pendingCount = 0;
        }
    }
    if (m_pendingPoints == 0) {
        while (!m_points.empty() && m_points.back().x() > lastX)
            m_points.pop_back();
        if (m_bucket > 1 && m_points.size() % 2 == 1) {
            m_pendMin = m_pendMax = m_points.back();
            m_points.pop_back();
            m_pendingPoints = 1;
            m_pendingCount = 1;
        }
    }
    recomputeCache();
}

void SeriesBuffer::recomputeCache()
{
    const std::vector<QPointF> all = samples();
    if (all.empty()) {
        const int64_t rejected = m_rejected;
        const int64_t bucket = m_bucket;
        clear();
        m_rejected = rejected;
        m_bucket = bucket;
        return;
    }
    m_xMin = all.front().x();
    m_xMax = all.back().x();
    m_lastY = all.back().y();
    m_yMin = m_yMax = all.front().y();
    m_yMinPositive = kInf;
    for (const QPointF& p : all) {
        m_yMin = std::min(m_yMin, p.y());
        m_yMax = std::max(m_yMax, p.y());
        if (p.y() > 0.0)
            m_yMinPositive = std::min(m_yMinPositive, p.y());
    }
    // The exact sample count is lost once buckets merged; what remains is what we can show.
    m_appended = std::max<int64_t>(int64_t(all.size()), std::min<int64_t>(m_appended, int64_t(all.size()) * m_bucket));
}

std::vector<QPointF> SeriesBuffer::samples() const
{
    std::vector<QPointF> all(m_points.begin(), m_points.end());
    if (m_pendingPoints == 1) {
        all.push_back(m_pendMin);
    } else if (m_pendingPoints == 2) {
        if (m_pendMin.x() <= m_pendMax.x()) {
            all.push_back(m_pendMin);
            all.push_back(m_pendMax);
        } else {
            all.push_back(m_pendMax);
            all.push_back(m_pendMin);
        }
    }
    return all;
}

QList<QPointF> SeriesBuffer::decimated(double x0, double x1, int pixels) const
{
    QList<QPointF> out;
    if (m_appended == 0)
        return out;
    if (!(x1 > x0)) {
        x0 = m_xMin;
        x1 = std::max(m_xMax, m_xMin + 1.0);
    }
    pixels = std::max(1, pixels);

    // The visible slice of stored points, one neighbour outside each edge.
    auto byX = [](const QPointF& p, double x) { return p.x() < x; };
    auto first = std::lower_bound(m_points.begin(), m_points.end(), x0, byX);
    if (first != m_points.begin())
        --first;
    auto last = std::upper_bound(m_points.begin(), m_points.end(), x1,
                                 [](double x, const QPointF& p) { return x < p.x(); });
    if (last != m_points.end())
        ++last;
    // Read in place (no copy of a long history each frame): stored points, then pending ones.
    const QPointF* stored = m_points.data() + (first - m_points.begin());
    const size_t nStored = size_t(last - first);
    QPointF pend[2];
    size_t nPend = 0;
    if (last == m_points.end()) { // else a stored neighbour already ends the slice
        if (m_pendingPoints == 1) {
            pend[nPend++] = m_pendMin;
        } else if (m_pendingPoints == 2) {
            const bool minFirst = m_pendMin.x() <= m_pendMax.x();
            pend[nPend++] = minFirst ? m_pendMin : m_pendMax;
            pend[nPend++] = minFirst ? m_pendMax : m_pendMin;
        }
    }
    const size_t n = nStored + nPend;
    auto at = [&](size_t k) -> const QPointF& { return k < nStored ? stored[k] : pend[k - nStored]; };

    if (int(n) <= 2 * pixels + 2) {
        out.reserve(int(n));
        for (size_t k = 0; k < n; ++k)
            out.push_back(at(k));
        return out;
    }
    out.reserve(2 * pixels + 4);
    const double scale = pixels / (x1 - x0);
    // Column of a point: 0..pixels-1 inside [x0, x1]; the outside neighbours get -1 / pixels.
    auto column = [&](double x) -> long {
        if (x < x0)
            return -1;
        if (x > x1)
            return pixels;
        return std::min<long>(long(std::floor((x - x0) * scale)), pixels - 1);
    };
    size_t i = 0;
    while (i < n) {
        const long c = column(at(i).x());
        // The column's min and max (first min, last max), kept in x order.
        size_t lo = i, hi = i, j = i + 1;
        for (; j < n && column(at(j).x()) == c; ++j) {
            if (at(j).y() < at(lo).y())
                lo = j;
            if (at(j).y() >= at(hi).y())
                hi = j;
        }
        if (j - i == 1) {
            out.push_back(at(i));
        } else {
            out.push_back(at(std::min(lo, hi)));
            out.push_back(at(std::max(lo, hi)));
        }
        i = j;
    }
    return out;
}

QList<QPointF> SeriesBuffer::decimatedLog(double x0, double x1, int pixels) const
{
    // A pixel column spans more steps further right: decimate piecewise, each piece (equal
    // in log10) getting its share of the pixels.
    const double a0 = std::log10(std::max(x0, 1.0)), a1 = std::max(std::log10(std::max(x1, 1.0)), a0 + 1e-9);
    const int pieces = std::clamp(int(std::ceil(a1 - a0)), 1, 8);
    QList<QPointF> out;
    for (int k = 0; k < pieces; ++k) {
        const double s0 = k == 0 ? x0 : std::pow(10.0, a0 + (a1 - a0) * k / pieces);
        const double s1 = k == pieces - 1 ? x1 : std::pow(10.0, a0 + (a1 - a0) * (k + 1) / pieces);
        for (const QPointF& p : decimated(s0, s1, std::max(2, pixels / pieces)))
            if (out.isEmpty() || p.x() > out.last().x())
                out.push_back(p);
    }
    return out;
}

QString SeriesBuffer::toCsv(const std::vector<std::string>& ids, const std::vector<SeriesBuffer>& buffers)
{
    // Rows merged on step: a metric without a value at that step leaves its cell empty.
    std::map<double, std::vector<double>> table;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (size_t i = 0; i < buffers.size(); ++i)
        for (const QPointF& p : buffers[i].samples()) {
            auto& row = table[p.x()];
            if (row.empty())
                row.assign(buffers.size(), nan);
            row[i] = p.y();
        }
    QString out = QStringLiteral("step");
    for (const auto& id : ids)
        out += QLatin1Char(',') + QString::fromStdString(id);
    out += QLatin1Char('\n');
    for (const auto& [step, values] : table) {
        out += QString::number(qint64(step));
        for (double v : values) {
            out += QLatin1Char(',');
            if (std::isfinite(v))
                out += QString::number(v, 'g', 10);
        }
        out += QLatin1Char('\n');
    }
    return out;
}

