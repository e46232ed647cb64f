// The network picture and the validation picture: hovering a node enlarges its map, dead
// units are grey, links take their sign's colour, and the main window's pictures dock shows
// the network on the switch (remembered), and the validation pictures for the digits.
#include "MainWindow.h"
#include "charts/HeatmapWidget.h"
#include "charts/NetworkPicture.h"
#include "charts/PicturesArea.h"
#include "charts/ValidationPicture.h"
#include "labs/LabRegistry.h"
#include "session/TrainingSession.h"
#include "settings/AppSettings.h"

#include <QApplication>
#include <QDockWidget>
#include <QImage>
#include <QSettings>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>

namespace {

reglab::NetworkNode node(const std::string& label, int side, float slope, bool dead = false)
{
    reglab::NetworkNode n;
    n.label = label;
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c)
            n.map.push_back(slope * float(c - side / 2));
    n.scale = std::abs(slope) * float(side / 2);
    n.dead = dead;
    return n;
}

// 2 inputs, 3 hidden (the second dead), 2 outputs; every link weight `w`.
reglab::NetworkView view(float w)
{
    const int side = 8;
    reglab::NetworkView v;
    v.id = "network";
    v.title = "Network";
    v.side = side;
    reglab::NetworkLayer in{"input", 2, 0, {node("x1", side, 1), node("x2", side, -1)}, {}};
    reglab::NetworkLayer hidden{"hidden 1", 3, 1, {node("unit 1", side, 1), node("unit 2", side, 1, true), node("unit 3", side, -2)},
                                std::vector<float>(6, w)};
    reglab::NetworkLayer out{"output", 2, 0, {node("class 0", side, 0.1f), node("class 1", side, -0.1f)},
                             std::vector<float>(6, w)};
    v.layers = {in, hidden, out};
    return v;
}

int countPixels(const QImage& img, const std::function<bool(QColor)>& pick)
{
    int n = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            n += pick(img.pixelColor(x, y)) ? 1 : 0;
    return n;
}

bool bluish(QColor c) { return c.blue() > c.red() + 60; }
bool orangish(QColor c) { return c.red() > c.blue() + 60; }

} // namespace

class TestNetworkPicture : public QObject {
    Q_OBJECT
private slots:
    void hoveringANodeEnlargesItsMap()
    {
        NetworkPicture w;
        const reglab::NetworkView v = view(0.5f);
        w.setView(&v, 10);
        w.resize(600, 600);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QImage before = w.grab().toImage();
        const QRectF r = w.nodeRect(1, 2);
        QVERIFY(!r.isEmpty());
        QTest::mouseMove(&w, r.center().toPoint());
        QTRY_COMPARE(w.hovered(), std::make_pair(1, 2));
        const QImage hovered = w.grab().toImage();
        QVERIFY(hovered != before);
        if (qEnvironmentVariableIsSet("NETPIC_DUMP")) {
            before.save(QStringLiteral("/tmp/np_before.png"));
            hovered.save(QStringLiteral("/tmp/np_hover.png"));
        }
        // The enlarged map: far more pixels change than the node itself has, and the map's
        // blue (positive, left) and orange (negative, right) halves are in them.
        const int small = int(r.width() * r.height());
        int changed = 0, blue = 0, orange = 0;
        for (int y = 0; y < hovered.height(); ++y)
            for (int x = 0; x < hovered.width(); ++x)
                if (hovered.pixel(x, y) != before.pixel(x, y)) {
                    ++changed;
                    blue += bluish(hovered.pixelColor(x, y)) ? 1 : 0;
                    orange += orangish(hovered.pixelColor(x, y)) ? 1 : 0;
                }
        QVERIFY2(changed > 10 * small, qPrintable(QString::number(changed)));
        QVERIFY(blue > 2 * small && orange > 2 * small);
        QTest::mouseMove(&w, QPoint(2, 2)); // a corner: no node
        QTRY_COMPARE(w.hovered(), std::make_pair(-1, -1));
        QCOMPARE(w.grab().toImage(), before);
    }

