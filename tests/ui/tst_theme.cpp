// Themes and the colour-blind-safe palette (View menu): the dark theme darkens the window
// and the charts and lightens their text, while an exported chart keeps a white
// background; the Okabe-Ito palette keeps train, validation and both twins apart under
// simulated deuteranopia and protanopia. The System theme follows the platform's switch
// between light and dark while the window is open (Light and Dark ignore it).
#include "SettingsFixture.h"
#include "MainWindow.h"
#include "PresentationMode.h"
#include "charts/ChartPanel.h"
#include "charts/ChartPalette.h"
#include "charts/ChartStyle.h"
#include "charts/ChartView.h"
#include "charts/LineChart.h"
#include "export/ChartExporter.h"
#include "labs/LabRegistry.h"
#include "settings/AppSettings.h"
#include "settings/Theme.h"

#include <QApplication>
#include <QImage>
#include <QMenu>
#include <QSettings>
#include <QTemporaryDir>
#include <QAction>
#include <QTest>

#include <array>
#include <cmath>

namespace {
std::unique_ptr<reglab::Lab> classify()
{
    auto lab = reglab::createLab("classify");
    lab->reset(1);
    return lab;
}

struct Tones {
    int dark = 0, light = 0; // pixels of lightness < 0.25 and > 0.75
    QColor corner;
};

// WCAG contrast ratio of two colours.
double contrast(const QColor& a, const QColor& b)
{
    auto lum = [](const QColor& c) {
        auto ch = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF());
    };
    const double x = lum(a), y = lum(b);
    return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

Tones tones(const QImage& img)
{
    Tones t;
    t.corner = img.pixelColor(2, 2);
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) {
            const double l = img.pixelColor(x, y).lightnessF();
            t.dark += l < 0.25;
            t.light += l > 0.75;
        }
    return t;
}

// Machado, Oliveira and Fernandes (2009) at full severity, on linear RGB.
using Matrix = std::array<std::array<double, 3>, 3>;
const Matrix kDeuteranopia = {{{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}}};
const Matrix kProtanopia = {{{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}}};
const Matrix kNormal = {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};

double toLinear(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }

// CIELAB (D65) of colour c as seen through m.
std::array<double, 3> labSeen(const QColor& c, const Matrix& m)
{
    const double in[3] = {toLinear(c.redF()), toLinear(c.greenF()), toLinear(c.blueF())};
    double rgb[3];
    for (int i = 0; i < 3; ++i)
        rgb[i] = std::clamp(m[i][0] * in[0] + m[i][1] * in[1] + m[i][2] * in[2], 0.0, 1.0);
    const double X = 0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2];
    const double Y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    const double Z = 0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2];
    auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
    const double fx = f(X / 0.95047), fy = f(Y), fz = f(Z / 1.08883);
    return {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
}

double deltaE(const QColor& a, const QColor& b, const Matrix& m)
{
    const auto p = labSeen(a, m), q = labSeen(b, m);
    return std::hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}
} // namespace

