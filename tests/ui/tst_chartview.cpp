// The line charts' TensorBoard habits, driven like a user would: drag to zoom and
// double-click to reset (synthetic mouse events on the chart view's viewport), the hover
// readout, follow the last N steps, log step axis, a y range that ignores a spike, the
// learning-rate chart folded to a strip, and the chart picker.
#include "charts/ChartPanel.h"
#include "charts/ChartView.h"
#include "charts/LineChart.h"
#include "charts/ValueTicks.h"
#include "settings/AppSettings.h"

#include <QCategoryAxis>
#include <QChart>
#include <QMenu>
#include <QScrollArea>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

namespace {
reglab::MetricSpec spec(const char* id, const char* chart, const char* label = nullptr)
{
    reglab::MetricSpec m;
    m.id = id;
    m.label = label ? label : id;
    m.chart = chart;
    return m;
}

// A noisy decaying loss (and its val twin), steps [from, to).
void addLoss(LineChart& chart, int from, int to, int columns = 1)
{
    for (int i = from; i < to; ++i) {
        reglab::MetricRow r;
        r.step = i;
        for (int c = 0; c < columns; ++c)
            r.values.push_back(1.0 / (1.0 + 0.01 * i) + 0.05 * std::sin(i * 0.37 + c) + 0.1 * c);
        chart.addRow(r);
    }
}

std::unique_ptr<LineChart> shownChart(std::vector<LineChart::Column> columns)
{
    auto chart = std::make_unique<LineChart>(QStringLiteral("loss"), std::move(columns));
    chart->resize(800, 480);
    chart->show();
    if (!QTest::qWaitForWindowExposed(chart.get()))
        return nullptr;
    return chart;
}

// The plot area in the view's viewport coordinates.
QRect plotInViewport(const LineChart& chart)
{
    QChart* c = chart.view()->chart();
    return chart.view()->mapFromScene(c->mapToScene(c->plotArea()).boundingRect()).boundingRect();
}

QPoint at(const QRect& plot, double fx, double fy)
{
    return QPoint(plot.left() + int(fx * plot.width()), plot.top() + int(fy * plot.height()));
}

// Pixels of the readout's line colour (#555555) in the view.
int lineColourPixels(const LineChart& chart)
{
    const QImage img = chart.view()->grab().toImage().convertToFormat(QImage::Format_RGB32);
    int n = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            n += img.pixel(x, y) == qRgb(0x55, 0x55, 0x55) ? 1 : 0;
    return n;
}

QCategoryAxis* xAxis(const LineChart& chart)
{
    return qobject_cast<QCategoryAxis*>(chart.view()->chart()->axes(Qt::Horizontal).value(0));
}
} // namespace

class TestChartView : public QObject {
    Q_OBJECT
private slots:
    void dragZoomsAndDoubleClickResets()
    {
        auto chart = shownChart({{0, spec("train_loss", "loss")}});
        QVERIFY(chart);
        addLoss(*chart, 0, 2001);
        chart->refresh(true);
        QCOMPARE(chart->xRange().hi, 2000.0);
        const QImage before = chart->view()->grab().toImage();
        QWidget* vp = chart->view()->viewport();
        const QRect plot = plotInViewport(*chart);
        // A band over steps ~500..1000 and the middle of the values.
        QTest::mousePress(vp, Qt::LeftButton, {}, at(plot, 0.25, 0.3));
        QTest::mouseMove(vp, at(plot, 0.4, 0.5));
        QTest::mouseMove(vp, at(plot, 0.5, 0.7));
        QTest::mouseRelease(vp, Qt::LeftButton, {}, at(plot, 0.5, 0.7));
        QVERIFY(chart->isZoomed());
        QVERIFY2(std::abs(chart->xRange().lo - 500.0) < 20.0, qPrintable(QString::number(chart->xRange().lo)));
        QVERIFY2(std::abs(chart->xRange().hi - 1000.0) < 20.0, qPrintable(QString::number(chart->xRange().hi)));
        QCOMPARE(xAxis(*chart)->min(), chart->xRange().lo); // what is painted
        QVERIFY(chart->yRange().hi - chart->yRange().lo < 0.9); // values zoomed too
        QVERIFY(chart->view()->grab().toImage() != before);
        // New data does not yank the view back.
        const double lo = chart->xRange().lo, hi = chart->xRange().hi;
        addLoss(*chart, 2001, 4001);
        chart->refresh();
        QCOMPARE(chart->xRange().lo, lo);
        QCOMPARE(chart->xRange().hi, hi);
        // Double-click: back to the auto range, all steps.
        QTest::mouseDClick(vp, Qt::LeftButton, {}, at(plot, 0.5, 0.5));
        QVERIFY(!chart->isZoomed());
        QCOMPARE(chart->xRange().lo, 0.0);
        QCOMPARE(chart->xRange().hi, 4000.0);
        QCOMPARE(xAxis(*chart)->max(), 4000.0);
    }

