// Picture and data export: PNG/SVG/PDF through one paint function, writeChartImages for
// `reglab run --out`, and renderWindowShot for `reglab shot`.
#include "MainWindow.h"
#include "ShotHelpers.h"
#include "settings/AppSettings.h"
#include "WindowShot.h"
#include "charts/DistributionChart.h"
#include "charts/HistogramChart.h"
#include "charts/LineChart.h"
#include "export/ChartExporter.h"
#include "export/ChartImages.h"
#include "labs/LabRegistry.h"
#include "session/TrainingSession.h"
#include "charts/HeatmapWidget.h"

#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

class TestExport : public QObject {
    Q_OBJECT
private slots:
    void formatsAreParsed()
    {
        QVERIFY(ChartExporter::formatFromName(QStringLiteral("PNG")) == ChartExporter::Format::Png);
        QVERIFY(ChartExporter::formatFromName(QStringLiteral(".svg")) == ChartExporter::Format::Svg);
        QVERIFY(ChartExporter::formatFromName(QStringLiteral("pdf")) == ChartExporter::Format::Pdf);
        QVERIFY(!ChartExporter::formatFromName(QStringLiteral("gif")));
    }

    void exportAllWritesEveryChartOnce()
    {
        // The window's "Export all": each chart and picture in every format plus its data,
        // and no two of them sharing a file name (the weight-norm chart and the weight
        // histogram once both wrote weights.*).
        QTemporaryDir dir;
        QSettings qs(dir.filePath(QStringLiteral("t.ini")), QSettings::IniFormat);
        AppSettings settings(&qs);
        std::vector<reglab::MetricRow> history;
        auto lab = fake::trainedLab(500, &history);
        MainWindow w(&settings, std::move(lab), history);
        w.resize(1280, 800);
        w.show();
        QTRY_VERIFY(w.histogramChart()->count() > 0);
        const QString out = dir.filePath(QStringLiteral("all"));
        QCOMPARE(w.exportAll(out), QString());
        for (const char* stem : {"loss", "accuracy", "weights", "lr", "boundary", "weight_histograms",
                                 "weight_distributions"})
            for (const char* ext : {"png", "svg", "pdf", "csv"}) {
                const QString f = QStringLiteral("%1/%2.%3").arg(out, QLatin1String(stem), QLatin1String(ext));
                QVERIFY2(QFileInfo(f).size() > 0, qPrintable(f));
            }
        QFile norms(out + QStringLiteral("/weights.csv"));
        QVERIFY(norms.open(QIODevice::ReadOnly));
        QVERIFY(!norms.readLine().startsWith("bin_lo")); // the norm curves, not the histogram
        QFile dist(out + QStringLiteral("/weight_distributions.csv"));
        QVERIFY(dist.open(QIODevice::ReadOnly));
        QCOMPARE(dist.readLine().trimmed(), QByteArray("step,min,p7,p16,p31,p50,p69,p84,p93,max"));
        QVERIFY(dist.readLine().startsWith("500,")); // the window opened on a lab at step 500
        // The distribution tab was never shown: laid out for export all the same, in the
        // width of the tab beside it (less high: its key sits under it).
        QVERIFY(!w.distributionChart()->isVisible());
        const QSize shown = w.histogramChart()->chartSize(), hidden = w.distributionChart()->chartSize();
        QCOMPARE(hidden.width(), shown.width());
        QVERIFY(hidden.height() > shown.height() * 2 / 3);
        QCOMPARE(QImage(out + QStringLiteral("/weight_distributions.png")).size(), hidden * 2);
    }

