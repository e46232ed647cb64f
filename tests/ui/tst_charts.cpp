// Chart building blocks at data level: nice axis ranges, EMA smoothing, what reaches a
// QLineSeries (no NaN, log clamp, pixel budget), step labels, metric grouping.
#include "charts/ChartPalette.h"
#include "charts/ChartPanel.h"
#include "charts/ChartView.h"
#include "charts/EmaSmoother.h"
#include "charts/LineChart.h"
#include "charts/NiceScale.h"
#include "charts/StepAxis.h"
#include "FakeLab.h"

#include <QTest>

#include <cmath>
#include <limits>

namespace {
reglab::MetricSpec spec(const char* id, const char* chart)
{
    reglab::MetricSpec m;
    m.id = id;
    m.label = id;
    m.chart = chart;
    return m;
}
} // namespace

class TestCharts : public QObject {
    Q_OBJECT
private slots:
    void niceRangesArePaddedAndNeverFlat()
    {
        const NiceRange r = NiceScale::linear(0.013, 0.87);
        QVERIFY(r.lo <= 0.013 && r.hi >= 0.87);
        QVERIFY(r.hi - r.lo < 1.5);
        QVERIFY(r.tickCount >= 3 && r.tickCount <= 8);
        // Ticks land on 1/2/5 x 10^n.
        const double m = r.tick / std::pow(10.0, std::floor(std::log10(r.tick)));
        QVERIFY(std::abs(m - 1) < 1e-9 || std::abs(m - 2) < 1e-9 || std::abs(m - 5) < 1e-9);
        for (double v : {0.0, 3.0, -2.5, 1e-9}) {
            const NiceRange flat = NiceScale::linear(v, v);
            QVERIFY2(flat.hi > flat.lo, qPrintable(QString::number(v)));
            QVERIFY(flat.lo <= v && flat.hi >= v);
        }
        const NiceRange bad = NiceScale::linear(std::nan(""), 1.0);
        QVERIFY(bad.hi > bad.lo);
        // Padding stops at a floor/ceiling the data does not cross.
        const NiceRange acc = NiceScale::linear(0.5, 1.0, 6, 0.05, 0.0, 1.0);
        QCOMPARE(acc.hi, 1.0);
        const NiceRange loss = NiceScale::linear(0.001, 2.0, 6, 0.05, 0.0);
        QCOMPARE(loss.lo, 0.0);
        const NiceRange logr = NiceScale::logDecades(0.003, 2.5);
        QCOMPARE(logr.lo, 1e-3);
        QCOMPARE(logr.hi, 10.0);
        QCOMPARE(NiceScale::logDecades(0.0, 0.0).lo, 1e-12);
    }

    void emaIsDebiased()
    {
        EmaSmoother e(0.9);
        QCOMPARE(e.add(5.0), 5.0); // the first value is not pulled towards 0
        double v = 0;
        for (int i = 0; i < 200; ++i)
            v = e.add(1.0);
        QVERIFY(std::abs(v - 1.0) < 1e-6);
        EmaSmoother off(0.0);
        QCOMPARE(off.add(3.0), 3.0);
        QCOMPARE(off.add(-1.0), -1.0);
        EmaSmoother clamped(5.0);
        QCOMPARE(clamped.weight(), 0.999);
    }

    void seriesGetNoNaNAndRespectTheBudget()
    {
        LineChart chart(QStringLiteral("loss"), {{0, spec("train_loss", "loss")}, {1, spec("val_loss", "loss")}});
        chart.resize(700, 400);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const double nan = std::numeric_limits<double>::quiet_NaN();
        for (int i = 0; i < 50000; ++i) {
            reglab::MetricRow r;
            r.step = i;
            r.values = {i % 97 == 0 ? nan : 1.0 / (1 + i), i % 13 == 0 ? std::numeric_limits<double>::infinity() : 0.5};
            chart.addRow(r);
        }
        chart.refresh(true);
        const int width = chart.view()->width();
        for (int s = 0; s < 2; ++s) {
            const QList<QPointF> pts = chart.seriesPoints(s);
            QVERIFY(!pts.isEmpty());
            QVERIFY2(pts.size() <= 2 * width + 4, qPrintable(QString::number(pts.size())));
            for (const QPointF& p : pts)
                QVERIFY(std::isfinite(p.x()) && std::isfinite(p.y()));
        }
        // Axes follow the data: x ends at the last step, y covers the values.
        QCOMPARE(chart.xRange().hi, 49999.0);
        QVERIFY(chart.yRange().lo <= 2e-5 && chart.yRange().hi >= 0.5); // step 0 was NaN: max is 1/2
    }

