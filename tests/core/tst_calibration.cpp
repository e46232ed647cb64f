// Calibration (max logit, ECE with 15 equal-width bins) against values worked out by hand,
// and chunks merged in order giving the whole-set numbers.
#include "metrics/Calibration.h"

#include <QtTest>
#include <cmath>

using namespace reglab;

class TestCalibration : public QObject {
    Q_OBJECT
private slots:
    void eceByHand()
    {
        // Two classes. Row 0: logits (0, 0): confidence 0.5 (bin 7), predicts class 0, right.
        // Row 1: (ln 9, 0): confidence 0.9 (bin 13), class 0, wrong. Row 2: (0, ln 9):
        // confidence 0.9 (bin 13), class 1, right.
        // bin 7: |1 - 0.5| * 1/3; bin 13: |1/2 - 0.9| * 2/3 -> ECE = 1/6 + 0.4 * 2/3.
        MatF z(3, 2);
        z << 0.f, 0.f, std::log(9.f), 0.f, 0.f, std::log(9.f);
        const int y[3] = {0, 1, 1};
        Calibration c;
        c.add(z, y);
        QCOMPARE(c.count(), 3L);
        QVERIFY(std::fabs(c.ece() - (1.0 / 6.0 + 0.4 * 2.0 / 3.0)) < 1e-6);
        QVERIFY(std::fabs(c.meanMaxLogit() - 2.0 * std::log(9.0) / 3.0) < 1e-6);

        // In chunks: the same numbers.
        Calibration a, b, all;
        a.add(z.topRows(1), y);
        b.add(z.bottomRows(2), y + 1);
        all.merge(a);
        all.merge(b);
        QVERIFY(std::fabs(all.ece() - c.ece()) < 1e-12);
        QVERIFY(std::fabs(all.meanMaxLogit() - c.meanMaxLogit()) < 1e-12);
    }

    void perfectCalibrationAndEdges()
    {
        // Confidence 1 (huge margin) and always right: ECE 0; confidence exactly 1 goes in
        // the last bin, not past it.
        MatF z(2, 3);
        z << 100.f, 0.f, 0.f, 0.f, 0.f, 100.f;
        const int y[2] = {0, 2};
        Calibration c;
        c.add(z, y);
        QVERIFY(c.ece() < 1e-12);
        // Non-finite rows (a diverged net) are skipped, not turned into NaN.
        MatF bad(1, 2);
        bad << std::nanf(""), 0.f;
        c.add(bad, y);
        QCOMPARE(c.count(), 2L);
        QVERIFY(std::isfinite(c.ece()));
        QCOMPARE(Calibration().ece(), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestCalibration)
#include "tst_calibration.moc"
