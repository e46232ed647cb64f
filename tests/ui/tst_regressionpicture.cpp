// A regressor's output picture: a grid centred at 0 is painted in Playground's orange (below
// 0), white (0) and blue (above), the points in the colours of their targets on the same
// scale; the Validation toggle applies, Discretize and clicking in points of a class do not.
// The data set menu lists the regression sets apart, by Playground's names.
#include "charts/HeatmapWidget.h"
#include "charts/NetworkPicture.h"
#include "charts/PicturesArea.h"
#include "labs/ParamBuilders.h"
#include "panels/DatasetMenu.h"
#include "panels/PictureOptions.h"
#include "panels/PointEditBar.h"
#include "session/SessionData.h"

#include <QCheckBox>
#include <QComboBox>
#include <QToolBar>
#include <QImage>
#include <QPainter>
#include <QTabBar>
#include <QTest>

#include <cmath>

namespace {

// Left half -0.5, right half +0.5, the middle column 0.
reglab::GridView output()
{
    reglab::GridView g;
    g.id = "output";
    g.title = "Output";
    g.centered = true;
    g.width = g.height = 9;
    g.xMin = g.yMin = -1;
    g.xMax = g.yMax = 1;
    for (int r = 0; r < 9; ++r)
        for (int c = 0; c < 9; ++c)
            g.value.push_back(c < 4 ? -0.5f : c > 4 ? 0.5f : 0.0f);
    return g;
}

// A training point of target +1 over the orange half, a validation point of -1 over the blue.
std::vector<reglab::PointSetView> points()
{
    reglab::PointSetView train, val;
    train.id = "train";
    val.id = "val";
    train.x = {-0.6f};
    train.y = {0.3f};
    train.value = {1.0f};
    val.x = {0.6f};
    val.y = {-0.3f};
    val.value = {-1.0f};
    return {train, val};
}

QImage render(const HeatmapWidget& h)
{
    QImage image(400, 440, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter p(&image);
    h.paintTo(&p, QRectF(0, 0, 400, 440));
    return image;
}

int distance(QRgb a, QRgb b)
{
    return std::abs(qRed(a) - qRed(b)) + std::abs(qGreen(a) - qGreen(b)) + std::abs(qBlue(a) - qBlue(b));
}

} // namespace

class TestRegressionPicture : public QObject {
    Q_OBJECT
private slots:
    void cellsAndPointsShareTheDivergingScale()
    {
        HeatmapWidget h;
        const reglab::GridView g = output();
        h.setView(&g, points(), 5);
        // The scale is the largest |target| (1): cells of +-0.5 are half-strength, 0 is white.
        const QImage& cells = h.image();
        QCOMPARE(cells.pixel(0, 0), NetworkPicture::divergingColor(-0.5));
        QCOMPARE(cells.pixel(8, 8), NetworkPicture::divergingColor(0.5));
        QCOMPARE(cells.pixel(4, 4), qRgb(255, 255, 255));
        QVERIFY(distance(cells.pixel(0, 0), cells.pixel(8, 8)) > 100); // orange is not blue

        // Each point's centre is its target's colour, full strength, over the other half.
        const QImage shot = render(h);
        auto at = [&](float x, float y) { return shot.pixel(h.widgetPosOf(QPointF(x, y)).toPoint()); };
        QVERIFY2(distance(at(-0.6f, 0.3f), NetworkPicture::divergingColor(1.0)) < 30,
                 qPrintable(QString::number(at(-0.6f, 0.3f), 16)));
        QVERIFY2(distance(at(0.6f, -0.3f), NetworkPicture::divergingColor(-1.0)) < 30,
                 qPrintable(QString::number(at(0.6f, -0.3f), 16)));
    }

    void optionsOfAValueMap()
    {
        HeatmapWidget main, twin;
        PictureOptions options(&main, &twin);
        LabDescription lab;
        lab.params.push_back(reglab::pointsParam("drawn_points", "Drawn points", "points", "Data", "tip"));
        lab.values.push_back(reglab::ParamValue::ofChoice(""));
        options.setLab(lab);
        const reglab::GridView g = output();
        main.setView(&g, points(), 1);
        options.viewsChanged();
        QVERIFY(main.isValueMap());
        auto* validation = options.findChild<QCheckBox*>(QStringLiteral("validationCheck"));
        QVERIFY(!validation->isHidden());
        QVERIFY(options.findChild<QCheckBox*>(QStringLiteral("discretizeCheck"))->isHidden());
        QVERIFY(!main.isEditingPoints()); // a click adds a point of a class: not to targets
        QVERIFY(options.pointEdit()->isHidden());
        const QImage shown = render(main);
        validation->setChecked(false);
        QVERIFY(render(main) != shown);

        // Back on a class boundary the points are editable again.
        reglab::GridView classes = output();
        classes.centered = false;
        classes.numClasses = 2;
        classes.cls.assign(classes.value.size(), 0);
        main.setView(&classes, {}, 2);
        options.viewsChanged();
        QVERIFY(main.isEditingPoints());
        QVERIFY(!options.pointEdit()->isHidden());
    }

    void theSwitchNamesTheOutput()
    {
        PicturesArea area;
        reglab::LabViews views;
        views.grids.push_back(output());
        views.points = points();
        reglab::NetworkView net;
        net.id = "network";
        net.layers.resize(2);
        views.networks.push_back(net);
        area.setViews(views, 1);
        auto* tabs = area.findChild<QTabBar*>(QStringLiteral("planeSwitch"));
        QCOMPARE(tabs->tabText(0), QStringLiteral("Output"));
        views.grids.front().centered = false; // a plain field is drawn on the Boundary tab as before
        area.setViews(views, 2);
        QCOMPARE(tabs->tabText(0), QStringLiteral("Boundary"));
    }

    void regressionSetsStandApartInTheMenu()
    {
        QWidget window;
        QToolBar bar(&window);
        LabDescription lab;
        lab.params.push_back(reglab::choiceParam("dataset", "Data set", "data", "Data",
                                                 {"spiral", "digits", "reg-plane", "reg-gaussian"}, "spiral", false, "tip"));
        lab.values.push_back(reglab::ParamValue::ofChoice("reg-plane"));
        DatasetMenu menu(&bar, new QWidget(&window), &window, [&]() -> const LabDescription& { return lab; });
        menu.setLab(lab);
        QComboBox* combo = menu.combo();
        QCOMPARE(combo->count(), 5); // a separator before the regression sets
        QCOMPARE(combo->itemData(2).toString(), QString()); // the separator
        QCOMPARE(combo->itemText(3), QStringLiteral("plane (regression)"));
        QCOMPARE(combo->itemData(4).toString(), QStringLiteral("reg-gaussian"));
        QCOMPARE(combo->currentData().toString(), QStringLiteral("reg-plane"));
    }
};

QTEST_MAIN(TestRegressionPicture)
#include "tst_regressionpicture.moc"
