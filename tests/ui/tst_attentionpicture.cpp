// The attention lab's picture: which grids it takes, the sequence and head the user picks,
// what it paints (a peaky map has a bright cell, a uniform one none), and the real lab in
// the main window beside its twin.
#include "MainWindow.h"
#include "charts/AttentionPicture.h"
#include "charts/HeatmapWidget.h"
#include "labs/LabRegistry.h"
#include "session/TrainingSession.h"
#include "settings/AppSettings.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

namespace {

// A T x T attention matrix: the identity (every query on itself) or uniform.
reglab::GridView map(const std::string& id, int T, bool peaky)
{
    reglab::GridView g;
    g.id = id;
    g.title = "Head";
    g.width = g.height = T;
    for (int q = 0; q < T; ++q)
        for (int k = 0; k < T; ++k)
            g.value.push_back(peaky ? (q == k ? 1.0f : 0.0f) : 1.0f / float(T));
    for (int i = 0; i < T; ++i)
        g.xLabels.push_back(i == 0 ? "#" : "A" + std::to_string(i));
    g.yLabels = g.xLabels;
    g.note = "more A";
    return g;
}

reglab::LabViews views(bool twin)
{
    reglab::LabViews v;
    v.step = 7;
    for (const std::string prefix : twin ? std::vector<std::string>{"", "twin_"} : std::vector<std::string>{""}) {
        for (int s = 0; s < 2; ++s)
            for (int h = 0; h < 2; ++h) // sequence 0 head 0 is peaky, everything else uniform
                v.grids.push_back(map(prefix + "attention/" + std::to_string(s) + "/" + std::to_string(h), 6,
                                      prefix.empty() && s == 0 && h == 0));
        reglab::GridView e;
        e.id = prefix + "head_entropy";
        e.title = prefix.empty() ? "Mean attention entropy per head (nats; max log T = 1.79)" : "Twin: entropy_bonus 1";
        e.width = 2;
        e.height = 1;
        e.value = {0.2f, 1.5f}; // under the ceiling: no top colour in the table
        e.xLabels = {"head 1", "head 2"};
        e.yLabels = {"layer 1"};
        v.grids.push_back(e);
    }
    reglab::GridView plane; // not an attention map: ignored
    plane.id = "boundary";
    v.grids.push_back(plane);
    return v;
}

// Pixels of the viridis top colour (a weight near 1) in the painted picture.
int brightPixels(const AttentionPicture& w)
{
    QImage image(600, 700, QImage::Format_ARGB32);
    QPainter p(&image);
    w.paintTo(&p, QRectF(0, 0, 600, 700));
    p.end();
    const QColor top(HeatmapWidget::viridis(1.0));
    int n = 0;
    for (int y = 40; y < image.height(); ++y) // below the title's colour bar
        for (int x = 0; x < image.width(); ++x)
            n += image.pixelColor(x, y) == top;
    return n;
}

} // namespace

class TestAttentionPicture : public QObject {
    Q_OBJECT
private slots:
    void takesTheAttentionGrids()
    {
        AttentionPicture w;
        QVERIFY(!w.hasMaps());
        w.setViews(views(false));
        QVERIFY(w.hasMaps() && !w.hasTwin());
        QCOMPARE(w.sequenceCount(), 2);
        QCOMPARE(w.headCount(), 2);
        w.setViews(views(true));
        QVERIFY(w.hasTwin());
        QVERIFY(w.heightForWidth(800) > w.heightForWidth(400) / 2);
    }

    void paintsThePickedSequenceAndHead()
    {
        AttentionPicture w;
        w.resize(600, 700);
        w.setViews(views(true));
        w.select(0, -1); // all heads of sequence 0: the peaky map shows its diagonal
        QCOMPARE(w.sequence(), 0);
        const int all = brightPixels(w);
        QVERIFY2(all > 30, std::to_string(all).c_str());
        w.select(0, 0); // that head alone, larger: more bright pixels
        QCOMPARE(w.head(), 0);
        QVERIFY(brightPixels(w) > all);
        w.select(0, 1); // the other head is uniform
        QCOMPARE(brightPixels(w), 0);
        w.select(1, -1); // and so is every map of sequence 1
        QCOMPARE(w.sequence(), 1);
        QCOMPARE(brightPixels(w), 0);
        w.select(5, 9); // out of range: clamped, not a crash
        QCOMPARE(w.sequence(), 1);
    }

    void theLabShowsItsMapsBesideTheTwin()
    {
        QTemporaryDir dir;
        QSettings qs(dir.filePath(QStringLiteral("t.ini")), QSettings::IniFormat);
        AppSettings settings(&qs);
        auto lab = reglab::createLab("attention");
        QVERIFY(lab->setText("train_size", "64").empty() && lab->setText("heads", "2").empty());
        lab->reset(1);
        MainWindow w(&settings, std::move(lab));
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.session()->setTwin({{"entropy_bonus", "1"}});
        w.session()->step(3);
        QTRY_VERIFY(w.attentionPicture()->isVisible() && w.attentionPicture()->hasTwin());
        QVERIFY(!w.heatmap()->isVisible());
        QCOMPARE(w.attentionPicture()->headCount(), 2);
        QVERIFY(w.attentionPicture()->sequenceCount() >= 10);
    }
};

QTEST_MAIN(TestAttentionPicture)
#include "tst_attentionpicture.moc"