    void hoverShowsTheStepAndEveryCurve()
    {
        auto chart = shownChart({{0, spec("train_loss", "loss", "train loss")},
                                 {1, spec("val_loss", "loss", "val loss")},
                                 {2, spec("twin_train_loss", "loss", "twin: train loss")}});
        QVERIFY(chart);
        chart->setSmoothing(0.6);
        addLoss(*chart, 0, 1001, 3);
        chart->refresh(true);
        QWidget* vp = chart->view()->viewport();
        QVERIFY(chart->readout().text().isEmpty());
        const QRect plot = plotInViewport(*chart);
        // A click outside the plot first: QTest's pointer state is left over from the
        // last test's double-click on another window.
        QTest::mouseClick(vp, Qt::LeftButton, {}, QPoint(2, 2));
        QVERIFY(!chart->isZoomed());
        const QImage before = chart->view()->grab().toImage();
        QTest::mouseMove(vp, at(plot, 0.45, 0.4));
        QTest::mouseMove(vp, at(plot, 0.5, 0.5));
        const QString text = chart->readout().text();
        QVERIFY2(text.startsWith(QStringLiteral("step ")), qPrintable(text));
        const double step = chart->readout().step;
        QVERIFY2(std::abs(step - 500.0) < 15.0, qPrintable(text));
        QCOMPARE(chart->readout().rows.size(), size_t(3));
        QVERIFY(text.contains(QStringLiteral("val loss ")));
        QVERIFY(text.contains(QStringLiteral("twin: train loss ")));
        QVERIFY(chart->readout().rows[2].dashed);
        QVERIFY(text.contains(QStringLiteral("(raw "))); // smoothing on: raw beside smoothed
        // The raw value shown is the curve's value at that step.
        const double expected = 1.0 / (1.0 + 0.01 * step) + 0.05 * std::sin(step * 0.37);
        QVERIFY2(std::abs(chart->readout().rows[0].raw - expected) < 1e-9, qPrintable(text));
        QVERIFY(chart->view()->grab().toImage() != before); // line and box are painted
        QVERIFY(lineColourPixels(*chart) > plot.height() / 2); // the vertical line
        // Moving right moves the readout.
        QTest::mouseMove(vp, at(plot, 0.8, 0.5));
        QVERIFY(chart->readout().step > step + 200);
        // Outside the plot: no readout.
        QTest::mouseMove(vp, QPoint(2, 2));
        QVERIFY(!chart->readout().valid);
        QVERIFY(lineColourPixels(*chart) < plot.height() / 4);
    }

    void followKeepsOnlyTheLastNSteps()
    {
        auto chart = shownChart({{0, spec("train_loss", "loss")}});
        QVERIFY(chart);
        addLoss(*chart, 0, 5001);
        chart->setFollowSteps(1000);
        chart->refresh(true);
        QCOMPARE(chart->xRange().lo, 4000.0);
        QCOMPARE(chart->xRange().hi, 5000.0);
        QCOMPARE(xAxis(*chart)->min(), 4000.0);
        // The curve drawn starts at the window (one neighbour point may reach the edge).
        const QList<QPointF> pts = chart->seriesPoints(0);
        QVERIFY(pts.size() > 10);
        QVERIFY(pts[1].x() >= 4000.0);
        addLoss(*chart, 5001, 7001);
        chart->refresh();
        QCOMPARE(chart->xRange().lo, 6000.0);
        QCOMPARE(chart->xRange().hi, 7000.0);
        chart->setFollowSteps(0);
        QCOMPARE(chart->xRange().lo, 0.0);
    }

