// The profile picture (a value per position along a sequence, the escape lab's per-site
// coefficients): bars in their kind's palette colour, the truth line, the marks, the hover
// readout; the pictures dock shows it (and the twin's below) only when the lab sends one;
// it exports to PNG, SVG and PDF through its one paint function, in Export all too.
#include "MainWindow.h"
#include "ShotHelpers.h"
#include "charts/ChartPalette.h"
#include "charts/ChartStyle.h"
#include "charts/HeatmapWidget.h"
#include "charts/PicturesArea.h"
#include "charts/ProfilePicture.h"
#include "charts/WeightCharts.h"
#include "export/ChartExporter.h"
#include "run/TwinViews.h"
#include "session/TrainingSession.h"
#include "settings/AppSettings.h"

#include <QLabel>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <cmath>

namespace {

// Sites 331..531 (the RBD): a wavy signed value, every third site of kind 1 ("surface"),
// the truth a scaled copy, the ten largest marked.
reglab::ProfileView profile(bool truth = true, bool marks = true, const std::string& id = "sites")
{
    reglab::ProfileView v;
    v.id = id;
    v.title = "Escape per site";
    for (int s = 331; s <= 531; ++s) {
        const size_t i = v.position.size();
        v.position.push_back(s);
        v.value.push_back(float(std::sin(double(i) * 0.21) + 0.35 * std::sin(double(i) * 1.3)));
        v.kind.push_back(i % 3 == 0 ? 1 : 0);
        if (truth)
            v.truth.push_back(0.8f * float(std::sin(double(i) * 0.21)));
        v.marked.push_back(marks && (i % 20 == 7) ? 1 : 0);
    }
    v.kindNames = {"buried", "surface"};
    v.valueLabel = "ridge";
    v.truthLabel = "measured";
    v.markLabel = "true top 10";
    v.note = "ridge alpha 0.1, 12 of the true top 10 sites among the largest 20";
    return v;
}

// The entry of `kind` with the tallest bar.
int tallest(const reglab::ProfileView& v, int kind)
{
    int best = -1;
    for (size_t i = 0; i < v.value.size(); ++i)
        if (v.kind[i] == kind && (best < 0 || std::abs(v.value[i]) > std::abs(v.value[size_t(best)])))
            best = int(i);
    return best;
}

int countColour(const QImage& img, const QRect& r, const QColor& c, int tol = 6)
{
    int n = 0;
    for (int y = std::max(0, r.top()); y <= std::min(img.height() - 1, r.bottom()); ++y)
        for (int x = std::max(0, r.left()); x <= std::min(img.width() - 1, r.right()); ++x) {
            const QColor p = img.pixelColor(x, y);
            n += std::abs(p.red() - c.red()) <= tol && std::abs(p.green() - c.green()) <= tol
                && std::abs(p.blue() - c.blue()) <= tol;
        }
    return n;
}

// The fake lab, sending a profile (its twin too) instead of a decision plane.
class ProfileLab : public fake::FakeLab {
public:
    reglab::LabViews views() const override
    {
        reglab::LabViews v = FakeLab::views();
        v.grids.clear();
        v.points.clear();
        reglab::ProfileView p = profile();
        for (float& x : p.value)
            x *= float(1.0 + 0.01 * double(stepCount()) + num("l2")); // differs per run
        v.profiles.push_back(p);
        return v;
    }
};

} // namespace

class TestProfilePicture : public QObject {
    Q_OBJECT
private slots:
    void cleanup()
    {
        ChartStyle::instance()->setDark(false);
        ChartStyle::instance()->setColourBlindSafe(false);
    }

