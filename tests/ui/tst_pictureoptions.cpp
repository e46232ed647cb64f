// The boundary picture's Playground toggles: "Validation data" hides and shows the
// validation points, "Discretize" paints every cell of a class in one colour; both are
// offered only for a class boundary.
#include "charts/HeatmapWidget.h"
#include "panels/PictureOptions.h"

#include <QCheckBox>
#include <QImage>
#include <QPainter>
#include <QTest>

#include <set>

namespace {

reglab::GridView boundary()
{
    reglab::GridView g;
    g.id = "boundary";
    g.title = "Decision boundary";
    g.width = g.height = 8;
    g.xMin = g.yMin = -1;
    g.xMax = g.yMax = 1;
    g.numClasses = 2;
    for (int i = 0; i < 64; ++i) {
        g.cls.push_back(int16_t(i % 8 < 4 ? 0 : 1));
        g.value.push_back(0.5f + 0.49f * float(i % 4) / 3.0f); // confidence varies within a class
    }
    return g;
}

std::vector<reglab::PointSetView> points()
{
    reglab::PointSetView train, val;
    train.id = "train";
    val.id = "val";
    train.x = {-0.5f};
    train.y = {0.5f};
    train.label = {0};
    val.x = {0.5f, 0.2f};
    val.y = {-0.5f, 0.1f};
    val.label = {1, 0};
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

} // namespace

class TestPictureOptions : public QObject {
    Q_OBJECT
private slots:
    void togglesChangeThePicture()
    {
        HeatmapWidget main, twin;
        PictureOptions options(&main, &twin);
        const reglab::GridView g = boundary();
        main.setView(&g, points(), 10);
        options.viewsChanged();
        auto* validation = options.findChild<QCheckBox*>(QStringLiteral("validationCheck"));
        auto* discretize = options.findChild<QCheckBox*>(QStringLiteral("discretizeCheck"));
        QVERIFY(validation && discretize);
        QVERIFY(!validation->isHidden() && !discretize->isHidden());

        const QImage shown = render(main);
        validation->setChecked(false);
        QVERIFY(!main.showValidation() && !twin.showValidation());
        const QImage hidden = render(main);
        QVERIFY(hidden != shown);
        validation->setChecked(true);
        QCOMPARE(render(main), shown);

        // Shaded: a class's cells take several colours; discretized: one per class.
        auto colours = [&] {
            std::set<QRgb> c;
            for (int y = 0; y < main.image().height(); ++y)
                for (int x = 0; x < main.image().width(); ++x)
                    c.insert(main.image().pixel(x, y));
            return c.size();
        };
        QVERIFY(colours() > 2);
        discretize->setChecked(true);
        QCOMPARE(colours(), size_t(2));
        discretize->setChecked(false);
        QVERIFY(colours() > 2);
    }

    void onlyForClassBoundaries()
    {
        HeatmapWidget main, twin;
        PictureOptions options(&main, &twin);
        reglab::GridView g = boundary();
        g.numClasses = 0; // a plain scalar field (a GAN's discriminator)
        g.cls.clear();
        main.setView(&g, {}, 1);
        options.viewsChanged();
        QVERIFY(options.findChild<QCheckBox*>(QStringLiteral("validationCheck"))->isHidden());
        QVERIFY(options.findChild<QCheckBox*>(QStringLiteral("discretizeCheck"))->isHidden());
    }
};

QTEST_MAIN(TestPictureOptions)
#include "tst_pictureoptions.moc"