    void deadUnitsAreGreyAndLinksTakeTheirSign()
    {
        NetworkPicture w;
        w.resize(600, 600);
        reglab::NetworkView v = view(0.5f);
        w.setView(&v, 1);
        QImage img = w.grab().toImage();
        auto colourIn = [&](const QImage& im, const QRectF& r) {
            return countPixels(im.copy(r.adjusted(2, 2, -2, -2).toRect()), [](QColor c) {
                return std::abs(c.red() - c.blue()) > 40;
            });
        };
        QVERIFY(colourIn(img, w.nodeRect(1, 0)) > 0);
        QCOMPARE(colourIn(img, w.nodeRect(1, 1)), 0); // the dead one: grey
        // Links: between the input and hidden columns, blue for +0.5, orange for -0.5.
        const QRectF gap(w.nodeRect(0, 0).right() + 4, 0, w.nodeRect(1, 0).left() - w.nodeRect(0, 0).right() - 8, 600);
        const QImage links = img.copy(gap.toRect());
        QVERIFY(countPixels(links, bluish) > 50);
        QCOMPARE(countPixels(links, orangish), 0);
        v = view(-0.5f);
        w.setView(&v, 2);
        const QImage negative = w.grab().toImage().copy(gap.toRect());
        QVERIFY(countPixels(negative, orangish) > 50);
        QCOMPARE(countPixels(negative, bluish), 0);
    }

    void validationPicturePaintsImagesAndCounts()
    {
        reglab::ImagesView im;
        im.id = "images";
        im.width = im.height = 2;
        im.pixels = {1, 0, 0, 1, 1, 1, 1, 1};
        im.label = {3, 4};
        im.predicted = {3, 5}; // the second wrong: a red frame
        reglab::GridView conf;
        conf.width = conf.height = 2;
        conf.value = {5, 1, 0, 4};
        ValidationPicture w;
        w.resize(500, 700);
        w.setViews(nullptr, &conf, 1);
        QVERIFY(w.hasMatrix() && !w.hasImages());
        const QImage matrixOnly = w.grab().toImage();
        const auto red = [](QColor c) { return c.red() > 180 && c.green() < 90 && c.blue() < 60; };
        w.setViews(&im, &conf, 1);
        const QImage both = w.grab().toImage();
        QVERIFY(both != matrixOnly);
        QVERIFY(countPixels(both, red) > countPixels(matrixOnly, red) + 20);
        im.predicted = {3, 4}; // both right: no red frame
        w.setViews(&im, &conf, 1);
        QVERIFY(countPixels(w.grab().toImage(), red) < countPixels(both, red) - 20);
    }

    void theDockSwitchesToTheNetworkAndRemembersIt()
    {
        QTemporaryDir dir;
        QSettings qs(dir.filePath(QStringLiteral("t.ini")), QSettings::IniFormat);
        AppSettings settings(&qs);
        auto lab = reglab::createLab("classify");
        QVERIFY(lab->setText("dataset", "spiral").empty());
        lab->reset(1);
        MainWindow w(&settings, std::move(lab));
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        PicturesArea* area = w.pictures();
        QTRY_VERIFY(area->planeSwitch()->isVisible());
        QVERIFY(w.heatmap()->isVisible() && !area->network()->isVisible());
        area->planeSwitch()->setCurrentIndex(1);
        QVERIFY(area->network()->isVisible() && !w.heatmap()->isVisible());
        QVERIFY(area->network()->hasNetwork());
        QVERIFY(settings.networkPicture());
        // A twin: its network beside the main one, the dock wide enough for both.
        w.session()->setTwin({{"l2", "0.01"}});
        w.session()->step(2);
        QTRY_VERIFY(area->twinNetwork()->hasNetwork());
        QTest::qWait(300);
        if (area->width() < 600) // no room for two: the main run's network only
            QVERIFY(!area->twinNetwork()->isVisible());
        // Room for two (the window gives the dock half its width; offscreen, by hand).
        w.resize(2000, 1000);
        w.resizeDocks({w.findChild<QDockWidget*>(QStringLiteral("picturesDock"))}, {1000}, Qt::Horizontal);
        QTRY_VERIFY(area->twinNetwork()->isVisible());
        QVERIFY(area->twinNetwork()->hasNetwork());
        QVERIFY(area->twinNetwork()->view().title.rfind("Twin", 0) == 0);
        QVERIFY(!w.twinHeatmap()->isVisible());
    }

    void digitsShowTheValidationPicture()
    {
        QTemporaryDir dir;
        QSettings qs(dir.filePath(QStringLiteral("t.ini")), QSettings::IniFormat);
        AppSettings settings(&qs);
        auto lab = reglab::createLab("classify");
        QVERIFY(lab->setText("dataset", "digits").empty());
        lab->reset(1);
        MainWindow w(&settings, std::move(lab));
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_VERIFY(w.pictures()->validation()->isVisible());
        QVERIFY(w.pictures()->validation()->hasImages() && w.pictures()->validation()->hasMatrix());
        QVERIFY(!w.heatmap()->isVisible() && !w.pictures()->planeSwitch()->isVisible());
    }
};

QTEST_MAIN(TestNetworkPicture)
#include "tst_networkpicture.moc"
