// The weight percentiles of a histogram view (the bands of the distribution chart) against
// values worked out by hand with numpy's default rule: rank q at position q/100 * (n - 1) of
// the sorted values, linear between the two order statistics around it.
#include "metrics/Histogram.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

using namespace reglab;

namespace {
bool near(double a, double b) { return std::fabs(a - b) < 1e-9; }

QString listed(const std::vector<double>& v)
{
    QStringList s;
    for (double x : v)
        s << QString::number(x, 'g', 12);
    return s.join(QStringLiteral(", "));
}
} // namespace

class TestPercentiles : public QObject {
    Q_OBJECT
private slots:
    void ranksAreTensorBoardsBands()
    {
        QCOMPARE(kPercentileCount, 9);
        const std::vector<int> ranks(std::begin(kPercentileRanks), std::end(kPercentileRanks));
        QCOMPARE(ranks, (std::vector<int>{0, 7, 16, 31, 50, 69, 84, 93, 100}));
    }

    void fiveValuesByHand()
    {
        // Sorted: -1, 0, 2, 3, 10 (n - 1 = 4). Positions 0, 0.28, 0.64, 1.24, 2, 2.76, 3.36,
        // 3.72, 4: p7 = -1 + 0.28 * 1, p31 = 0 + 0.24 * 2, p69 = 2 + 0.76 * 1,
        // p84 = 3 + 0.36 * 7, p93 = 3 + 0.72 * 7. NaN and infinities are not weights.
        const float inf = std::numeric_limits<float>::infinity();
        const std::vector<float> v = {3.f, std::nanf(""), -1.f, 10.f, inf, 0.f, -inf, 2.f};
        const std::vector<double> want = {-1.0, -0.72, -0.36, 0.48, 2.0, 2.76, 5.52, 8.04, 10.0};
        const std::vector<double> got = weightPercentiles(v.data(), long(v.size()));
        QCOMPARE(got.size(), want.size());
        for (size_t i = 0; i < want.size(); ++i)
            QVERIFY2(near(got[i], want[i]), qPrintable(QStringLiteral("rank %1: got %2, want %3 (all: %4)")
                                                            .arg(kPercentileRanks[i])
                                                            .arg(got[i])
                                                            .arg(want[i])
                                                            .arg(listed(got))));
    }

    void fourValuesByHand()
    {
        // Sorted: -2, 0.5, 1, 4 (n - 1 = 3). Positions 0, 0.21, 0.48, 0.93, 1.5, 2.07, 2.52,
        // 2.79, 3: p7 = -2 + 0.21 * 2.5, p50 = 0.5 + 0.5 * 0.5, p69 = 1 + 0.07 * 3, ...
        const std::vector<float> v = {0.5f, -2.f, 4.f, 1.f};
        const std::vector<double> want = {-2.0, -1.475, -0.8, 0.325, 0.75, 1.21, 2.56, 3.37, 4.0};
        const std::vector<double> got = weightPercentiles(v.data(), long(v.size()));
        QCOMPARE(got.size(), want.size());
        for (size_t i = 0; i < want.size(); ++i)
            QVERIFY2(near(got[i], want[i]), qPrintable(listed(got)));
    }

    void agreesWithASortOnManyValues()
    {
        // Selection instead of a sort must give the same numbers, duplicates included.
        std::vector<float> v;
        uint32_t s = 12345;
        for (int i = 0; i < 2001; ++i) {
            s = s * 1664525u + 1013904223u;
            v.push_back(float(int(s >> 20) % 97 - 48) / 16.f);
        }
        std::vector<double> sorted(v.begin(), v.end());
        std::sort(sorted.begin(), sorted.end());
        const std::vector<double> got = weightPercentiles(v.data(), long(v.size()));
        QCOMPARE(int(got.size()), kPercentileCount);
        for (int i = 0; i < kPercentileCount; ++i) {
            const double pos = kPercentileRanks[i] / 100.0 * double(sorted.size() - 1);
            const size_t k = size_t(pos);
            const double want = k + 1 < sorted.size() ? sorted[k] + (pos - k) * (sorted[k + 1] - sorted[k]) : sorted[k];
            QVERIFY(near(got[size_t(i)], want));
        }
        QVERIFY(std::is_sorted(got.begin(), got.end()));
    }

    void edgeCases()
    {
        const float one = 0.25f;
        QCOMPARE(weightPercentiles(&one, 1), std::vector<double>(9, 0.25));
        const float bad[2] = {std::nanf(""), std::numeric_limits<float>::infinity()};
        QVERIFY(weightPercentiles(bad, 2).empty());
        QVERIFY(weightPercentiles(nullptr, 0).empty());
    }

    void histogramsCarryThem()
    {
        const std::vector<float> v = {0.5f, -2.f, 4.f, 1.f};
        const HistogramView h = makeSymmetricHistogram(v.data(), long(v.size()), 8, "layer0", "layer 0 weights");
        QCOMPARE(h.percentiles, weightPercentiles(v.data(), long(v.size())));
        QCOMPARE(h.percentiles.front(), -2.0);
        QCOMPARE(h.percentiles.back(), 4.0);
        double total = 0;
        for (double c : h.counts)
            total += c;
        QCOMPARE(total, 4.0);
    }
};

QTEST_APPLESS_MAIN(TestPercentiles)
#include "tst_percentiles.moc"
