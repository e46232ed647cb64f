// core/Parallel: chunks independent of the thread count, and exceptions that leave the
// parallel region as exceptions (an exception escaping an OpenMP region is std::terminate).
#include "Parallel.h"

#include <QtTest>

#include <atomic>
#include <new>
#include <stdexcept>
#include <vector>

using namespace reglab;

class TestParallel : public QObject {
    Q_OBJECT
private slots:
    void subnormalsAreFlushedOnEveryThreadOfARegion()
    {
        // A subnormal times one is zero under DAZ, and stays subnormal without it (then
        // every such multiply costs ~100 cycles; see flushSubnormals).
        const int saved = numThreads();
        setNumThreads(2);
        volatile float tiny = 1e-39f, one = 1.0f; // tiny is below FLT_MIN: subnormal
        std::vector<float> out(64, -1.0f);
        parallelFor(64, 1, 1e9, [&](int64_t b, int64_t e) {
            for (int64_t i = b; i < e; ++i)
                out[size_t(i)] = tiny * one;
        });
        setNumThreads(saved);
        for (float v : out)
            QVERIFY2(v == 0.0f, qPrintable(QString::number(double(v)))); // exact, not fuzzy
    }

    void exceptionsInABodyAreRethrownAfterTheRegion_data()
    {
        QTest::addColumn<int>("threads");
        QTest::addColumn<double>("cost");
        QTest::newRow("serial") << 1 << 1.0;
        QTest::newRow("parallel, 2 threads") << 2 << 1e9; // far above the fork threshold
    }
    void exceptionsInABodyAreRethrownAfterTheRegion()
    {
        QFETCH(int, threads);
        QFETCH(double, cost);
        const int saved = numThreads();
        setNumThreads(threads);
        std::atomic<int> ran{0};
        bool caught = false;
        try {
            parallelFor(64, 1, cost, [&](int64_t b, int64_t) {
                ++ran;
                if (b == 5)
                    throw std::bad_alloc();
            });
        } catch (const std::bad_alloc&) {
            caught = true;
        }
        QVERIFY(caught);
        QVERIFY(ran.load() >= 1 && ran.load() <= 64);
        // The pool still works afterwards.
        std::vector<int> out(100, 0);
        parallelFor(100, 10, cost, [&](int64_t b, int64_t e) {
            for (int64_t i = b; i < e; ++i)
                out[size_t(i)] = int(i);
        });
        for (int i = 0; i < 100; ++i)
            QCOMPARE(out[size_t(i)], i);
        setNumThreads(saved);
    }

    void chunksDoNotDependOnTheThreadCount()
    {
        for (int threads : {1, 2, 3}) {
            setNumThreads(threads);
            std::vector<int64_t> starts(10, -1);
            parallelFor(95, 10, 1e9, [&](int64_t b, int64_t e) {
                starts[size_t(b / 10)] = e - b;
            });
            for (int c = 0; c < 9; ++c)
                QCOMPARE(starts[size_t(c)], int64_t(10));
            QCOMPARE(starts[9], int64_t(5));
        }
    }
};

QTEST_GUILESS_MAIN(TestParallel)
#include "tst_parallel.moc"
