// The weight distribution chart: percentile samples kept per layer and bounded (thinned at
// the cap, first and last step kept), an earlier step or a rollback drops what came after
// it, a new run clears it, the twin's median comes and goes with the twin, the CSV holds the
// fed numbers, the picture has its bands, and a chart on a hidden tab still exports.
#include "charts/ChartPalette.h"
#include "charts/ChartView.h"
#include "charts/DistributionChart.h"
#include "charts/HistogramChart.h"
#include "charts/PercentileHistory.h"
#include "charts/WeightCharts.h"
#include "export/ChartExporter.h"
#include "ShotHelpers.h"

#include <QChart>
#include <QComboBox>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {
// Percentiles that tell their step and layer apart: the median is step / 1000 + layer.
std::vector<double> percentilesAt(int64_t step, int layer = 0, double spread = 1.0)
{
    std::vector<double> p;
    const double mid = double(step) / 1000.0 + layer;
    for (int rank : reglab::kPercentileRanks)
        p.push_back(mid + spread * (rank - 50) / 50.0);
    return p;
}

reglab::HistogramView view(const std::string& id, int64_t step, int layer = 0, double spread = 1.0)
{
    reglab::HistogramView h;
    h.id = id;
    h.title = id + " weights";
    h.lo = -1;
    h.hi = 1;
    h.counts = {1, 2, 3, 2, 1};
    h.percentiles = percentilesAt(step, layer, spread);
    return h;
}

std::vector<reglab::HistogramView> views(int64_t step, bool twin = false)
{
    std::vector<reglab::HistogramView> v = {view("layer0", step, 0), view("layer1", step, 1)};
    if (twin) {
        v.push_back(view("twin_layer0", step, 0, 0.5));
        v.back().title = "layer0 weights (twin: dropout 0.5)";
        v.push_back(view("twin_layer1", step, 1, 0.5));
    }
    return v;
}

// Shows a widget at a size, as in a dock; true once it is on screen.
bool shown(QWidget& w, QSize size = QSize(500, 320))
{
    w.resize(size);
    w.show();
    return QTest::qWaitForWindowExposed(&w);
}

std::vector<int64_t> stepsOf(const PercentileHistory& h)
{
    std::vector<int64_t> s;
    for (const auto& x : h.samples())
        s.push_back(x.step);
    return s;
}
} // namespace

class TestDistribution : public QObject {
    Q_OBJECT
private slots:
    void historyThinsAndKeepsFirstAndLast()
    {
        PercentileHistory h(1000);
        int64_t maxKept = 0;
        for (int64_t s = 0; s < 100000; ++s) {
            h.append(s * 10, percentilesAt(s));
            maxKept = std::max<int64_t>(maxKept, int64_t(h.samples().size()));
        }
        QVERIFY2(maxKept < 1000, qPrintable(QString::number(maxKept)));
        QVERIFY(h.samples().size() > 400); // thinned, not emptied
        QCOMPARE(h.samples().front().step, int64_t(0));
        QCOMPARE(h.samples().back().step, int64_t(999990));
        QCOMPARE(h.samples().back().values[4], percentilesAt(99999)[4]);
        // Evenly spread: every gap but the last one is the stride (in samples of 10 steps).
        const auto steps = stepsOf(h);
        for (size_t i = 1; i + 1 < steps.size(); ++i)
            QCOMPARE(steps[i] - steps[i - 1], h.stride() * 10);
        QVERIFY(steps.back() - steps[steps.size() - 2] <= h.stride() * 10);
        QVERIFY(std::is_sorted(steps.begin(), steps.end()));
    }

    void historyDropsAnUndoneFuture()
    {
        PercentileHistory h(1000);
        for (int64_t s = 0; s <= 100; ++s)
            h.append(s, percentilesAt(s));
        QCOMPARE(h.samples().size(), size_t(101));
        // A rollback (or a reset) shows up as an earlier step: what came after it goes.
        h.append(50, percentilesAt(50, 3));
        QCOMPARE(h.samples().size(), size_t(51));
        QCOMPARE(h.samples().back().step, int64_t(50));
        QCOMPARE(h.samples().back().values[4], percentilesAt(50, 3)[4]); // the new one replaced it
        h.truncateAfter(20);
        QCOMPARE(h.samples().back().step, int64_t(20));
        QCOMPARE(h.samples().size(), size_t(21));
        h.append(21, percentilesAt(21));
        QCOMPARE(h.samples().size(), size_t(22));
        // Only kPercentileCount finite numbers get in.
        QVERIFY(!h.append(22, std::vector<double>{1, 2, 3}));
        std::vector<double> bad = percentilesAt(22);
        bad[3] = std::nan("");
        QVERIFY(!h.append(22, bad));
        QCOMPARE(h.samples().size(), size_t(22));
        h.clear();
        QVERIFY(h.isEmpty());
        QCOMPARE(h.stride(), int64_t(1));
    }