    void logStepAxis()
    {
        auto chart = shownChart({{0, spec("train_loss", "loss")}});
        QVERIFY(chart);
        addLoss(*chart, 0, 10001);
        chart->setLogX(true);
        chart->refresh(true);
        QCategoryAxis* x = xAxis(*chart);
        const QStringList labels = x->categoriesLabels();
        for (const char* l : {"1", "10", "100", "1k", "10k"})
            QVERIFY2(labels.contains(QLatin1String(l)), qPrintable(labels.join(QLatin1Char(','))));
        QVERIFY(std::abs(x->max() - 4.0) < 1e-9);
        QCOMPARE(x->endValue(QStringLiteral("100")), 2.0);
        const QList<QPointF> pts = chart->seriesPoints(0);
        QVERIFY(!pts.isEmpty());
        QVERIFY(pts.last().x() > 3.999 && pts.last().x() <= 4.0); // step ~10000 at log10 = 4
        // The first decade keeps its detail: steps 1..10 are all drawn.
        int early = 0;
        for (const QPointF& p : pts)
            early += p.x() <= 1.0 ? 1 : 0;
        QVERIFY2(early >= 10, qPrintable(QString::number(early)));
        chart->setLogX(false);
        QCOMPARE(xAxis(*chart)->max(), 10000.0);
        // The log y toggle still works on top of it.
        chart->setLogX(true);
        chart->setLogScale(true);
        chart->refresh(true);
        QVERIFY(chart->yRange().lo > 0.0 && chart->yRange().hi >= 1.0);
        // Seven decades in a narrow chart: every 2nd or 3rd decade is labelled, short (1M), none elided.
        for (double t = 10001; t <= 1e7; t *= 1.2) {
            reglab::MetricRow r;
            r.step = int64_t(t);
            r.values = {1.0 / t};
            chart->addRow(r);
        }
        chart->resize(360, 260);
        chart->refresh(true);
        const QStringList narrow = xAxis(*chart)->categoriesLabels();
        QVERIFY2(narrow.size() >= 3 && narrow.size() <= 5 && narrow.contains(QStringLiteral("1"))
                     && narrow.contains(QStringLiteral("1M")),
                 qPrintable(narrow.join(QLatin1Char(','))));
    }

    void valueLabelsSitOnTheirTicksAndZeroReadsZero()
    {
        // Q values around 0 (the rl lab): Qt's own ticks read "-1.39e-17" where 0 belongs.
        QCOMPARE(ValueTicks::label(-1.3877787807814457e-17, 0.05), QStringLiteral("0"));
        QCOMPARE(ValueTicks::label(0.15000000000000002, 0.05), QStringLiteral("0.15"));
        QCOMPARE(ValueTicks::label(-0.1, 0.05), QStringLiteral("-0.1"));
        QCOMPARE(ValueTicks::label(2500, 500), QStringLiteral("2.5e+03"));
        auto chart = shownChart({{0, spec("q", "q")}});
        QVERIFY(chart);
        for (int i = 0; i <= 100; ++i) {
            reglab::MetricRow r;
            r.step = i;
            r.values = {0.12 * std::sin(i * 0.1)};
            chart->addRow(r);
        }
        chart->refresh(true);
        auto* y = qobject_cast<QCategoryAxis*>(chart->view()->chart()->axes(Qt::Vertical).value(0));
        QVERIFY(y);
        const QStringList labels = y->categoriesLabels();
        QVERIFY2(labels.contains(QStringLiteral("0")) && labels.size() >= 4, qPrintable(labels.join(',')));
        for (const QString& l : labels) {
            QVERIFY2(!l.contains('e'), qPrintable(labels.join(',')));
            QVERIFY(std::abs(y->endValue(l) - l.toDouble()) < 1e-12);
        }
    }

