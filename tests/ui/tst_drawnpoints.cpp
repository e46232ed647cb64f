// Editing the data on the boundary picture of the real window (ConvNetJS classify2d), with
// synthetic mouse clicks: the first click on a toy set starts the data set 'drawn' from its
// points plus the new one; shift-click adds the next class; ctrl-click deletes the nearest
// point; the run trains on without a reset; Export writes the points as CSV.
#include "SettingsFixture.h"
#include "MainWindow.h"
#include "charts/HeatmapWidget.h"
#include "data/LabelledPoints.h"
#include "labs/LabRegistry.h"
#include "panels/PictureOptions.h"
#include "panels/PointEditBar.h"
#include "session/TrainingSession.h"
#include "settings/AppSettings.h"

#include <QComboBox>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

std::string value(const MainWindow& w, const std::string& id)
{
    const LabDescription& lab = w.session()->lab();
    return lab.values[size_t(lab.paramIndex(id))].text;
}

std::vector<reglab::LabelledPoint> drawn(const MainWindow& w)
{
    return *reglab::parseLabelledPoints(value(w, "drawn_points"), nullptr);
}

size_t shown(const HeatmapWidget* h)
{
    size_t n = 0;
    for (const auto& s : h->points())
        n += s.x.size();
    return n;
}

void click(HeatmapWidget* h, QPointF data, Qt::KeyboardModifiers mods = {})
{
    h->repaint(); // the plot's place in the widget is where the last paint put it
    QTest::mouseClick(h, Qt::LeftButton, mods, h->widgetPosOf(data).toPoint());
}

} // namespace

class TestDrawnPoints : public QObject {
    Q_OBJECT
private slots:
    void clicksEditTheData()
    {
        Fixture f;
        auto lab = reglab::createLab("classify");
        lab->setText("num_points", "60");
        lab->reset(1);
        MainWindow w(&f.settings, std::move(lab));
        w.resize(1440, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        HeatmapWidget* h = w.heatmap();
        QTRY_VERIFY(h->hasGrid() && shown(h) == 60);
        PointEditBar* bar = w.findChild<PictureOptions*>()->pointEdit();
        QVERIFY(bar->isVisible() && h->isEditingPoints());
        QCOMPARE(bar->classCombo()->count(), 2);

        // First click: the toy set's 60 points and the new one, as the data set 'drawn'.
        bar->classCombo()->setCurrentIndex(1);
        click(h, {0.5, 0.25});
        QTRY_COMPARE(value(w, "dataset"), std::string("drawn"));
        auto points = drawn(w);
        QCOMPARE(points.size(), size_t(61));
        QCOMPARE(points.back().label, 1);
        QVERIFY(!points.back().val);
        QVERIFY(std::abs(points.back().x - 0.5f) < 0.02f && std::abs(points.back().y - 0.25f) < 0.02f);
        QTRY_COMPARE(shown(h), size_t(61));

        // The run goes on: later edits are live (no reset, logged as events).
        w.session()->step(5);
        QTRY_COMPARE(w.session()->stepCount(), int64_t(5));
        click(h, {-0.6, 0.6}, Qt::ShiftModifier); // the next class after 1: class 0
        QTRY_COMPARE(drawn(w).size(), size_t(62));
        QCOMPARE(drawn(w).back().label, 0);
        QCOMPARE(shown(h), size_t(62)); // shown at once, though paused
        w.session()->step(1);
        QTRY_COMPARE(w.session()->stepCount(), int64_t(6));
        QTest::qWait(200);
        QCOMPARE(w.session()->stepCount(), int64_t(6)); // not restarted

        // Ctrl-click deletes the nearest point, here the one just added.
        click(h, {-0.6, 0.6}, Qt::ControlModifier);
        QTRY_COMPARE(drawn(w).size(), size_t(61));
        QVERIFY(drawn(w) == points);
        // A ctrl-click far from every point deletes nothing.
        QPointF empty;
        double room = 0;
        for (double x = -0.6; x <= 0.6; x += 0.05)
            for (double y = -0.6; y <= 0.6; y += 0.05) {
                double nearest = 1e9;
                for (const auto& p : points)
                    nearest = std::min(nearest, std::hypot(p.x - x, p.y - y));
                if (nearest > room) {
                    room = nearest;
                    empty = {x, y};
                }
            }
        QVERIFY(room > 0.15);
        click(h, empty, Qt::ControlModifier);
        QTest::qWait(100);
        QCOMPARE(drawn(w).size(), size_t(61));

        // Export: x1,x2,label, one row a point.
        const QString path = f.dir.filePath(QStringLiteral("pts.csv"));
        QCOMPARE(bar->exportCsv(path), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.front(), QByteArray("x1,x2,label"));
        QCOMPARE(lines.size(), 61 + 2); // header, rows, the last newline
    }

    void notOfferedWithoutDrawnPoints()
    {
        Fixture f;
        auto lab = reglab::createLab("attention");
        lab->reset(1);
        MainWindow w(&f.settings, std::move(lab));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        PointEditBar* bar = w.findChild<PictureOptions*>()->pointEdit();
        QVERIFY(!bar->isVisible() && !w.heatmap()->isEditingPoints());
    }
};

QTEST_MAIN(TestDrawnPoints)
#include "tst_drawnpoints.moc"