    void oneChartExportsToEveryFormat()
    {
        std::vector<reglab::MetricRow> history;
        auto lab = fake::trainedLab(3000, &history, 1500);
        auto metrics = lab->metrics();
        std::vector<LineChart::Column> cols = {{0, metrics[0]}, {1, metrics[1]}};
        LineChart chart(QStringLiteral("loss"), cols);
        chart.setAttribute(Qt::WA_DontShowOnScreen);
        chart.resize(900, 500);
        chart.show();
        for (const auto& r : history)
            chart.addRow(r);
        chart.addEvents(lab->events());
        chart.refresh(true);
        QCOMPARE(chart.events().size(), size_t(1));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QSize size(800, 450);
        auto paint = [&](QPainter* p, const QRectF& r) { chart.paintTo(p, r); };
        const QString png = dir.filePath(QStringLiteral("loss.png")), svg = dir.filePath(QStringLiteral("loss.svg")),
                      pdf = dir.filePath(QStringLiteral("loss.pdf"));
        QCOMPARE(ChartExporter::exportImage(png, ChartExporter::Format::Png, size, QStringLiteral("Loss"), paint, 1.0), QString());
        QCOMPARE(ChartExporter::exportImage(svg, ChartExporter::Format::Svg, size, QStringLiteral("Loss"), paint), QString());
        QCOMPARE(ChartExporter::exportImage(pdf, ChartExporter::Format::Pdf, size, QStringLiteral("Loss"), paint), QString());

        QImage img(png);
        QCOMPARE(img.size(), size);
        QVERIFY(fake::distinctColours(img) > 20);
        // The train curve (blue) and the event marker label are in the picture.
        bool blue = false;
        for (int y = 0; y < img.height() && !blue; ++y)
            for (int x = 0; x < img.width() && !blue; ++x) {
                const QColor c = img.pixelColor(x, y);
                blue = c.blue() > 150 && c.red() < 80 && c.green() > 90 && c.green() < 150;
            }
        QVERIFY(blue);

        QFile s(svg);
        QVERIFY(s.open(QIODevice::ReadOnly));
        const QByteArray svgText = s.readAll();
        QVERIFY(svgText.contains("<path"));
        QVERIFY(svgText.contains("viewBox=\"0 0 800 450\""));
        QVERIFY(QFileInfo(pdf).size() > 1000);
        QFile p(pdf);
        QVERIFY(p.open(QIODevice::ReadOnly));
        QVERIFY(p.read(5) == "%PDF-");

        // PNG at 2x for slides.
        QCOMPARE(ChartExporter::exportImage(png, ChartExporter::Format::Png, size, QStringLiteral("Loss"), paint, 2.0), QString());
        QCOMPARE(QImage(png).size(), size * 2);
    }

