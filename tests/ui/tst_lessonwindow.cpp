// Twins and lessons in the window, offscreen, on the real classify lab: "Compare with..."
// checks what it is given and adds dashed twin curves and the twin's boundary; dropping the
// twin removes them; a lesson sets up its run and twin, shows its text, runs to its last
// step and shows the verdict.
#include "MainWindow.h"
#include "charts/ChartPanel.h"
#include "charts/HeatmapWidget.h"
#include "charts/LineChart.h"
#include "labs/LabRegistry.h"
#include "lessons/LessonController.h"
#include "lessons/LessonLibrary.h"
#include "lessons/LessonPanel.h"
#include "session/TrainingSession.h"
#include "settings/AppSettings.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

namespace {
struct Fixture {
    QTemporaryDir dir;
    QSettings qs{dir.filePath(QStringLiteral("t.ini")), QSettings::IniFormat};
    AppSettings settings{&qs};
};

int columnOf(const LineChart* c, const std::string& id)
{
    for (size_t i = 0; i < c->columns().size(); ++i)
        if (c->columns()[i].spec.id == id)
            return int(i);
    return -1;
}
} // namespace

class TestLessonWindow : public QObject {
    Q_OBJECT
private slots:
    void compareWithAddsATwinAndDropRemovesIt()
    {
        Fixture f;
        auto lab = reglab::createLab("classify");
        QVERIFY(lab->setText("eval_every", "5").empty());
        lab->reset(1);
        MainWindow w(&f.settings, std::move(lab));
        w.show();
        LessonController* lessons = w.lessons();
        QVERIFY(lessons->compareWith(QStringLiteral("nope=1")).contains(QStringLiteral("no parameter 'nope'")));
        QVERIFY(!lessons->compareWith(QStringLiteral("dropout=2")).isEmpty());
        QVERIFY(lessons->compareWith(QStringLiteral("dropout")).contains(QStringLiteral("name=value")));
        QVERIFY(!w.session()->lab().hasTwin()); // nothing was sent

        QCOMPARE(lessons->compareWith(QStringLiteral(" dropout = 0.3 ")), QString());
        QTRY_VERIFY(w.session()->lab().hasTwin());
        QCOMPARE(w.session()->lab().twinLabel, std::string("dropout 0.3"));
        LineChart* loss = w.chartPanel()->chart(QStringLiteral("loss"));
        QTRY_VERIFY((loss = w.chartPanel()->chart(QStringLiteral("loss"))) && columnOf(loss, "twin_val_loss") >= 0);
        w.session()->setSpeed(0);
        w.session()->step(200);
        QTRY_COMPARE(w.session()->stepCount(), int64_t(200));
        loss = w.chartPanel()->chart(QStringLiteral("loss"));
        QTRY_VERIFY(loss->buffer(columnOf(loss, "twin_val_loss")).appendedCount() > 10);
        QTRY_VERIFY(w.twinHeatmap()->isVisible() && w.twinHeatmap()->hasPicture());

        w.session()->setTwin({});
        QTRY_VERIFY(!w.session()->lab().hasTwin());
        QTRY_VERIFY(columnOf(w.chartPanel()->chart(QStringLiteral("loss")), "twin_val_loss") < 0);
        QTRY_VERIFY(!w.twinHeatmap()->isVisible());
    }

    void aLessonRunsToItsLastStepAndShowsTheVerdict()
    {
        Fixture f;
        MainWindow w(&f.settings, nullptr);
        w.show();
        w.lessons()->openLesson(QStringLiteral("L5"));
        QTRY_COMPARE(w.session()->lab().lessonId, std::string("L5"));
        QVERIFY(w.session()->lab().hasTwin());
        QCOMPARE(w.session()->lab().values[size_t(w.session()->lab().paramIndex("width"))].number, 256.0);
        QVERIFY(w.lessons()->panel()->text().contains(QStringLiteral("Dropout")));
        QVERIFY(w.lessons()->panel()->text().contains(QStringLiteral("dropout 0.5")));
        // Played to the end: L2, the smallest net (L5 takes 4 minutes under ASan).
        w.lessons()->openLesson(QStringLiteral("L2"));
        QTRY_COMPARE(w.session()->lab().lessonId, std::string("L2"));
        w.session()->setSpeed(0);
        w.session()->play();
        QTRY_VERIFY_WITH_TIMEOUT(w.lessons()->panel()->text().contains(QStringLiteral("The claim held")), 120000);
        QCOMPARE(w.session()->stepCount(), reglab::LessonLibrary::instance().find("L2")->steps); // its last step
        QTRY_VERIFY(!w.session()->isPlaying());
        QVERIFY(w.lessons()->panel()->text().contains(QStringLiteral("main dead_units (final)")));
    }
};

QTEST_MAIN(TestLessonWindow)
#include "tst_lessonwindow.moc"
