#include "charts/PercentileHistory.h"

#include <algorithm>
#include <cmath>

PercentileHistory::PercentileHistory(int capacity) : m_capacity(std::max(4, capacity))
{
    m_samples.reserve(size_t(m_capacity));
    m_seq.reserve(size_t(m_capacity));
}

bool PercentileHistory::append(int64_t step, const std::vector<double>& values)
{
    if (values.size() != size_t(reglab::kPercentileCount))
        return false;
    Percentiles p;
    for (size_t i = 0; i < p.size(); ++i) {
        if (!std::isfinite(values[i]))
            return false;
        p[i] = values[i];
    }
    append(step, p);
    return true;
}

void PercentileHistory::append(int64_t step, const Percentiles& values)
{
    if (!m_samples.empty() && step <= m_samples.back().step)
        truncateAfter(step - 1);
    const int64_t seq = m_seq.empty() ? 0 : m_seq.back() + 1;
    if (!m_seq.empty() && m_seq.back() % m_stride != 0) {
        // The last sample was only kept for being the latest: this one takes its place.
        m_samples.back() = {step, values};
        m_seq.back() = seq;
    } else {
        m_samples.push_back({step, values});
        m_seq.push_back(seq);
    }
    if (int(m_samples.size()) >= m_capacity)
        thin();
}

void PercentileHistory::truncateAfter(int64_t step)
{
    const auto cut = std::upper_bound(m_samples.begin(), m_samples.end(), step,
                                      [](int64_t s, const Sample& x) { return s < x.step; });
    const auto n = cut - m_samples.begin();
    m_samples.erase(cut, m_samples.end());
    m_seq.resize(size_t(n));
}

void PercentileHistory::dropBefore(int64_t step)
{
    const auto cut = std::lower_bound(m_samples.begin(), m_samples.end(), step,
                                      [](const Sample& x, int64_t s) { return x.step < s; });
    const auto n = cut - m_samples.begin();
    m_samples.erase(m_samples.begin(), cut);
    m_seq.erase(m_seq.begin(), m_seq.begin() + n);
}

void PercentileHistory::clear()
{
    m_samples.clear();
    m_seq.clear();
    m_stride = 1;
}

void PercentileHistory::thin()
{
    m_stride *= 2;
    size_t out = 0;
    const size_t last = m_samples.size() - 1;
    for (size_t i = 0; i <= last; ++i) {
        if (m_seq[i] % m_stride != 0 && i != last)
            continue;
        m_samples[out] = m_samples[i];
        m_seq[out] = m_seq[i];
        ++out;
    }
    m_samples.resize(out);
    m_seq.resize(out);
}