    void barsTakeTheirKindsColour()
    {
        ProfilePicture w;
        const reglab::ProfileView v = profile();
        w.setView(&v, 40);
        w.resize(800, 360);
        QVERIFY(w.hasProfile());
        const int buried = tallest(v, 0), surface = tallest(v, 1);
        for (bool dark : {false, true})
            for (bool blindSafe : {false, true}) {
                ChartStyle::instance()->setDark(dark);
                ChartStyle::instance()->setColourBlindSafe(blindSafe);
                const QImage img = w.grab().toImage();
                const QColor a = ChartPalette::train(), b = ChartPalette::val();
                QVERIFY(a != b);
                const QRect ra = w.barRect(buried).toAlignedRect(), rb = w.barRect(surface).toAlignedRect();
                QVERIFY(ra.height() > 20 && rb.height() > 20);
                // Each bar in its kind's colour (a line may cross it: most of it, not all).
                QVERIFY2(countColour(img, ra, a) > ra.width() * ra.height() / 3, qPrintable(a.name()));
                QCOMPARE(countColour(img, ra, b), 0);
                QVERIFY(countColour(img, rb, b) > rb.width() * rb.height() / 3);
                QCOMPARE(countColour(img, rb, a), 0);
                // And many bars of both kinds over the plot, on the theme's background.
                const QRect plot = w.plotRect().toAlignedRect();
                QVERIFY(countColour(img, plot, a) > 1000);
                QVERIFY(countColour(img, plot, b) > 500);
                QCOMPARE(img.pixelColor(2, 2), ChartPalette::background());
            }
    }

    void smallAndZoomedStillDrawTheBars()
    {
        // Dark with presentation-size fonts, and a small dock: the plot keeps room for its bars.
        // PROFILE_DUMP=1 also saves both for a look by eye.
        ProfilePicture w;
        const reglab::ProfileView v = profile();
        w.setView(&v, 1200);
        ChartStyle::instance()->setDark(true);
        ChartStyle::instance()->setColourBlindSafe(true);
        ChartStyle::instance()->setFontScale(1.5);
        w.resize(520, w.heightForWidth(520));
        const QImage zoomed = w.grab().toImage();
        QVERIFY(w.plotRect().width() > 300 && w.plotRect().height() > 80);
        QVERIFY(countColour(zoomed, w.plotRect().toAlignedRect(), ChartPalette::train()) > 100);
        ChartStyle::instance()->setFontScale(1.0);
        ChartStyle::instance()->setDark(false);
        ChartStyle::instance()->setColourBlindSafe(false);
        w.resize(380, 240);
        const QImage small = w.grab().toImage();
        QVERIFY(w.plotRect().width() > 250 && w.plotRect().height() > 60);
        QVERIFY(countColour(small, w.plotRect().toAlignedRect(), ChartPalette::train()) > 50);
        if (qEnvironmentVariableIsSet("PROFILE_DUMP")) {
            zoomed.save(QStringLiteral("/tmp/profile_dark_zoomed.png"));
            small.save(QStringLiteral("/tmp/profile_small.png"));
        }
    }

    void truthLineAndMarksArePainted()
    {
        ProfilePicture w;
        w.resize(800, 360);
        reglab::ProfileView bare = profile(false, false), full = profile(true, true);
        w.setView(&bare, 1);
        const QImage without = w.grab().toImage();
        QVERIFY(w.markRect(7).isEmpty());
        w.setView(&full, 1);
        const QImage with = w.grab().toImage();
        // The truth line: text-coloured pixels across the plot that were not there.
        const QRect plot = w.plotRect().toAlignedRect();
        const QColor ink = ChartPalette::textColor();
        const int lineBefore = countColour(without, plot, ink, 40), lineAfter = countColour(with, plot, ink, 40);
        QVERIFY2(lineAfter > lineBefore + int(plot.width()), qPrintable(QStringLiteral("%1 %2").arg(lineBefore).arg(lineAfter)));
        // A triangle above each marked site, none above the others.
        for (int i : {7, 27, 187}) {
            const QRectF m = w.markRect(i);
            QVERIFY(!m.isEmpty());
            QVERIFY(m.bottom() <= plot.top()); // above the bars
            const QPoint c(int(m.center().x()), int(m.top() + m.height() / 3));
            QVERIFY2(countColour(with, QRect(c - QPoint(1, 1), QSize(3, 3)), ink, 40) >= 4, qPrintable(with.pixelColor(c).name()));
            QCOMPARE(countColour(without, QRect(c - QPoint(1, 1), QSize(3, 3)), ink, 40), 0);
        }
        QVERIFY(w.markRect(8).isEmpty());
        if (qEnvironmentVariableIsSet("PROFILE_DUMP"))
            with.save(QStringLiteral("/tmp/profile_picture.png"));
    }

