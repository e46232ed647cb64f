// The cart-pole picture (the dqn lab's greedy policy): the cart where the frame's x puts it,
// the pole leaning the way theta says (Gymnasium's convention: positive leans right), the
// frames playing in time while shown and stopping when hidden, the CSV of the episode, and
// the pictures dock showing it with the twin's below (TwinViews) and exporting both.
#include "charts/CartPolePicture.h"
#include "charts/ChartPalette.h"
#include "charts/ChartPanel.h"
#include "charts/HeatmapWidget.h"
#include "charts/PicturesArea.h"
#include "export/WindowCharts.h"
#include "run/TwinViews.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

// 200 frames: the cart drifts from -1 m to +1 m while the pole swings from -0.15 to +0.15 rad.
reglab::CartPoleView episode(const std::string& id = "cartpole")
{
    reglab::CartPoleView v;
    v.id = id;
    v.title = "Greedy policy";
    for (int i = 0; i < 200; ++i) {
        v.x.push_back(float(-1.0 + 2.0 * i / 199.0));
        v.theta.push_back(float(-0.15 + 0.3 * i / 199.0));
        if (i < 199)
            v.action.push_back(int8_t(i % 2));
    }
    v.note = "199 steps (it falls)";
    return v;
}

int countColour(const QImage& img, const QRect& r, const QColor& c, int tol = 8)
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

} // namespace

class TestCartPolePicture : public QObject {
    Q_OBJECT
private slots:
    void cartAndPoleFollowTheFrame()
    {
        CartPolePicture w;
        const reglab::CartPoleView v = episode();
        w.setView(&v, 10);
        w.resize(700, w.heightForWidth(700));
        const QRectF target(QPointF(0, 0), QSizeF(w.size()));
        const QRectF scene = w.sceneRect(target);
        QVERIFY(w.stripRect(target).top() >= scene.bottom() - 1);

        w.setFrame(0); // x = -1: left of centre, pole leaning left
        QRectF cart = w.cartRect(target);
        QVERIFY(cart.center().x() < scene.center().x() - 50);
        QPointF tip = w.poleTip(target);
        QVERIFY(tip.x() < cart.center().x());
        QVERIFY(tip.y() < cart.top() - 40); // up, above the cart
        QImage img = w.grab().toImage();
        QVERIFY(countColour(img, cart.adjusted(4, 4, -4, -4).toAlignedRect(), ChartPalette::train()) > 100);
        // The pole: its colour at the middle of the pivot-to-tip segment.
        const QPointF mid = (tip + QPointF(cart.center().x(), cart.top())) / 2;
        QVERIFY(countColour(img, QRect(mid.toPoint() - QPoint(2, 2), QSize(5, 5)), ChartPalette::val()) > 5);

        w.setFrame(199); // x = +1, leaning right
        cart = w.cartRect(target);
        tip = w.poleTip(target);
        QVERIFY(cart.center().x() > scene.center().x() + 50);
        QVERIFY(tip.x() > cart.center().x());
        // One metre of track is the same number of pixels both ways.
        w.setFrame(0);
        const double left = w.cartRect(target).center().x();
        QVERIFY(std::fabs((cart.center().x() - scene.center().x()) - (scene.center().x() - left)) < 2.5);

        w.setFrame(9999);
        QCOMPARE(w.frame(), 199);
        if (qEnvironmentVariableIsSet("CARTPOLE_DUMP"))
            w.grab().save(QStringLiteral("/tmp/cartpole_picture.png"));
    }

    void playsWhileShownAndStopsWhenHidden()
    {
        CartPolePicture w;
        const reglab::CartPoleView v = episode();
        w.setView(&v, 1);
        w.resize(500, 340);
        QVERIFY(!w.playing());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.playing());
        QTRY_VERIFY_WITH_TIMEOUT(w.frame() >= 10, 3000);
        // A new view (the policy changed) keeps the frame: the episode plays on.
        const int before = w.frame();
        w.setView(&v, 2);
        QVERIFY(w.frame() >= before);
        w.hide();
        QVERIFY(!w.playing());
        // Nothing to show: no timer, and a message instead of a cart.
        CartPolePicture empty;
        empty.setView(nullptr, 0);
        QVERIFY(!empty.hasEpisode());
        empty.show();
        QVERIFY(!empty.playing());
    }

    void csvHasEveryFrame()
    {
        CartPolePicture w;
        const reglab::CartPoleView v = episode();
        w.setView(&v, 1);
        const QStringList lines = w.toCsv().trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 201);
        QCOMPARE(lines[0], QStringLiteral("step,x,theta,action"));
        QVERIFY(lines[1].startsWith(QStringLiteral("0,-1,-0.15")));
        QVERIFY(lines[200].endsWith(QLatin1Char(','))); // the last frame takes no action
    }

    void dockShowsItWithTheTwinsBelowAndExportsBoth()
    {
        reglab::LabViews views;
        views.step = 5;
        views.cartPoles.push_back(episode());
        reglab::LabViews twin;
        twin.cartPoles.push_back(episode());
        const reglab::LabViews both = reglab::withTwinViews(views, twin, "double_dqn true");
        QCOMPARE(both.cartPoles.size(), size_t(2));
        QCOMPARE(both.cartPoles[1].id, std::string("twin_cartpole"));

        PicturesArea area;
        area.resize(900, 900);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        area.setViews(views, 1);
        QVERIFY(area.cartPole()->isVisible());
        QVERIFY(!area.twinCartPole()->isVisible());
        QVERIFY(!area.heatmap()->isVisible());
        QVERIFY(area.setViews(both, 1)); // a twin came
        QVERIFY(area.twinCartPole()->isVisible());
        QCOMPARE(area.twinCartPole()->view().title, std::string("Twin: double_dqn true"));
        QTest::qWait(50);
        const QRect a = area.cartPole()->geometry(), b = area.twinCartPole()->geometry();
        QVERIFY(b.top() >= a.bottom());
        QVERIFY(a.height() > 200 && b.height() > 200);

        QTemporaryDir dir;
        ChartPanel charts;
        QCOMPARE(exportWindowCharts(dir.path(), charts, area, *area.weights()), QString());
        for (const char* stem : {"cartpole", "twin_cartpole"}) {
            QVERIFY2(QFile::exists(dir.filePath(QStringLiteral("%1.png").arg(QLatin1String(stem)))), stem);
            QVERIFY(QFile::exists(dir.filePath(QStringLiteral("%1.csv").arg(QLatin1String(stem)))));
        }
    }
};

QTEST_MAIN(TestCartPolePicture)
#include "tst_cartpolepicture.moc"