    void logStepAxisKeepsTwoAndFiveOnlyWhereTheyFit()
    {
        // 2.5 decades (the escape lab's n = 1..300): a wide chart labels 1, 2, 5, 10, ...; a
        // narrow one keeps the decades only, where "100" and "200" would be elided ("1...").
        auto chart = shownChart({{0, spec("train_loss", "loss")}});
        QVERIFY(chart);
        addLoss(*chart, 0, 301);
        chart->setLogX(true);
        chart->resize(900, 300);
        chart->refresh(true);
        const QStringList wide = xAxis(*chart)->categoriesLabels();
        QVERIFY2(wide.contains(QStringLiteral("2")) && wide.contains(QStringLiteral("200")),
                 qPrintable(wide.join(QLatin1Char(','))));
        chart->resize(240, 300);
        chart->refresh(true);
        const QStringList narrow = xAxis(*chart)->categoriesLabels();
        QVERIFY2(narrow.contains(QStringLiteral("100")) && !narrow.contains(QStringLiteral("200"))
                     && !narrow.contains(QStringLiteral("2")),
                 qPrintable(narrow.join(QLatin1Char(','))));
    }

    void outlierRobustRangeIgnoresASpike()
    {
        auto chart = shownChart({{0, spec("train_loss", "loss")}});
        QVERIFY(chart);
        for (int i = 0; i < 1000; ++i) {
            reglab::MetricRow r;
            r.step = i;
            r.values = {i == 500 ? 1e6 : 1.0 + 0.1 * std::sin(i * 0.1)};
            chart->addRow(r);
        }
        QVERIFY(chart->ignoreOutliers()); // TensorBoard's default
        chart->refresh(true);
        QVERIFY2(chart->yRange().hi < 2.0, qPrintable(QString::number(chart->yRange().hi)));
        QVERIFY(chart->yRange().lo <= 0.9);
        chart->setIgnoreOutliers(false);
        QVERIFY(chart->yRange().hi >= 1e6);
        chart->setIgnoreOutliers(true);
        chart->setLogScale(true);
        chart->refresh(true);
        QVERIFY2(chart->yRange().hi <= 10.0, qPrintable(QString::number(chart->yRange().hi)));
    }