    void hoveringABarShowsItsValues()
    {
        ProfilePicture w;
        const reglab::ProfileView v = profile();
        w.setView(&v, 3);
        w.resize(800, 360);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QImage before = w.grab().toImage();
        const int i = tallest(v, 1);
        QTest::mouseMove(&w, w.barRect(i).center().toPoint());
        QTRY_COMPARE(w.hovered(), i);
        const QImage hovered = w.grab().toImage();
        QVERIFY(hovered != before);
        if (qEnvironmentVariableIsSet("PROFILE_DUMP"))
            hovered.save(QStringLiteral("/tmp/profile_hover.png"));
        QTest::mouseMove(&w, QPoint(2, 2));
        QTRY_COMPARE(w.hovered(), -1);
        QCOMPARE(w.grab().toImage(), before);
    }

    void twinProfilesAreRenamed()
    {
        reglab::LabViews main, twin;
        main.profiles.push_back(profile());
        twin.profiles.push_back(profile());
        reglab::ProfileView shared = profile(false, false, "data");
        shared.perRun = false; // the same for both runs: sent once
        twin.profiles.push_back(shared);
        const reglab::LabViews both = reglab::withTwinViews(main, twin, "l2 0.01");
        QCOMPARE(both.profiles.size(), size_t(2));
        QCOMPARE(both.profiles[1].id, std::string("twin_sites"));
        QCOMPARE(both.profiles[1].title, std::string("Twin: l2 0.01"));
    }

    void picturesAreaShowsTheProfileAndTheTwinsBelow()
    {
        PicturesArea area;
        area.resize(900, 900);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        reglab::LabViews views;
        views.step = 5;
        views.profiles.push_back(profile());
        area.setViews(views, 1);
        QVERIFY(area.profile()->isVisible());
        QVERIFY(!area.twinProfile()->isVisible());
        QVERIFY(!area.heatmap()->isVisible());
        QVERIFY(!area.hasTwin());
        QCOMPARE(area.profile()->view().id, std::string("sites"));

        reglab::LabViews twin;
        twin.profiles.push_back(profile());
        QVERIFY(area.setViews(reglab::withTwinViews(views, twin, "l2 0.01"), 1)); // a twin came
        QVERIFY(area.profile()->isVisible() && area.twinProfile()->isVisible());
        QVERIFY(area.hasTwin());
        QCOMPARE(area.twinProfile()->view().title, std::string("Twin: l2 0.01"));
        QTest::qWait(50);
        // Below the main one, as wide.
        const QRect a = area.profile()->geometry(), b = area.twinProfile()->geometry();
        QVERIFY2(b.top() >= a.bottom(), qPrintable(QStringLiteral("%1 %2").arg(a.bottom()).arg(b.top())));
        QCOMPARE(b.width(), a.width());
        QVERIFY(a.height() > 150 && b.height() > 150);

        // A lab without weights: the pictures get the whole height, no empty histogram under them.
        auto* weights = area.findChild<WeightCharts*>();
        QVERIFY(weights && !weights->isVisible());
        QVERIFY(area.profile()->height() + area.twinProfile()->height() > 700);

        // No profile but weights: hidden, and the histograms take the whole height (no empty
        // "Decision boundary" above them).
        reglab::LabViews withWeights;
        reglab::HistogramView h;
        h.id = "w0";
        h.counts = {1, 2, 1};
        withWeights.histograms.push_back(h);
        QVERIFY(area.setViews(withWeights, 1));
        QVERIFY(!area.profile()->isVisible() && !area.twinProfile()->isVisible());
        QVERIFY(!area.heatmap()->isVisible() && weights->isVisible());
        QVERIFY(weights->height() > 800);
        auto* nothing = area.findChild<QLabel*>(QStringLiteral("noPictures"));
        QVERIFY(nothing && !nothing->isVisible());
        // Nothing at all (double descent): one line says so instead of an empty frame; and back.
        area.setViews(reglab::LabViews(), 1);
        QVERIFY(nothing->isVisible() && !area.heatmap()->isVisible() && !weights->isVisible());
        area.setViews(views, 1);
        QVERIFY(!nothing->isVisible() && area.profile()->isVisible());
    }

