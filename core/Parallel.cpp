#include "Parallel.h"

#include <algorithm>
#include <thread>
#ifdef _OPENMP
#include <omp.h>
#endif

namespace reglab {

namespace {
// About 100 us of work. Forking costs a few us on an idle machine, but on a busy one (the
// GUI thread, a compiler) a join can wait a whole scheduler slice for a descheduled
// thread, so only regions much longer than that are worth splitting.
constexpr double kMinParallelWork = 1.0e6;
int g_threads = std::max(1, std::min(4, int(std::thread::hardware_concurrency())));
} // namespace

void setNumThreads(int n) { g_threads = std::max(1, n); }
int numThreads() { return g_threads; }

void parallelFor(int64_t n, int64_t chunk, double costPerItem,
                 const std::function<void(int64_t, int64_t)>& fn)
{
    if (n <= 0)
        return;
    chunk = std::max<int64_t>(1, chunk);
    const int64_t chunks = (n + chunk - 1) / chunk;
    const bool parallel = g_threads > 1 && chunks > 1 && double(n) * costPerItem > kMinParallelWork;
#ifdef _OPENMP
#pragma omp parallel for schedule(static) num_threads(g_threads) if (parallel)
#endif
    for (int64_t c = 0; c < chunks; ++c)
        fn(c * chunk, std::min(n, (c + 1) * chunk));
    (void)parallel;
}

} // namespace reglab