    void chartGrowsAndDrawsTheShownLayer()
    {
        DistributionChart c;
        QVERIFY(shown(c));
        for (int64_t s = 0; s <= 40; s += 10)
            c.setHistograms(views(s), s);
        QCOMPARE(c.count(), 2);
        QCOMPARE(c.picker()->count(), 2);
        QCOMPARE(c.history("layer0")->samples().size(), size_t(5));
        QList<QPointF> median = c.medianPoints();
        QCOMPARE(median.size(), 5);
        QCOMPARE(median.last(), QPointF(40, percentilesAt(40)[4]));
        c.setCurrentIndex(1);
        QCOMPARE(c.medianPoints().last(), QPointF(40, percentilesAt(40, 1)[4]));
        // Views without percentiles (a lab that does not compute them) draw nothing.
        DistributionChart none;
        auto plain = views(0);
        for (auto& h : plain)
            h.percentiles.clear();
        none.setHistograms(plain, 0);
        QCOMPARE(none.count(), 0);
        QVERIFY(none.history("layer0") == nullptr);
    }

    void aHistogramOfOtherValuesNamesItsAxis()
    {
        // The rl lab's histogram is of Q(A, left) across runs, not of weights.
        auto hs = views(10);
        hs[1].valueLabel = "Q(A, left)";
        WeightCharts w;
        QVERIFY(shown(w));
        w.setHistograms(hs, 10, 1);
        auto axisTitle = [](QChart* chart, Qt::Orientation o) { return chart->axes(o).value(0)->titleText(); };
        w.histograms()->setCurrentIndex(0);
        QCOMPARE(axisTitle(w.histograms()->view()->chart(), Qt::Horizontal), QStringLiteral("weight value"));
        w.histograms()->setCurrentIndex(1);
        QCOMPARE(axisTitle(w.histograms()->view()->chart(), Qt::Horizontal), QStringLiteral("Q(A, left)"));
        w.distributions()->setCurrentIndex(1);
        w.setCurrentWidget(w.distributions()); // shown: it draws
        QCoreApplication::processEvents();
        QCOMPARE(axisTitle(w.distributions()->view()->chart(), Qt::Vertical), QStringLiteral("Q(A, left)"));
    }

    void chartStaysBoundedOnALongRun()
    {
        DistributionChart c(nullptr, 1000);
        // Hidden, as on a tab not shown: the series are filled only once it is shown.
        for (int64_t s = 0; s < 100000; ++s)
            c.setHistograms(views(s), s);
        QVERIFY(c.history("layer0")->samples().size() < 1000);
        QVERIFY(c.history("layer1")->samples().size() < 1000);
        QCOMPARE(c.history("layer0")->samples().front().step, int64_t(0));
        QCOMPARE(c.history("layer0")->samples().back().step, int64_t(99999));
        QVERIFY(shown(c));
        const QList<QPointF> median = c.medianPoints();
        QVERIFY(median.size() < 1000);
        QCOMPARE(median.first().x(), 0.0);
        QCOMPARE(median.last().x(), 99999.0);
    }

    void rollbackResetAndNewRun()
    {
        DistributionChart c;
        c.show();
        for (int64_t s = 0; s <= 100; s += 10)
            c.setHistograms(views(s), s);
        // A view of an earlier step (the worker rolled back): the later samples go.
        c.setHistograms(views(60), 60);
        QCOMPARE(c.history("layer0")->samples().back().step, int64_t(60));
        QCOMPARE(c.history("layer1")->samples().size(), size_t(7));
        QCOMPARE(c.medianPoints().last().x(), 60.0);
        // The window's rollback signal.
        c.truncateAfter(30);
        QCOMPARE(c.history("layer0")->samples().size(), size_t(4));
        QCOMPARE(c.medianPoints().size(), 4);
        // A new run: nothing of the old one stays, the layer picked stays picked.
        c.setCurrentIndex(1);
        c.clear();
        QVERIFY(c.history("layer0")->isEmpty());
        QVERIFY(c.medianPoints().isEmpty());
        c.setHistograms(views(0), 0);
        QCOMPARE(c.currentIndex(), 1);
        QCOMPARE(c.medianPoints().size(), 1);
        // Another lab (other layers): the old ones are forgotten.
        c.setHistograms({view("enc0", 5)}, 5);
        QCOMPARE(c.count(), 1);
        QVERIFY(c.history("layer0") == nullptr);
    }

    void aNewRunForgetsTheOldOnesEvenWhenItsViewCameFirst()
    {
        DistributionChart c;
        for (int64_t s = 0; s <= 3000; s += 100)
            c.setHistograms(views(s), s, 1);
        // The usual order: the new run is announced, then its views come.
        c.startRun(2);
        QVERIFY(c.history("layer0")->isEmpty());
        for (int64_t s = 0; s <= 3000; s += 100)
            c.setHistograms(views(s), s, 2);
        // The other order: run 3's first view (already at step 150) overtakes its runStarted.
        // It dropped run 2's samples from step 150 on; the ones before it go at the start.
        c.setHistograms(views(150, true), 150, 3);
        QVERIFY(c.history("layer0")->samples().size() > 1);
        c.startRun(3);
        QCOMPARE(stepsOf(*c.history("layer0")), std::vector<int64_t>{150});
        QCOMPARE(stepsOf(*c.history("twin_layer0")), std::vector<int64_t>{150});
        // A rollback (a new run id too, but no new run) keeps what came before it.
        c.setHistograms(views(300), 300, 3);
        c.setHistograms(views(200), 200, 4);
        QCOMPARE(stepsOf(*c.history("layer0")), (std::vector<int64_t>{150, 200}));
    }

