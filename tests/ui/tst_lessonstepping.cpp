// Stepping a lesson in front of a class: "Next change" (N) trains to just after the
// lesson's next scheduled change, then to its end, and pauses; a scheduled change and a
// reset are announced by a big notice over the charts, not only in the status bar.
#include "SettingsFixture.h"
#include "BigNotice.h"
#include "MainWindow.h"
#include "labs/LabRegistry.h"
#include "lessons/LessonController.h"
#include "lessons/LessonLibrary.h"
#include "session/TrainingSession.h"
#include "settings/AppSettings.h"

#include <QAction>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>


class TestLessonStepping : public QObject {
    Q_OBJECT
private slots:
    void stopsAreTheChangesTheClaimStepsAndTheEnd()
    {
        reglab::Lesson l = *reglab::LessonLibrary::instance().find("L15");
        QCOMPARE(LessonController::stops(l), (std::vector<int64_t>{3001, 6000}));
        reglab::RunPlan p = l.plan();
        p.changes = {{100, "lr_d", "0.001"}, {40, "lr_g", "0.001"}};
        p.twinChanges = {{100, "lr_d", "0.002"}};
        p.steps = 500;
        l.setPlan(p);
        l.claim.checks.front().lhs.step = 250;
        QCOMPARE(LessonController::stops(l), (std::vector<int64_t>{41, 101, 250, 500}));
    }

    void nextChangeStopsAfterItAndAnnouncesIt()
    {
        Fixture f;
        auto lab = reglab::createLab("classify");
        lab->reset(1);
        MainWindow w(&f.settings, std::move(lab));
        w.resize(1440, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QAction* next = w.findChild<QAction*>(QStringLiteral("nextChangeAction"));
        QVERIFY(next && !next->isEnabled()); // no lesson open
        QCOMPARE(w.lessons()->goToNextChange(), int64_t(-1));

        // L15 shortened: its change at 3000 moved to 300, its end to 600.
        reglab::Lesson l = *reglab::LessonLibrary::instance().find("L15");
        reglab::RunPlan p = l.plan();
        for (auto& c : p.changes)
            c.step = 300;
        p.steps = 600;
        l.setPlan(p);
        w.lessons()->openLesson(l);
        QTRY_VERIFY(next->isEnabled());
        QVERIFY(!w.notice()->isVisible());

        QTest::keyClick(&w, Qt::Key_N);
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->stepCount() == 301, 30000);
        QTRY_VERIFY(w.notice()->isVisible());
        QVERIFY2(w.notice()->text().contains(QStringLiteral("300")) && w.notice()->text().contains(QStringLiteral("lr D")),
                 qPrintable(w.notice()->text()));
        QVERIFY(w.notice()->font().pointSizeF() > w.font().pointSizeF() * 1.5); // big, for the back of the room
        QTest::qWait(300);
        QCOMPARE(w.session()->stepCount(), int64_t(301)); // paused there
        QVERIFY(!w.session()->isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(!w.notice()->isVisible(), BigNotice::kShowMs + 2000); // then gone

        QCOMPARE(w.lessons()->goToNextChange(), int64_t(600));
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->stepCount() == 600, 30000);
        QCOMPARE(w.lessons()->goToNextChange(), int64_t(-1)); // at its end

        QTest::keyClick(&w, Qt::Key_R);
        QTRY_VERIFY(w.notice()->isVisible() && w.notice()->text().startsWith(QStringLiteral("Reset")));
        QTRY_COMPARE(w.session()->stepCount(), int64_t(0));
    }
};

QTEST_MAIN(TestLessonStepping)
#include "tst_lessonstepping.moc"