    void exportsThroughItsPaintFunction()
    {
        ProfilePicture w;
        const reglab::ProfileView v = profile();
        w.setView(&v, 9);
        QTemporaryDir dir;
        const auto paint = [&w](QPainter* p, const QRectF& r) { w.paintTo(p, r); };
        ChartStyle::instance()->setDark(true); // exports stay on white anyway
        const QSize size(720, 330);
        const QString png = dir.filePath(QStringLiteral("p.png")), svg = dir.filePath(QStringLiteral("p.svg")),
                      pdf = dir.filePath(QStringLiteral("p.pdf"));
        QCOMPARE(ChartExporter::exportImage(png, ChartExporter::Format::Png, size, w.title(), paint, 2.0), QString());
        QCOMPARE(ChartExporter::exportImage(svg, ChartExporter::Format::Svg, size, w.title(), paint), QString());
        QCOMPARE(ChartExporter::exportImage(pdf, ChartExporter::Format::Pdf, size, w.title(), paint), QString());
        QVERIFY(ChartStyle::instance()->dark());
        ChartStyle::instance()->setDark(false);
        const QImage img(png);
        QCOMPARE(img.size(), size * 2);
        QCOMPARE(img.pixelColor(2, 2), QColor(Qt::white));
        QVERIFY(countColour(img, img.rect(), ChartPalette::train()) > 4000);
        QVERIFY(countColour(img, img.rect(), ChartPalette::val()) > 2000);
        QVERIFY(fake::distinctColours(img) > 5);
        QFile s(svg);
        QVERIFY(s.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&s);
        int paths = 0;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("path"))
                ++paths;
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY2(paths > 10, qPrintable(QString::number(paths)));
        QFile p(pdf);
        QVERIFY(p.open(QIODevice::ReadOnly));
        QVERIFY(p.read(4) == "%PDF");
        QVERIFY(p.size() > 1000);
        // Its data as CSV: a row per site.
        const QStringList rows = w.toCsv().trimmed().split(QLatin1Char('\n'));
        QCOMPARE(rows.size(), 1 + 201);
        QVERIFY(rows[1].startsWith(QStringLiteral("331,")));
    }

    void theWindowShowsTheLabsProfileAndItsTwins()
    {
        QTemporaryDir dir;
        QSettings qs(dir.filePath(QStringLiteral("t.ini")), QSettings::IniFormat);
        AppSettings settings(&qs);
        auto lab = std::make_unique<ProfileLab>();
        lab->reset(1);
        MainWindow w(&settings, std::move(lab), {}, [](const std::string&) { return std::make_unique<ProfileLab>(); });
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        PicturesArea* area = w.pictures();
        QTRY_VERIFY(area->profile()->isVisible());
        QVERIFY(!w.heatmap()->isVisible());
        QVERIFY(!area->twinProfile()->isVisible());
        w.session()->setTwin({{"l2", "0.01"}});
        QTRY_VERIFY(w.session()->lab().hasTwin());
        w.session()->step(3);
        QTRY_VERIFY(area->twinProfile()->isVisible());
        QVERIFY(area->twinProfile()->view().title.rfind("Twin", 0) == 0);
        QTRY_VERIFY(area->profile()->view().value != area->twinProfile()->view().value);
        QTRY_VERIFY(area->twinProfile()->height() > 150); // the dock fits both, one above the other
        QVERIFY(area->twinProfile()->geometry().top() >= area->profile()->geometry().bottom());
        if (qEnvironmentVariableIsSet("PROFILE_DUMP")) {
            QTest::qWait(300);
            w.grab().save(QStringLiteral("/tmp/profile_window.png"));
        }
        // Export all: both profiles, each as PNG, SVG, PDF and its data.
        const QString out = dir.filePath(QStringLiteral("all"));
        QCOMPARE(w.exportAll(out), QString());
        for (const char* stem : {"profile", "twin_profile"})
            for (const char* ext : {"png", "svg", "pdf", "csv"}) {
                const QString f = QStringLiteral("%1/%2.%3").arg(out, QLatin1String(stem), QLatin1String(ext));
                QVERIFY2(QFileInfo(f).size() > 0, qPrintable(f));
            }
        QVERIFY(fake::distinctColours(QImage(out + QStringLiteral("/profile.png"))) > 5);
    }
};

QTEST_MAIN(TestProfilePicture)
#include "tst_profilepicture.moc"