    void logScaleClampsAtTheFloor()
    {
        LineChart chart(QStringLiteral("loss"), {{0, spec("train_loss", "loss")}});
        chart.resize(600, 400);
        chart.show();
        for (int i = 0; i <= 100; ++i) {
            reglab::MetricRow r;
            r.step = i;
            r.values = {i < 50 ? 1.0 / (1 + i) : 0.0}; // the loss reaches exactly 0
            chart.addRow(r);
        }
        chart.setLogScale(true);
        chart.refresh(true);
        const QList<QPointF> pts = chart.seriesPoints(0);
        QVERIFY(!pts.isEmpty());
        for (const QPointF& p : pts)
            QVERIFY(p.y() >= LineChart::kLogFloor);
        QCOMPARE(chart.yRange().lo, LineChart::kLogFloor); // the axis reaches the clamped zeros
        chart.setLogScale(false);
        chart.refresh(true);
        QCOMPARE(chart.seriesPoints(0).last().y(), 0.0);
    }

    void smoothingAddsASolidCurveOverTheRawOne()
    {
        LineChart chart(QStringLiteral("loss"), {{0, spec("train_loss", "loss")}});
        chart.resize(600, 400);
        chart.show();
        for (int i = 0; i < 500; ++i) {
            reglab::MetricRow r;
            r.step = i;
            r.values = {1.0 + ((i % 2) ? 0.5 : -0.5)};
            chart.addRow(r);
        }
        chart.setSmoothing(0.0);
        chart.refresh(true);
        QVERIFY(chart.seriesPoints(0, true).isEmpty());
        chart.setSmoothing(0.95);
        chart.refresh(true);
        const QList<QPointF> smooth = chart.seriesPoints(0, true);
        QVERIFY(!smooth.isEmpty());
        // The zig-zag between 0.5 and 1.5 is smoothed to about 1.
        QVERIFY(std::abs(smooth.last().y() - 1.0) < 0.1);
        // Faint raw under the smoothed curve; back to full colour without smoothing (and
        // toggling twice does not fade it for good).
        QVERIFY(chart.rawLineColor(0) != ChartPalette::train());
        chart.setSmoothing(0.0);
        chart.setSmoothing(0.5);
        chart.setSmoothing(0.0);
        QCOMPARE(chart.rawLineColor(0), ChartPalette::train());
        chart.setSmoothing(0.95);
        // Rollback truncates both.
        chart.truncateAfter(100);
        chart.refresh(true);
        QCOMPARE(chart.seriesPoints(0).last().x(), 100.0);
        QCOMPARE(chart.seriesPoints(0, true).last().x(), 100.0);
    }

    void rollbackDropsTheEventsTheLabDrops()
    {
        // One rule for lab and charts: rolling back to step 10 forgets the change applied at
        // the boundary after step 10 as well as later ones, and keeps the one before.
        fake::FakeLab lab;
        lab.reset(1);
        auto changeLr = [&](double v) {
            lab.set("lr", reglab::ParamValue::ofNumber(v));
            lab.step();
        };
        for (int i = 0; i < 5; ++i)
            lab.step();
        changeLr(0.1); // applied at the boundary after step 5
        while (lab.stepCount() < 10)
            lab.step();
        const auto state = lab.saveState(); // step 10
        changeLr(0.2); // after step 10: after the saved state
        changeLr(0.3); // after step 11
        LineChart chart(QStringLiteral("loss"), {{0, spec("train_loss", "loss")}});
        chart.addEvents(lab.events());
        QCOMPARE(chart.events().size(), size_t(3));
        lab.restoreState(*state);
        chart.truncateAfter(state->step);
        QCOMPARE(chart.events().size(), lab.events().size());
        for (size_t i = 0; i < lab.events().size(); ++i)
            QCOMPARE(chart.events()[i].step, lab.events()[i].step);
        QCOMPARE(chart.events().size(), size_t(1));
        QCOMPARE(chart.events().front().step, int64_t(5));
    }

    void stepLabelsAreCompact()
    {
        QCOMPARE(StepAxis::label(0), QStringLiteral("0"));
        QCOMPARE(StepAxis::label(5000), QStringLiteral("5000"));
        QCOMPARE(StepAxis::label(25000), QStringLiteral("25k"));
        QCOMPARE(StepAxis::label(12500), QStringLiteral("12.5k"));
        QCOMPARE(StepAxis::label(2500000), QStringLiteral("2.5M"));
    }

    void metricsAreGroupedByChart()
    {
        const auto groups = ChartPanel::groupMetrics({spec("train_loss", "loss"), spec("train_acc", "accuracy"),
                                                      spec("val_loss", "loss"), spec("lr", ""), spec("w", "weights")});
        QCOMPARE(groups.size(), size_t(4));
        QCOMPARE(groups[0].first, QStringLiteral("loss"));
        QCOMPARE(groups[0].second.size(), size_t(2));
        QCOMPARE(groups[0].second[1].index, 2); // column index in the MetricRow
        QCOMPARE(groups[1].first, QStringLiteral("accuracy"));
        QCOMPARE(groups[2].first, QStringLiteral("lr")); // no group: its own chart
        QCOMPARE(groups[3].first, QStringLiteral("weights"));
    }
};

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
