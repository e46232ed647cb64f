#pragma once
// The history of one layer's weight percentiles (HistogramView::percentiles) over steps,
// bounded like every series of the window (DESIGN section 5):
//
// - Up to `capacity` samples are kept. When that many are there, every other one is dropped
//   (the first and the last stay) and from then on only every other new sample is kept, so
//   the samples stay evenly spread over the run and memory stays flat however long it goes.
// - The latest sample is always kept (it replaces the previous one when that one is not
//   due to stay), so the chart reaches the current step.
// - A sample at a step not after the last one (a reset, a NaN rollback) first drops the
//   samples from that step on: the history never shows a future that was undone.
#include "labs/LabViews.h"

#include <array>
#include <cstdint>
#include <vector>

class PercentileHistory {
public:
    using Percentiles = std::array<double, reglab::kPercentileCount>;
    struct Sample {
        int64_t step = 0;
        Percentiles values{};
    };
    static constexpr int kDefaultCapacity = 1000;

    explicit PercentileHistory(int capacity = kDefaultCapacity);

    // False (and nothing kept) unless `values` has kPercentileCount finite numbers.
    bool append(int64_t step, const std::vector<double>& values);
    void append(int64_t step, const Percentiles& values);
    // Forgets every sample after `step`.
    void truncateAfter(int64_t step);
    // Forgets every sample before `step`.
    void dropBefore(int64_t step);
    void clear();

    const std::vector<Sample>& samples() const { return m_samples; }
    bool isEmpty() const { return m_samples.empty(); }
    int capacity() const { return m_capacity; }
    // New samples per kept one (doubles at each thinning).
    int64_t stride() const { return m_stride; }

private:
    void thin();

    int m_capacity;
    int64_t m_stride = 1;
    std::vector<Sample> m_samples;
    // The arrival number of each kept sample: those on the stride stay, only the last one
    // may be off it (it is replaced by the next sample).
    std::vector<int64_t> m_seq;
};
