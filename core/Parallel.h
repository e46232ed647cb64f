#pragma once
// The one place the core touches OpenMP. Work is cut into chunks whose boundaries do not
// depend on the thread count, and each chunk writes its own output, so results are
// bit-identical at any number of threads (DESIGN section 6). Small work runs serially:
// a parallel region costs microseconds, more than a whole step of a toy network.
#include <cstdint>
#include <functional>

namespace reglab {

// Threads used by parallelFor. Defaults to min(hardware threads, 4).
void setNumThreads(int n);
// The count in force on the calling thread: its ThreadShare if one is active, else the
// global one.
int numThreads();

// While alive, parallelFor on this thread uses `n` threads: two runs training side by
// side (a twin) each take their share of the cores instead of both forking to all of them.
// Results do not depend on it (see above).
class ThreadShare {
public:
    explicit ThreadShare(int n);
    ~ThreadShare();
    ThreadShare(const ThreadShare&) = delete;
    ThreadShare& operator=(const ThreadShare&) = delete;

private:
    int m_previous;
};

// Treats subnormal floats as zero on the calling thread (x86 FTZ + DAZ). Adam's moments
// of silent units and L2-shrunk weights drift into the subnormal range, where every
// multiply takes ~100 cycles: an L2 run of the L1 lesson ran 4x slower than without L2.
// parallelFor calls it on the calling thread first, and the pool threads it starts inherit
// it, so every thread computes alike.
void flushSubnormals();

// Calls fn(begin, end) for [0, n) cut into chunks of `chunk` items. Runs in parallel only
// when n * costPerItem (roughly, flops) exceeds a threshold that pays for the fork.
// If fn throws (bad_alloc in a big evaluation), the first exception is rethrown here once
// every thread has left the region; the chunks not yet started are skipped.
void parallelFor(int64_t n, int64_t chunk, double costPerItem,
                 const std::function<void(int64_t begin, int64_t end)>& fn);

} // namespace reglab
