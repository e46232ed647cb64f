#include "Parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#if defined(__SSE2__)
#include <immintrin.h>
#endif
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
thread_local int t_share = 0; // 0: no ThreadShare on this thread
} // namespace

void flushSubnormals()
{
#if defined(__SSE2__)
    constexpr unsigned kFlushToZero = 0x8000, kDenormalsAreZero = 0x0040;
    const unsigned csr = _mm_getcsr();
    if ((csr & (kFlushToZero | kDenormalsAreZero)) != (kFlushToZero | kDenormalsAreZero))
        _mm_setcsr(csr | kFlushToZero | kDenormalsAreZero);
#endif
}

void setNumThreads(int n) { g_threads = std::max(1, n); }
int numThreads() { return t_share > 0 ? t_share : g_threads; }

ThreadShare::ThreadShare(int n) : m_previous(t_share) { t_share = std::max(1, n); }
ThreadShare::~ThreadShare() { t_share = m_previous; }

void parallelFor(int64_t n, int64_t chunk, double costPerItem,
                 const std::function<void(int64_t, int64_t)>& fn)
{
    // The calling thread, before any region: OpenMP's pool threads are created by it and
    // inherit its floating-point environment (POSIX), and its serial work is flushed too.
    flushSubnormals();
    if (n <= 0)
        return;
    chunk = std::max<int64_t>(1, chunk);
    const int64_t chunks = (n + chunk - 1) / chunk;
    const int threads = numThreads();
    const bool parallel = threads > 1 && chunks > 1 && double(n) * costPerItem > kMinParallelWork;
    // An exception must not leave an OpenMP region (that is std::terminate): the first one
    // is kept, the remaining chunks are skipped, and it is rethrown after the region.
    std::exception_ptr failure;
    std::atomic<bool> failed{false};
#ifdef _OPENMP
#pragma omp parallel for schedule(static) num_threads(threads) if (parallel)
#endif
    for (int64_t c = 0; c < chunks; ++c) {
        if (failed.load(std::memory_order_relaxed))
            continue;
        try {
            fn(c * chunk, std::min(n, (c + 1) * chunk));
        } catch (...) {
#ifdef _OPENMP
#pragma omp critical(reglab_parallel_failure)
#endif
            if (!failure)
                failure = std::current_exception();
            failed.store(true, std::memory_order_relaxed);
        }
    }
    (void)parallel;
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace reglab