    void csvHasTheFullHistory()
    {
        std::vector<reglab::MetricRow> history;
        auto lab = fake::trainedLab(500, &history);
        auto metrics = lab->metrics();
        LineChart chart(QStringLiteral("loss"), {{0, metrics[0]}, {1, metrics[1]}});
        for (const auto& r : history)
            chart.addRow(r);
        const QStringList lines = chart.toCsv().trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.first(), QStringLiteral("step,train_loss,val_loss"));
        QCOMPARE(lines.size(), int(history.size()) + 1);
        QCOMPARE(lines.at(1).split(QLatin1Char(',')).first(), QStringLiteral("0"));
        QCOMPARE(lines.last().split(QLatin1Char(',')).first(), QStringLiteral("500"));
        QCOMPARE(lines.last().split(QLatin1Char(',')).at(1).toDouble(), history.back().values[0]);
    }

    void badExportsGetAMessage()
    {
        auto paint = [](QPainter*, const QRectF&) {};
        QVERIFY(!ChartExporter::exportImage(QStringLiteral("/no/such/dir/x.png"), ChartExporter::Format::Png,
                                            QSize(100, 100), {}, paint)
                     .isEmpty());
        QVERIFY(!ChartExporter::exportImage(QStringLiteral("/tmp/x.png"), ChartExporter::Format::Png, QSize(2, 2), {}, paint)
                     .isEmpty());
    }

    void writeChartImagesRendersEveryGroup()
    {
        std::vector<reglab::MetricRow> history;
        auto lab = fake::trainedLab(2000, &history, 1000);
        QTemporaryDir dir;
        QStringList written;
        const QString err = writeChartImages(lab->metrics(), history, lab->events(), dir.filePath(QStringLiteral("out")),
                                             {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}, &written);
        QCOMPARE(err, QString());
        QCOMPARE(written.size(), 4 * 3); // loss, accuracy, weights, lr
        for (const QString& group : {QStringLiteral("loss"), QStringLiteral("accuracy"), QStringLiteral("weights"),
                                     QStringLiteral("lr")})
            for (const QString& ext : {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
                const QString path = dir.filePath(QStringLiteral("out/%1.%2").arg(group, ext));
                QVERIFY2(written.contains(path), qPrintable(path));
                QVERIFY2(QFileInfo(path).size() > 500, qPrintable(path));
            }
        const QImage loss(dir.filePath(QStringLiteral("out/loss.png")));
        QVERIFY(!loss.isNull());
        QVERIFY(fake::distinctColours(loss) > 20);
        QFile svg(dir.filePath(QStringLiteral("out/loss.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray text = svg.readAll();
        QVERIFY(text.contains("<path"));
        // The event marker label is text in the SVG.
        QVERIFY2(text.contains("L2 0 "), "event marker missing from the SVG");
        if (qEnvironmentVariableIsSet("REGLAB_KEEP_SHOTS")) {
            const QString keep = qEnvironmentVariable("REGLAB_KEEP_SHOTS");
            for (const QString& f : written)
                QFile::copy(f, keep + QLatin1Char('/') + QFileInfo(f).fileName());
        }
    }

    void writeChartImagesRejectsBadInput()
    {
        QTemporaryDir dir;
        std::vector<reglab::MetricRow> history;
        auto lab = fake::trainedLab(10, &history);
        QVERIFY(writeChartImages(lab->metrics(), history, {}, dir.path(), {QStringLiteral("gif")}).contains(QStringLiteral("gif")));
        QVERIFY(!writeChartImages(lab->metrics(), history, {}, dir.path(), {}).isEmpty());
        QVERIFY(!writeChartImages({}, history, {}, dir.path(), {QStringLiteral("png")}).isEmpty());
        // Empty history still draws (empty axes), never crashes.
        QCOMPARE(writeChartImages(lab->metrics(), {}, {}, dir.path(), {QStringLiteral("png")}), QString());
    }

    void windowShotIsARealPicture()
    {
        std::vector<reglab::MetricRow> history;
        auto lab = fake::trainedLab(3000, &history, 1200);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shot.png"));
        QCOMPARE(renderWindowShot(std::move(lab), history, path, QSize(1440, 900)), QString());
        const QImage img(path);
        QVERIFY(!img.isNull());
        QCOMPARE(img.size() / img.devicePixelRatio(), QSize(1440, 900));
        QVERIFY(fake::distinctColours(img) > 50);
        if (qEnvironmentVariableIsSet("REGLAB_KEEP_SHOTS"))
            QFile::copy(path, qEnvironmentVariable("REGLAB_KEEP_SHOTS") + QStringLiteral("/window.png"));
        QVERIFY(!renderWindowShot(nullptr, {}, path).isEmpty());
        QVERIFY(!renderWindowShot(std::make_unique<fake::FakeLab>(), {}, QStringLiteral("/no/such/dir/x.png")).isEmpty());
    }

    void exportAllHasEveryPictureAndTheFullHistory()
    {
        // The real classify lab with a twin: Export all writes the network views of both runs
        // and metrics.csv with every logged row (not the charts' decimated copy), the twin's
        // columns included.
        QTemporaryDir dir;
        QSettings qs(dir.filePath(QStringLiteral("t.ini")), QSettings::IniFormat);
        AppSettings settings(&qs);
        auto lab = reglab::createLab("classify");
        QVERIFY(lab->setText("eval_every", "1").empty());
        lab->reset(1);
        MainWindow w(&settings, std::move(lab));
        w.resize(1440, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.session()->setTwin({{"dropout", "0.3"}});
        QTRY_VERIFY(w.session()->lab().hasTwin());
        w.session()->step(3000);
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->stepCount() == 3000, 60000);
        QTRY_VERIFY(w.twinHeatmap()->hasPicture());
        QTest::qWait(300); // the last batch of rows
        const QString out = dir.filePath(QStringLiteral("all"));
        QCOMPARE(w.exportAll(out), QString());
        for (const char* stem : {"boundary", "twin_boundary", "network", "twin_network"})
            for (const char* ext : {"png", "svg", "pdf"}) {
                const QString f = QStringLiteral("%1/%2.%3").arg(out, QLatin1String(stem), QLatin1String(ext));
                QVERIFY2(QFileInfo(f).size() > 0, qPrintable(f));
            }
        QVERIFY(fake::distinctColours(QImage(out + QStringLiteral("/network.png"))) > 20);
        QFile csv(out + QStringLiteral("/metrics.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QVERIFY(lines.front().startsWith("step,train_loss,"));
        QVERIFY(lines.front().contains(",twin_train_loss,"));
        QCOMPARE(lines.size(), 1 + 3001); // header, step 0, every step
        QVERIFY(lines[1].startsWith("0,"));
        QVERIFY(lines.back().startsWith("3000,"));
    }

    void copyImagePutsThePictureOnTheClipboard()
    {
        // "Copy image" goes through the same paint function as the files, at 2x, on white.
        const auto paint = [](QPainter* p, const QRectF& r) {
            p->fillRect(r.adjusted(10, 10, -10, -10), QColor(0x1f, 0x77, 0xb4));
        };
        QGuiApplication::clipboard()->clear();
        ChartExporter::copyImage(QSize(200, 100), paint);
        const QImage img = QGuiApplication::clipboard()->image();
        QCOMPARE(img.size(), QSize(400, 200));
        QCOMPARE(img.pixelColor(2, 2), QColor(Qt::white));
        QCOMPARE(img.pixelColor(200, 100), QColor(0x1f, 0x77, 0xb4));
        QCOMPARE(ChartExporter::renderImage(QSize(200, 100), paint, 4.0).size(), QSize(800, 400)); // print
    }
};

QTEST_MAIN(TestExport)
#include "tst_export.moc"