    void learningRateFoldsToAStripAndUnfolds()
    {
        ChartPanel panel;
        panel.setMetrics({spec("train_loss", "loss"), spec("lr", "lr", "learning rate")});
        panel.resize(900, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        std::vector<reglab::MetricRow> rows;
        for (int i = 0; i <= 1000; i += 10)
            rows.push_back({i, {1.0 / (1 + i), i < 500 ? 0.01 : 0.001}});
        panel.addRows(rows);
        panel.refreshNow();
        LineChart* lr = panel.chart(QStringLiteral("lr"));
        LineChart* loss = panel.chart(QStringLiteral("loss"));
        QVERIFY(lr->isFolded());
        QVERIFY(!loss->isFolded());
        QCOMPARE(lr->stripText(), QStringLiteral("learning rate 0.01 (changed at step 500 to 0.001)"));
        QVERIFY(!lr->view()->isVisibleTo(&panel));
        QTRY_VERIFY(lr->height() < 60);
        QTRY_VERIFY(loss->height() > 300); // the loss chart takes the room
        // A schedule that starts to decay every step: a chart again.
        rows.clear();
        for (int i = 1010; i <= 1200; i += 10)
            rows.push_back({i, {1.0 / (1 + i), 0.001 * std::pow(0.9, (i - 1000) / 10)}});
        panel.addRows(rows);
        panel.refreshNow();
        QVERIFY(!lr->isFolded());
        QVERIFY(lr->view()->isVisibleTo(&panel));
    }

    void chartPickerHidesAndShowsCharts()
    {
        QTemporaryDir dir;
        QSettings qs(dir.filePath(QStringLiteral("t.ini")), QSettings::IniFormat);
        AppSettings settings(&qs);
        ChartPanel panel;
        panel.setSettings(&settings);
        panel.setMetrics({spec("train_loss", "loss"), spec("train_acc", "accuracy")});
        panel.resize(900, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        LineChart* acc = panel.chart(QStringLiteral("accuracy"));
        QVERIFY(acc->isVisibleTo(&panel));
        QAction* item = nullptr;
        for (QAction* a : panel.chartsMenu()->actions())
            if (a->data().toString() == QLatin1String("accuracy"))
                item = a;
        QVERIFY(item && item->isChecked());
        item->trigger(); // unchecks it
        QVERIFY(!acc->isVisibleTo(&panel));
        QVERIFY(!panel.chartShown(QStringLiteral("accuracy")));
        QCOMPARE(settings.hiddenCharts(), QStringList{QStringLiteral("accuracy")});
        // The loss chart now has the width of the panel.
        QTRY_VERIFY(panel.chart(QStringLiteral("loss"))->width() > 700);
        // Remembered by a new panel.
        ChartPanel again;
        again.setSettings(&settings);
        again.setMetrics({spec("train_loss", "loss"), spec("train_acc", "accuracy")});
        QVERIFY(!again.chart(QStringLiteral("accuracy"))->isVisibleTo(&again));
        item->trigger();
        QVERIFY(acc->isVisibleTo(&panel));
        QVERIFY(settings.hiddenCharts().isEmpty());
    }

    void chartsBelowTheFoldWaitUntilScrolledIntoView()
    {
        // With many charts (a twin doubles their legends) most are out of the scroll area's
        // view: the refresh timer skips them, and catches up when they scroll in.
        auto* panel = new ChartPanel; // the box below owns it, as the window's dock does
        std::vector<reglab::MetricSpec> specs;
        std::vector<std::string> ids;
        for (int c = 0; c < 8; ++c)
            ids.push_back("m" + std::to_string(c));
        for (const std::string& id : ids)
            specs.push_back(spec(id.c_str(), id.c_str()));
        panel->setMetrics(specs);
        std::unique_ptr<QWidget> box(panel->inScrollArea(nullptr));
        box->resize(600, 400);
        box->show();
        QVERIFY(QTest::qWaitForWindowExposed(box.get()));
        std::vector<reglab::MetricRow> rows;
        for (int i = 0; i <= 100; i += 10)
            rows.push_back({i, std::vector<double>(8, 1.0 / (1 + i))});
        panel->addRows(rows);
        LineChart* first = panel->charts().front();
        LineChart* last = panel->charts().back();
        QTRY_VERIFY(!first->isDirty()); // the timer refreshed the one in view
        QTest::qWait(3 * panel->refreshIntervalMs());
        QVERIFY2(last->isDirty(), "a chart out of view was refreshed");
        auto* scroll = box->findChild<QScrollArea*>();
        QVERIFY(scroll);
        scroll->ensureWidgetVisible(last);
        QTRY_VERIFY(!last->isDirty());
    }

    void streamingCurvesPaintWithoutAntialiasingUntilTheyStop()
    {
        ChartPanel panel;
        panel.setMetrics({spec("train_loss", "loss")});
        panel.resize(700, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        ChartView* view = panel.charts().front()->view();
        QVERIFY(view->renderHints().testFlag(QPainter::Antialiasing));
        int64_t step = 0;
        auto feed = [&] {
            std::vector<reglab::MetricRow> rows;
            for (int i = 0; i < 10; ++i, step += 10)
                rows.push_back({step, {1.0 / double(1 + step)}});
            panel.addRows(rows);
        };
        feed();
        QTRY_VERIFY(panel.streaming());
        QVERIFY(!view->renderHints().testFlag(QPainter::Antialiasing));
        // Still streaming while rows keep coming faster than kSettleMs.
        for (int k = 0; k < 4; ++k) {
            QTest::qWait(ChartPanel::kSettleMs / 4);
            feed();
        }
        QVERIFY(!view->renderHints().testFlag(QPainter::Antialiasing));
        // The data stop: antialiased again.
        QTRY_VERIFY_WITH_TIMEOUT(view->renderHints().testFlag(QPainter::Antialiasing), 4 * ChartPanel::kSettleMs);
        QVERIFY(!panel.streaming());
        // An export or screenshot (refreshNow) never catches it without.
        feed();
        QTRY_VERIFY(panel.streaming());
        panel.refreshNow();
        QVERIFY(view->renderHints().testFlag(QPainter::Antialiasing));
    }
};

QTEST_MAIN(TestChartView)
#include "tst_chartview.moc"
