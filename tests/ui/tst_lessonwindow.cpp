// Twins and lessons in the window, offscreen, on the real classify lab: "Compare with..."
// checks what it is given and adds dashed twin curves and the twin's boundary; dropping the
// twin removes them; a lesson sets up its run and twin, shows its text, runs to its last
// step and shows the verdict; `reglab shot` of a lesson or a twin run shows the twin.
#include "SettingsFixture.h"
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
#include "WindowShot.h"

#include <QGridLayout>
#include <QImage>

#include <QSettings>
#include <QTemporaryDir>
#include <QComboBox>
#include <QTest>

#include <algorithm>

namespace {
int columnOf(const LineChart* c, const std::string& id)
{
    for (size_t i = 0; i < c->columns().size(); ++i)
        if (c->columns()[i].spec.id == id)
            return int(i);
    return -1;
}

// A lesson made up for a test: opened in the window, true once the window has it.
bool openMadeUpLesson(MainWindow& w, const reglab::Lesson& l)
{
    w.lessons()->openLesson(l);
    return QTest::qWaitFor([&] { return w.session()->lab().lessonId == l.id; });
}

// Plays at full speed; true once the run has paused at its last step.
bool playToTheEnd(MainWindow& w, int64_t lastStep, int timeoutMs)
{
    w.session()->setSpeed(0);
    w.session()->play();
    return QTest::qWaitFor([&] { return !w.session()->isPlaying() && w.session()->stepCount() == lastStep; }, timeoutMs);
}

// The chart's change markers, for a failure message.
QString describe(const std::vector<reglab::ParamEvent>& events)
{
    QString seen;
    for (const auto& e : events)
        seen += QStringLiteral("%1 %2 '%3'; ").arg(e.step).arg(QString::fromStdString(e.param), QString::fromStdString(e.label));
    return seen;
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
        // A lesson's claim charts come first: L7 compares max logits and calibration.
        w.lessons()->openLesson(QStringLiteral("L7"));
        QTRY_COMPARE(w.session()->lab().lessonId, std::string("L7"));
        auto* grid = qobject_cast<QGridLayout*>(w.chartPanel()->layout());
        QVERIFY(grid);
        QTRY_VERIFY(grid->itemAtPosition(0, 0) &&
                    grid->itemAtPosition(0, 0)->widget() == w.chartPanel()->chart(QStringLiteral("confidence")));
        // Second in reading order: beside the first, or under it when the chart area is narrow
        // (the twin's pictures take half the window) and the charts stack in one column.
        QLayoutItem* second = grid->itemAtPosition(0, 1) ? grid->itemAtPosition(0, 1) : grid->itemAtPosition(1, 0);
        QVERIFY(second && second->widget() == w.chartPanel()->chart(QStringLiteral("calibration")));
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

    // A lesson's scheduled changes (its "at" list, and the twin's own) apply at their step
    // and are marked on the curves like a change made by hand.
    void scheduledChangesApplyAtTheirStepAndAreMarked()
    {
        Fixture f;
        MainWindow w(&f.settings, nullptr);
        w.show();
        reglab::Lesson l;
        l.id = "L98";
        l.title = "Scheduled";
        l.lab = "classify";
        l.params = {{"eval_every", "10"}, {"width", "16"}};
        l.steps = 300;
        l.at = {{100, "lr", "0.02"}};
        l.twinParams = {{"dropout", "0.1"}};
        l.twinAt = {{150, "dropout", "0.2"}};
        QVERIFY(openMadeUpLesson(w, l));
        QVERIFY(playToTheEnd(w, 300, 60000));
        const size_t lr = size_t(w.session()->lab().paramIndex("lr"));
        QCOMPARE(w.session()->lab().values[lr].number, 0.02);
        QCOMPARE(w.session()->lab().asked[lr].number, 0.02); // as the lab has it
        QTRY_VERIFY(w.chartPanel()->chart(QStringLiteral("loss")) != nullptr);
        const auto& events = w.chartPanel()->chart(QStringLiteral("loss"))->events();
        auto marked = [&](int64_t step, const std::string& param, const std::string& prefix) {
            return std::any_of(events.begin(), events.end(), [&](const reglab::ParamEvent& e) {
                return e.step == step && e.param == param && e.label.rfind(prefix, 0) == 0;
            });
        };
        QVERIFY2(marked(100, "lr", "lr 0.01 -> 0.02"), qPrintable(describe(events)));
        QVERIFY(marked(150, "dropout", "twin: "));
        QVERIFY(!marked(150, "dropout", "dropout")); // the main run keeps dropout 0
        QVERIFY(w.lessons()->panel()->text().contains(QStringLiteral("100")));
        // The schedule is the lesson's script: a reset plays it again from the lesson's
        // values (lr 0.01, the twin's dropout 0.1), not from where it left them.
        w.session()->reset(1);
        QTRY_COMPARE(w.session()->stepCount(), int64_t(0));
        QCOMPARE(w.session()->lab().values[lr].number, 0.01);
        QTRY_COMPARE(w.paramPanel()->value("lr").number, 0.01);
        QVERIFY(playToTheEnd(w, 300, 60000));
        QVERIFY2(marked(100, "lr", "lr 0.01 -> 0.02"), qPrintable(describe(events)));
        QVERIFY2(marked(150, "dropout", "twin: "), qPrintable(describe(events))); // the twin went from 0.1 again
        // A value the user set is theirs: a reset keeps it.
        w.session()->set("lr", reglab::ParamValue::ofNumber(0.03));
        w.session()->reset(1);
        QTRY_COMPARE(w.session()->stepCount(), int64_t(0));
        QCOMPARE(w.session()->lab().values[lr].number, 0.03);
    }

    // The continual lab switches the task itself; the panel shows it, and a reset or a
    // rollback before the switch shows task A again (the lab trains A).
    void theLabsOwnSwitchIsShownAndUndone()
    {
        Fixture f;
        MainWindow w(&f.settings, nullptr);
        w.show();
        reglab::Lesson l;
        l.id = "L97";
        l.title = "Switch";
        l.lab = "continual";
        l.params = {{"switch_step", "30"}, {"num_points", "300"}, {"eval_every", "10"}};
        l.steps = 40;
        QVERIFY(openMadeUpLesson(w, l));
        auto* task = qobject_cast<QComboBox*>(w.paramPanel()->control("task"));
        QVERIFY(task);
        QVERIFY(playToTheEnd(w, 40, 30000));
        QTRY_COMPARE(task->currentText(), QStringLiteral("B"));
        w.session()->reset(1);
        QTRY_COMPARE(w.session()->stepCount(), int64_t(0));
        QTRY_COMPARE(task->currentText(), QStringLiteral("A"));
        // Choosing B, the task the lab switched to, is the user's choice: a reset keeps it
        // (picked through A within the debounce, the panel reports only B).
        QVERIFY(playToTheEnd(w, 40, 30000));
        QTRY_COMPARE(task->currentText(), QStringLiteral("B"));
        const size_t i = size_t(w.session()->lab().paramIndex("task"));
        QCOMPARE(w.session()->lab().asked[i].text, std::string("A"));
        task->setCurrentText(QStringLiteral("A"));
        task->setCurrentText(QStringLiteral("B"));
        QVERIFY(w.paramPanel()->hasPendingEdits());
        w.paramPanel()->flush();
        QCOMPARE(w.session()->lab().asked[i].text, std::string("B"));
        w.session()->reset(1);
        QTRY_COMPARE(w.session()->stepCount(), int64_t(0));
        QCOMPARE(task->currentText(), QStringLiteral("B"));
        QCOMPARE(w.session()->lab().values[i].text, std::string("B"));
    }

    // `reglab shot L2`: the lesson played in the window, so the picture has the twin and the
    // verdict; a plain run with a twin has the twin and no lesson panel.
    void lessonShotShowsTheTwinAndTheVerdict()
    {
        QTemporaryDir dir;
        reglab::Lesson l2 = *reglab::LessonLibrary::instance().find("L2");
        l2.steps = 400;
        const QString path = dir.filePath(QStringLiteral("l2.png"));
        LessonShotOutcome out;
        QCOMPARE(renderLessonShot(l2, path, nullptr, &out), QString());
        QVERIFY(!QImage(path).isNull());
        QVERIFY(out.twinShown);
        QVERIFY2(out.lessonText.contains(QStringLiteral("The claim")), qPrintable(out.lessonText));
        QVERIFY(out.lessonText.contains(QStringLiteral("main dead_units (final)")));
        QVERIFY(out.diverged.isEmpty() && !out.interrupted);

        reglab::Lesson plain;
        plain.lab = "classify";
        plain.steps = 50;
        plain.twinParams = {{"dropout", "0.3"}};
        QCOMPARE(renderLessonShot(plain, path, nullptr, &out), QString());
        QVERIFY(out.twinShown);
        QVERIFY(out.lessonText.isEmpty());

        // Diverged: the shot is written (it shows the banner) and says so.
        plain.params = {{"optimizer", "sgd"}, {"lr", "10"}, {"momentum", "0.99"}, {"activation", "relu"},
                        {"hidden_layers", "4"}, {"width", "128"}};
        plain.steps = 3000;
        QCOMPARE(renderLessonShot(plain, path, nullptr, &out), QString());
        QVERIFY(!out.diverged.isEmpty());

        // Stopped (Ctrl+C): nothing written.
        const std::atomic<bool> stop{true};
        const QString stopped = dir.filePath(QStringLiteral("stopped.png"));
        QVERIFY(!renderLessonShot(l2, stopped, &stop, &out).isEmpty());
        QVERIFY(out.interrupted);
        QVERIFY(!QFile::exists(stopped));
        // Unknown lab: one sentence.
        plain.lab = "nosuch";
        QVERIFY(!renderLessonShot(plain, path, nullptr, &out).isEmpty());
    }
};

QTEST_MAIN(TestLessonWindow)
#include "tst_lessonwindow.moc"