class TestTheme : public QObject {
    Q_OBJECT
private slots:
    void darkThemeDarkensWindowAndCharts()
    {
        Fixture f;
        MainWindow w(&f.settings, classify());
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* present = w.findChild<PresentationMode*>();
        LineChart* chart = w.chartPanel()->charts().front();
        w.refreshNow();
        // The y axis' tick labels: left of the plot area.
        const QRect plot = chart->view()->mapFromScene(chart->view()->chart()->plotArea()).boundingRect();
        const QRect yLabels(0, plot.top(), plot.left() - 3, plot.height());
        const Tones light = tones(chart->view()->grab().toImage());
        const Tones lightLabels = tones(chart->view()->grab(yLabels).toImage());
        QVERIFY(lightLabels.dark > 10);
        QVERIFY(light.corner.lightnessF() > 0.9);
        QVERIFY(light.dark > 50); // dark text and lines on white
        QVERIFY(w.palette().color(QPalette::Window).lightnessF() > 0.5);

        present->setTheme(QStringLiteral("dark"));
        QCOMPARE(f.settings.theme(), QStringLiteral("dark"));
        // Widgets take a new application palette through a posted event.
        QTRY_VERIFY(w.palette().color(QPalette::Window).lightnessF() < 0.3);
        QVERIFY(w.palette().color(QPalette::WindowText).lightnessF() > 0.7);
        const Tones dark = tones(chart->view()->grab().toImage());
        const Tones darkLabels = tones(chart->view()->grab(yLabels).toImage());
        QVERIFY(darkLabels.light > 10);
        QVERIFY(darkLabels.dark > darkLabels.light); // on a dark background
        QVERIFY2(dark.corner.lightnessF() < 0.2, qPrintable(dark.corner.name()));
        QVERIFY(dark.light > 50); // light text: axis labels, title, legend
        QVERIFY(dark.light < dark.dark);

        // An export in the dark theme still has a white background and dark text.
        const QString png = f.dir.filePath(QStringLiteral("loss.png"));
        QCOMPARE(ChartExporter::exportImage(png, ChartExporter::Format::Png, chart->chartSize(), QStringLiteral("t"),
                                            [chart](QPainter* p, const QRectF& r) { chart->paintTo(p, r); }, 1.0),
                 QString());
        const Tones exported = tones(QImage(png));
        QVERIFY2(exported.corner.lightnessF() > 0.9, qPrintable(exported.corner.name()));
        QVERIFY(exported.dark > 50);
        // So does an image copied to the clipboard (the same rendering).
        const Tones copied = tones(ChartExporter::renderImage(chart->chartSize(), [chart](QPainter* p, const QRectF& r) {
            chart->paintTo(p, r);
        }, 1.0));
        QVERIFY2(copied.corner.lightnessF() > 0.9 && copied.dark > 50, qPrintable(copied.corner.name()));
        QVERIFY(ChartStyle::instance()->dark()); // the window stays dark after it
        // Asked for: exports in the window's colours (View > Export in Window Colours).
        QAction* windowColours = w.findChild<QAction*>(QStringLiteral("exportWindowColoursAction"));
        QVERIFY(windowColours);
        windowColours->setChecked(true);
        QVERIFY(f.settings.exportWindowColours());
        const Tones themed = tones(ChartExporter::renderImage(chart->chartSize(), [chart](QPainter* p, const QRectF& r) {
            chart->paintTo(p, r);
        }, 1.0));
        QVERIFY2(themed.corner.lightnessF() < 0.2, qPrintable(themed.corner.name()));
        windowColours->setChecked(false);

        // Hints and warnings stay readable on the dark window (WCAG AA: 4.5:1).
        for (const char* name : {"exportHint", "rangeNote"}) {
            QWidget* label = w.findChild<QWidget*>(QString::fromLatin1(name));
            QVERIFY2(label, name);
            QTRY_VERIFY2(contrast(label->palette().color(QPalette::WindowText), w.palette().color(QPalette::Window)) >= 4.5,
                         name);
        }

        present->setTheme(QStringLiteral("light"));
        QTRY_VERIFY(w.palette().color(QPalette::Window).lightnessF() > 0.5);
        QVERIFY(!ChartStyle::instance()->dark());
        for (const char* name : {"exportHint", "rangeNote"}) {
            QWidget* label = w.findChild<QWidget*>(QString::fromLatin1(name));
            QTRY_VERIFY2(contrast(label->palette().color(QPalette::WindowText), w.palette().color(QPalette::Window)) >= 4.5,
                         name);
        }
    }

    void themeAndPaletteAreRemembered()
    {
        Fixture f;
        {
            MainWindow w(&f.settings, classify());
            auto* present = w.findChild<PresentationMode*>();
            present->setTheme(QStringLiteral("dark"));
            present->setColourBlindSafe(true);
        }
        ChartStyle::instance()->setDark(false); // as a new process would start
        ChartStyle::instance()->setColourBlindSafe(false);
        QApplication::setPalette(QPalette(Qt::white));
        MainWindow w(&f.settings, classify());
        QVERIFY(ChartStyle::instance()->dark());
        QVERIFY(ChartStyle::instance()->colourBlindSafe());
        QVERIFY(QApplication::palette().color(QPalette::Window).lightnessF() < 0.3);
        QAction* palette = nullptr;
        for (QAction* a : w.findChild<PresentationMode*>()->menu()->actions())
            if (a->text().contains(QStringLiteral("Colour-blind")))
                palette = a;
        QVERIFY(palette && palette->isChecked());
        w.findChild<PresentationMode*>()->setTheme(QStringLiteral("light"));
        w.findChild<PresentationMode*>()->setColourBlindSafe(false);
        QVERIFY(!ChartStyle::instance()->dark());
    }

    void colourBlindPaletteKeepsCurvesApart()
    {
        ChartStyle* style = ChartStyle::instance();
        style->setColourBlindSafe(true);
        for (bool dark : {false, true}) {
            style->setDark(dark);
            const QColor train = ChartPalette::train(), val = ChartPalette::val();
            const std::array<QColor, 4> colours = {train, val, ChartPalette::twinColor(train), ChartPalette::twinColor(val)};
            for (const Matrix* m : {&kNormal, &kDeuteranopia, &kProtanopia})
                for (size_t i = 0; i < colours.size(); ++i)
                    for (size_t j = i + 1; j < colours.size(); ++j) {
                        const double d = deltaE(colours[i], colours[j], *m);
                        // ~2.3 is just noticeable; 15 is apart at a glance, on a projector too.
                        QVERIFY2(d > 15.0, qPrintable(QStringLiteral("%1 vs %2: %3 (dark %4)")
                                                          .arg(colours[i].name(), colours[j].name())
                                                          .arg(d)
                                                          .arg(dark)));
                    }
            // Each curve stands out from the chart's background as well.
            for (const QColor& c : colours)
                QVERIFY(deltaE(c, ChartPalette::background(), kNormal) > 30.0);
        }
        style->setDark(false);
        style->setColourBlindSafe(false);
    }

