// SeriesBuffer: the history behind every curve. NaN never passes, decimation respects the
// pixel budget and keeps spikes, memory stays bounded for millions of points, the range is
// cached, rollback truncates.
#include "charts/SeriesBuffer.h"

#include <QElapsedTimer>
#include <QTest>

#include <cmath>
#include <limits>

class TestSeriesBuffer : public QObject {
    Q_OBJECT
private slots:
    void nanAndInfNeverPass()
    {
        SeriesBuffer b;
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        b.append(0, 1.0);
        b.append(1, nan);
        b.append(2, inf);
        b.append(3, -inf);
        b.append(nan, 2.0);
        b.append(4, 2.0);
        QCOMPARE(b.appendedCount(), int64_t(2));
        QCOMPARE(b.rejectedCount(), int64_t(4));
        for (const QPointF& p : b.decimated(0, 4, 100))
            QVERIFY(std::isfinite(p.x()) && std::isfinite(p.y()));
        QCOMPARE(b.yMin(), 1.0);
        QCOMPARE(b.yMax(), 2.0);
        // A step going back in time is dropped (stale data after a rollback without truncation).
        b.append(3, 5.0);
        QCOMPARE(b.yMax(), 2.0);
    }

    void rangeIsCached()
    {
        SeriesBuffer b;
        QVERIFY(b.isEmpty());
        for (int i = 0; i < 1000; ++i)
            b.append(i, std::sin(i * 0.01) * 3.0);
        QCOMPARE(b.xMin(), 0.0);
        QCOMPARE(b.xMax(), 999.0);
        QVERIFY(std::abs(b.yMax() - 3.0) < 1e-3);
        QVERIFY(std::abs(b.yMin() + 3.0) < 1e-3);
        double minPos = 1e300;
        for (int i = 0; i < 1000; ++i)
            if (std::sin(i * 0.01) * 3.0 > 0)
                minPos = std::min(minPos, std::sin(i * 0.01) * 3.0);
        QCOMPARE(b.yMinPositive(), minPos);
        // O(1): a million range queries take no time at all.
        QElapsedTimer t;
        t.start();
        double s = 0;
        for (int i = 0; i < 1000000; ++i)
            s += b.yMax() - b.yMin();
        QVERIFY(s > 0);
        QVERIFY(t.elapsed() < 200);
    }

    void decimationKeepsTheBudgetAndTheSpikes()
    {
        SeriesBuffer b;
        const int n = 100000;
        for (int i = 0; i < n; ++i)
            b.append(i, i == 54321 ? 100.0 : (i == 77777 ? -50.0 : std::sin(i * 0.001)));
        for (int pixels : {10, 300, 800, 1920}) {
            const QList<QPointF> d = b.decimated(0, n - 1, pixels);
            QVERIFY2(d.size() <= 2 * pixels + 4, qPrintable(QStringLiteral("%1 points for %2 px").arg(d.size()).arg(pixels)));
            QVERIFY(d.size() >= pixels); // not over-reduced either
            double hi = -1e300, lo = 1e300;
            double lastX = -1;
            for (const QPointF& p : d) {
                hi = std::max(hi, p.y());
                lo = std::min(lo, p.y());
                QVERIFY(p.x() >= lastX); // x order kept
                lastX = p.x();
            }
            QCOMPARE(hi, 100.0);
            QCOMPARE(lo, -50.0);
        }
        // Small slices come back whole.
        const QList<QPointF> few = b.decimated(100, 200, 800);
        QVERIFY(few.size() >= 101 && few.size() <= 103);
        QCOMPARE(few.first().x(), 99.0); // one neighbour outside each edge
        QCOMPARE(few.last().x(), 201.0);
    }

    void memoryIsBoundedForMillionsOfPoints()
    {
        SeriesBuffer b(1 << 16);
        QElapsedTimer t;
        t.start();
        const int n = 2000000;
        for (int i = 0; i < n; ++i)
            b.append(i, (i == 1234567) ? 1e6 : 1.0 / (1.0 + i * 1e-4) + 0.01 * std::sin(i));
        const qint64 ms = t.elapsed();
        QVERIFY2(ms < 3000, qPrintable(QStringLiteral("%1 ms for 2M appends").arg(ms)));
        QVERIFY(b.storedCount() <= b.capacity() + 2);
        QVERIFY2(b.memoryBytes() <= size_t(b.capacity() + 4) * sizeof(QPointF) * 2,
                 qPrintable(QString::number(b.memoryBytes())));
        QVERIFY(b.bucketWidth() > 1);
        QCOMPARE(b.xMax(), double(n - 1));
        QCOMPARE(b.yMax(), 1e6);
        // The spike survives compaction and decimation.
        const QList<QPointF> d = b.decimated(0, n - 1, 1000);
        QVERIFY(d.size() <= 2004);
        bool spike = false;
        for (const QPointF& p : d)
            spike = spike || (p.y() == 1e6 && p.x() == 1234567.0);
        QVERIFY(spike);
        // Samples stay sorted and real (every kept point was appended).
        const auto all = b.samples();
        for (size_t i = 1; i < all.size(); ++i)
            QVERIFY(all[i].x() >= all[i - 1].x());
        QVERIFY(all.front().x() < double(b.bucketWidth())); // a real sample of the first bucket
        QVERIFY(all.back().x() > double(n - 1 - b.bucketWidth()));
        QCOMPARE(b.xMin(), 0.0);
    }

    void truncateAfterRollsBack()
    {
        SeriesBuffer full;
        for (int i = 0; i <= 100; ++i)
            full.append(i * 10, i == 50 ? 99.0 : i);
        full.truncateAfter(400);
        QCOMPARE(full.xMax(), 400.0);
        QCOMPARE(full.yMax(), 40.0); // the spike at 500 is gone, the range recomputed
        QCOMPARE(full.storedCount(), 41);
        full.append(410, 7.0);
        QCOMPARE(full.xMax(), 410.0);

        SeriesBuffer compacted(64);
        for (int i = 0; i < 10000; ++i)
            compacted.append(i, i);
        compacted.truncateAfter(5000.5);
        QVERIFY(compacted.xMax() <= 5000.5);
        QVERIFY(compacted.xMax() > 4000);
        for (const QPointF& p : compacted.samples())
            QVERIFY(p.x() <= 5000.5);
        for (int i = 5001; i < 20000; ++i)
            compacted.append(i, 1.0);
        QVERIFY(compacted.storedCount() <= compacted.capacity() + 2);
        QCOMPARE(compacted.xMax(), 19999.0);
        compacted.truncateAfter(-1);
        QVERIFY(compacted.isEmpty());
    }

    void clearForgetsEverything()
    {
        SeriesBuffer b(64);
        for (int i = 0; i < 1000; ++i)
            b.append(i, i);
        b.clear();
        QVERIFY(b.isEmpty());
        QCOMPARE(b.storedCount(), 0);
        QCOMPARE(b.bucketWidth(), int64_t(1));
        QVERIFY(b.decimated(0, 10, 10).isEmpty());
        b.append(5, 1);
        QCOMPARE(b.xMin(), 5.0);
    }
};

QTEST_MAIN(TestSeriesBuffer)
#include "tst_seriesbuffer.moc"