    void twinLineComesAndGoes()
    {
        DistributionChart c;
        QVERIFY(shown(c));
        c.setHistograms(views(0), 0);
        QVERIFY(!c.showsTwin());
        QVERIFY(!c.legendShown());
        for (int64_t s = 0; s <= 30; s += 10)
            c.setHistograms(views(s, true), s);
        QCOMPARE(c.count(), 2); // the twin's layers are not layers of their own
        QVERIFY(c.showsTwin());
        QVERIFY(c.legendShown());
        QCOMPARE(c.medianPoints(true).size(), 4);
        QCOMPARE(c.medianPoints(true).last(), QPointF(30, percentilesAt(30)[4]));
        QStringList lines = c.toCsv().trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.first(), QStringLiteral("run,step,min,p7,p16,p31,p50,p69,p84,p93,max"));
        QCOMPARE(lines.size(), 1 + 4 + 4);
        QVERIFY(lines.at(1).startsWith(QStringLiteral("main,0,")));
        QVERIFY(lines.last().startsWith(QStringLiteral("twin,30,")));
        QCOMPARE(lines.last().split(QLatin1Char(',')).at(2).toDouble(), percentilesAt(30, 0, 0.5)[0]);
        // The twin dropped: its line and legend go.
        c.setHistograms(views(40), 40);
        QVERIFY(!c.showsTwin());
        QVERIFY(c.medianPoints(true).isEmpty());
        QVERIFY(!c.legendShown());
        QVERIFY(c.history("twin_layer0") == nullptr);
        QVERIFY(!c.toCsv().startsWith(QStringLiteral("run,")));
    }

    void csvHoldsTheFedPercentiles()
    {
        DistributionChart c;
        for (int64_t s = 0; s <= 20; s += 10)
            c.setHistograms(views(s), s);
        c.setCurrentIndex(1);
        const QStringList lines = c.toCsv().trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.first(), QStringLiteral("step,min,p7,p16,p31,p50,p69,p84,p93,max"));
        QCOMPARE(lines.size(), 4);
        for (int row = 0; row < 3; ++row) {
            const QStringList cells = lines.at(row + 1).split(QLatin1Char(','));
            QCOMPARE(cells.size(), 10);
            QCOMPARE(cells.at(0).toLongLong(), qlonglong(row * 10));
            const std::vector<double> want = percentilesAt(row * 10, 1);
            for (int k = 0; k < 9; ++k)
                QVERIFY(std::fabs(cells.at(k + 1).toDouble() - want[size_t(k)]) < 1e-9);
        }
    }

    void pictureHasTheBandsAndAHiddenTabExports()
    {
        // In the tabs, the distribution tab not shown: it lays itself out to export.
        WeightCharts tabs;
        QVERIFY(shown(tabs, QSize(520, 360)));
        for (int64_t s = 0; s <= 2000; s += 100)
            tabs.setHistograms(views(s), s, 1);
        DistributionChart* c = tabs.distributions();
        QVERIFY(!c->isVisible());
        const QSize size = c->chartSize();
        QVERIFY2(size.width() > 400 && size.height() > 250, qPrintable(QStringLiteral("%1x%2").arg(size.width()).arg(size.height())));
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("d.png"));
        QCOMPARE(ChartExporter::exportImage(png, ChartExporter::Format::Png, size, c->title(),
                                            [c](QPainter* p, const QRectF& r) { c->paintTo(p, r); }, 1.0),
                 QString());
        const QImage img(png);
        QCOMPARE(img.size(), size);
        // The bands: the train blue at several opacities over white, covering a good part
        // of the picture (the median line alone would not).
        QSet<QRgb> blues;
        int sampled = 0, blue = 0;
        for (int y = 0; y < img.height(); y += 2)
            for (int x = 0; x < img.width(); x += 2, ++sampled) {
                const QColor px = img.pixelColor(x, y);
                if (px.blue() > px.red() + 25 && px.blue() > px.green()) {
                    blues.insert(px.rgb());
                    ++blue;
                }
            }
        QVERIFY2(blues.size() >= 4, qPrintable(QString::number(blues.size())));
        QVERIFY2(blue > sampled / 8, qPrintable(QStringLiteral("%1 of %2").arg(blue).arg(sampled)));
        // Both pickers show the same layer.
        tabs.histograms()->setCurrentIndex(1);
        QCOMPARE(c->currentIndex(), 1);
        c->setCurrentIndex(0);
        QCOMPARE(tabs.histograms()->currentIndex(), 0);
        // A rollback and a new run reach the distributions through the tabs.
        tabs.truncateAfter(1000);
        QCOMPARE(c->history("layer0")->samples().back().step, int64_t(1000));
        tabs.startRun(2);
        QVERIFY(c->history("layer0")->isEmpty());
    }
};

QTEST_MAIN(TestDistribution)
#include "tst_distribution.moc"