    void systemThemeFollowsThePlatformWhileRunning()
    {
        // The platform's palette as a test stands in for it; a ThemeChange is what Qt sends
        // every window when the platform's colour scheme changes.
        QPalette platform(QColor(0xf0, 0xf0, 0xf0));
        Theme::setPlatformSource([&platform] { return platform; });
        Fixture f;
        MainWindow w(&f.settings, classify());
        w.resize(1200, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* present = w.findChild<PresentationMode*>();
        LineChart* chart = w.chartPanel()->charts().front();
        w.refreshNow();
        present->setTheme(QStringLiteral("system"));
        auto platformSwitches = [&w, &platform](const QColor& window) {
            if (window.isValid())
                platform = QPalette(window);
            QEvent themeChange(QEvent::ThemeChange);
            QApplication::sendEvent(&w, &themeChange);
        };
        auto corner = [chart] { return chart->view()->grab().toImage().pixelColor(2, 2); };
        // Count the application's palette changes: following must not feed on its own.
        int paletteChanges = 0;
        struct Counter : QObject {
            int* n;
            explicit Counter(int* count) : n(count) {}
            bool eventFilter(QObject* o, QEvent* e) override
            {
                if (o == qApp && e->type() == QEvent::ApplicationPaletteChange)
                    ++*n;
                return false;
            }
        } counter(&paletteChanges);
        qApp->installEventFilter(&counter);

        platformSwitches(QColor(0x30, 0x30, 0x30)); // the system goes dark
        QVERIFY(!ChartStyle::instance()->dark()); // on the next turn of the event loop
        QTRY_VERIFY(ChartStyle::instance()->dark());
        QTRY_VERIFY(w.palette().color(QPalette::Window).lightnessF() < 0.3);
        QTRY_VERIFY2(corner().lightnessF() < 0.2, qPrintable(corner().name())); // the charts recolour
        QTest::qWait(200);
        QVERIFY2(paletteChanges >= 1 && paletteChanges <= 3, qPrintable(QString::number(paletteChanges)));
        QCOMPARE(f.settings.theme(), QStringLiteral("system"));

        platformSwitches(QColor(0xf0, 0xf0, 0xf0)); // and light again
        QTRY_VERIFY(!ChartStyle::instance()->dark());
        QTRY_VERIFY(w.palette().color(QPalette::Window).lightnessF() > 0.5);
        QTRY_VERIFY(corner().lightnessF() > 0.9);

        // The platform may put its palette in place of the application's without a
        // ThemeChange (a palette not fully ours): read it again too.
        platform = QPalette(QColor(0x30, 0x30, 0x30));
        QApplication::setPalette(QPalette(QColor(0xf8, 0xf8, 0xf8)));
        QTRY_VERIFY(ChartStyle::instance()->dark());
        QTRY_VERIFY(w.palette().color(QPalette::Window).lightnessF() < 0.3);
        platformSwitches(QColor(0xf0, 0xf0, 0xf0));
        QTRY_VERIFY(!ChartStyle::instance()->dark());

        // Light and Dark stay what they are, whatever the platform does.
        present->setTheme(QStringLiteral("light"));
        platformSwitches(QColor(0x30, 0x30, 0x30));
        QTest::qWait(100);
        QVERIFY(!ChartStyle::instance()->dark());
        QVERIFY(w.palette().color(QPalette::Window).lightnessF() > 0.5);
        present->setTheme(QStringLiteral("dark"));
        QTRY_VERIFY(ChartStyle::instance()->dark());
        platformSwitches(QColor(0xf0, 0xf0, 0xf0));
        QTest::qWait(100);
        QVERIFY(ChartStyle::instance()->dark());
        QTRY_VERIFY(corner().lightnessF() < 0.2);

        // The real platform (offscreen: a light palette), read by resetting the application's.
        Theme::setPlatformSource({});
        present->setTheme(QStringLiteral("system"));
        paletteChanges = 0;
        platformSwitches(QColor());
        QTRY_VERIFY(!ChartStyle::instance()->dark());
        QTest::qWait(200);
        QVERIFY2(paletteChanges <= 4, qPrintable(QString::number(paletteChanges)));
        qApp->removeEventFilter(&counter);
        present->setTheme(QStringLiteral("light"));
    }

    void chartsDrawTheTwinInItsOwnColour()
    {
        // The twin's curves take the palette's twin colour (and stay dashed).
        ChartStyle::instance()->setColourBlindSafe(true);
        reglab::MetricSpec valLoss;
        valLoss.id = "val_loss";
        valLoss.label = "val loss";
        reglab::MetricSpec twinLoss = valLoss;
        twinLoss.id = "twin_val_loss";
        LineChart chart(QStringLiteral("loss"), {{0, valLoss}, {1, twinLoss}});
        QCOMPARE(chart.rawLineColor(0), ChartPalette::val());
        QCOMPARE(chart.rawLineColor(1), ChartPalette::twinColor(ChartPalette::val()));
        QVERIFY(chart.rawLineColor(1) != chart.rawLineColor(0));
        ChartStyle::instance()->setColourBlindSafe(false); // and back, live
        QCOMPARE(chart.rawLineColor(1), chart.rawLineColor(0));
    }
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
