// Run > Sweep... (issue 13): the dialog sweeps the window's lab with its current params off
// the GUI thread; points appear in the chart as they finish, Cancel and closing stop the
// trainings, a bad value is said in the dialog, and the CSV has a row per trained point.
// Curves by a second param and a metric on x (issue 14), and a lesson's frontier drawn from
// its panel with the claim's verdict.
#include "MainWindow.h"
#include "charts/SweepChart.h"
#include "labs/LabRegistry.h"
#include "lessons/LessonController.h"
#include "lessons/LessonLibrary.h"
#include "lessons/LessonPanel.h"
#include "run/Frontier.h"
#include "session/SessionData.h"
#include "settings/AppSettings.h"
#include "sweep/SweepDialog.h"

#include "SettingsFixture.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {
LabDescription smallClassify()
{
    auto lab = reglab::createLab("classify");
    lab->setText("num_points", "100");
    lab->setText("width", "16");
    lab->reset(3);
    return LabDescription::of(*lab);
}
} // namespace

class TestSweepDialog : public QObject {
    Q_OBJECT
private slots:
    void pointsAppearAsTheyFinish()
    {
        SweepDialog d(smallClassify());
        d.show();
        QCOMPARE(d.paramCombo()->currentData().toString(), QStringLiteral("l2"));
        QVERIFY2(d.valuesEdit()->text().startsWith(QStringLiteral("1e-05, 0.0001")), qPrintable(d.valuesEdit()->text()));
        QCOMPARE(d.metricCombo()->currentData().toString(), QStringLiteral("val_loss"));
        d.valuesEdit()->setText(QStringLiteral("0.0001, 0.01, 0.3"));
        d.seedsSpin()->setValue(2);
        d.stepsSpin()->setValue(50);
        QSignalSpy points(&d, &SweepDialog::pointArrived);
        QSignalSpy finished(&d, &SweepDialog::sweepFinished);
        QCOMPARE(d.start(), QString());
        QVERIFY(d.isRunning());
        QVERIFY(!d.runButton()->isEnabled());
        QVERIFY(d.cancelButton()->isEnabled());
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().toBool(), false);
        QCOMPARE(points.size(), 6);
        QCOMPARE(d.chart()->seedPoints().size(), 6);
        QCOMPARE(d.chart()->medianPoints().size(), 3);
        QCOMPARE(d.chart()->medianPoints()[1].x(), 0.01);
        QVERIFY(d.statusLabel()->text().startsWith(QStringLiteral("Done")));
        // Seeds 3 and 4 (the window's seed and the next).
        QCOMPARE(d.points()[0].seed, uint64_t(3));
        QCOMPARE(d.points()[1].seed, uint64_t(4));
        const QStringList lines = d.csv().trimmed().split('\n');
        QCOMPARE(lines.size(), 7);
        QVERIFY2(lines[1].startsWith(QStringLiteral("1e-04,3,")), qPrintable(lines[1]));
        // Another metric redraws from the same points, without training again.
        d.metricCombo()->setCurrentIndex(d.metricCombo()->findData(QStringLiteral("train_loss")));
        QCOMPARE(d.chart()->seedPoints().size(), 6);
        QVERIFY(d.chart()->currentSetup().metricLabel.contains(QStringLiteral("train")));
    }

    void cancelStopsTheTrainings()
    {
        SweepDialog d(smallClassify());
        d.valuesEdit()->setText(QStringLiteral("0, 0.1"));
        d.stepsSpin()->setValue(1000000); // minutes, unless Cancel stops it
        QCOMPARE(d.start(), QString());
        QTest::qWait(200);
        QElapsedTimer t;
        t.start();
        d.cancelButton()->click();
        QVERIFY(t.elapsed() < 2000);
        QVERIFY(!d.isRunning());
        QVERIFY(d.runButton()->isEnabled());
        QVERIFY(d.statusLabel()->text().startsWith(QStringLiteral("Cancelled")));
        QTest::qWait(50);
        QCOMPARE(d.chart()->seedPoints().size(), 0);
        // Run again after a cancel: a short one finishes.
        d.stepsSpin()->setValue(20);
        QSignalSpy finished(&d, &SweepDialog::sweepFinished);
        QCOMPARE(d.start(), QString());
        QVERIFY(finished.wait(20000));
        QCOMPARE(d.chart()->seedPoints().size(), 2);
        QVERIFY(!d.logXBox()->isChecked()); // a value of 0 has no place on a log axis
    }

    void closingOrDestroyingStops()
    {
        auto d = std::make_unique<SweepDialog>(smallClassify());
        d->show();
        d->stepsSpin()->setValue(1000000);
        QCOMPARE(d->start(), QString());
        QTest::qWait(100);
        QElapsedTimer t;
        t.start();
        d->close();
        QVERIFY(!d->isRunning());
        QCOMPARE(d->start(), QString()); // and again, then destroyed while running
        QTest::qWait(100);
        d.reset();
        QVERIFY(t.elapsed() < 3000);
    }

    void badValuesAreSaidInTheDialog()
    {
        SweepDialog d(smallClassify());
        d.valuesEdit()->setText(QStringLiteral("0.1, 5"));
        const QString err = d.start();
        QVERIFY2(err.contains(QStringLiteral("Values 5")), qPrintable(err));
        QCOMPARE(d.statusLabel()->text(), err);
        QVERIFY(!d.isRunning());
        d.paramCombo()->setCurrentIndex(d.paramCombo()->findData(QStringLiteral("activation")));
        QVERIFY(d.valuesEdit()->text().contains(QStringLiteral("relu")));
        QVERIFY(!d.logXBox()->isEnabled());
    }

    void curvesAndAMetricOnX()
    {
        SweepDialog d(smallClassify());
        d.show();
        QVERIFY(!d.curvesEdit()->isEnabled());
        d.valuesEdit()->setText(QStringLiteral("0.0001, 0.3"));
        d.byCombo()->setCurrentIndex(d.byCombo()->findData(QStringLiteral("activation")));
        QVERIFY(d.curvesEdit()->isEnabled());
        QVERIFY(d.curvesEdit()->text().contains(QStringLiteral("relu")));
        d.curvesEdit()->setText(QStringLiteral("relu, sigmoidish"));
        QVERIFY2(d.start().contains(QStringLiteral("Curves by")), qPrintable(d.statusLabel()->text()));
        d.curvesEdit()->setText(QStringLiteral("relu, tanh"));
        d.xCombo()->setCurrentIndex(d.xCombo()->findData(QStringLiteral("train_loss")));
        QVERIFY(d.logXBox()->isHidden()); // a metric on x is drawn linear
        d.stepsSpin()->setValue(50);
        QSignalSpy finished(&d, &SweepDialog::sweepFinished);
        QCOMPARE(d.start(), QString());
        QVERIFY(!d.curvesEdit()->isEnabled()); // not while it runs
        QVERIFY(finished.wait(20000));
        SweepChart* c = d.chart();
        QCOMPARE(c->currentSetup().curveCount(), 2);
        QVERIFY(c->currentSetup().xIsMetric());
        for (int curve : {0, 1}) {
            QCOMPARE(c->medianPoints(curve).size(), 2);
            // x is each point's final train loss, not the l2 value.
            QVERIFY(c->medianPoints(curve)[0].x() != 0.0001);
            QVERIFY(!c->valueLabels(curve).isEmpty());
        }
        QVERIFY(c->medianPoints(0)[0] != c->medianPoints(1)[0]);
        QVERIFY2(d.csv().startsWith(QStringLiteral("activation,l2,seed,")), qPrintable(d.csv().left(80)));
        QCOMPARE(d.csv().count(QLatin1Char('\n')), 5);
    }

    // A frontier's point is each metric's median over its own finite values, as the verdict
    // and sweep.csv's medians take it; a seed's dot needs both.
    void frontierMediansArePerMetric()
    {
        SweepChart c;
        SweepChartSetup setup;
        setup.values = {QStringLiteral("1")};
        setup.xs = {1};
        setup.xMetric = 0;
        setup.seeds = 3;
        c.setup(setup);
        std::vector<reglab::SweepPoint> pts(3);
        const double finals[3][2] = {{0.9, 0.8}, {NAN, 0.6}, {0.7, NAN}};
        for (int s = 0; s < 3; ++s) {
            pts[size_t(s)].done = true;
            pts[size_t(s)].finals = {finals[s][0], finals[s][1]};
        }
        c.setPoints(pts, 1);
        QCOMPARE(c.medianPoints(0), (QList<QPointF>{QPointF(0.8, 0.7)}));
        QCOMPARE(c.seedPoints(0), (QList<QPointF>{QPointF(0.9, 0.8)}));
    }

    // Metric and X axis list the sweep's metrics once it starts: a sweep of fewer layers has
    // no norm of the lab's fourth layer, and a choice of it falls back, not to a blank chart.
    void combosListTheSweepsMetrics()
    {
        auto lab = reglab::createLab("classify");
        lab->setText("num_points", "100");
        lab->setText("hidden_layers", "3");
        lab->reset(3);
        SweepDialog d(LabDescription::of(*lab));
        d.paramCombo()->setCurrentIndex(d.paramCombo()->findData(QStringLiteral("hidden_layers")));
        d.valuesEdit()->setText(QStringLiteral("1, 2"));
        d.stepsSpin()->setValue(5);
        const QString l3 = QStringLiteral("weight_norm_l3");
        QVERIFY(d.xCombo()->findData(l3) > 0 && d.metricCombo()->findData(l3) >= 0);
        d.xCombo()->setCurrentIndex(d.xCombo()->findData(l3));
        d.metricCombo()->setCurrentIndex(d.metricCombo()->findData(QStringLiteral("val_acc")));
        QSignalSpy finished(&d, &SweepDialog::sweepFinished);
        QCOMPARE(d.start(), QString());
        QCOMPARE(d.xCombo()->findData(l3), -1);
        QCOMPARE(d.metricCombo()->findData(l3), -1);
        QCOMPARE(d.xCombo()->currentData().toString(), QString()); // the parameter
        QVERIFY(!d.logXBox()->isHidden());
        QCOMPARE(d.metricCombo()->currentData().toString(), QStringLiteral("val_acc")); // kept
        QVERIFY(d.xCombo()->findData(QStringLiteral("weight_norm_l2")) > 0);
        QVERIFY(finished.wait(20000));
        QVERIFY(!d.chart()->currentSetup().xIsMetric());
        QCOMPARE(d.chart()->medianPoints(0).size(), 2);
    }

    // L16's panel has "Draw the frontier...": the dialog sweeps the lesson's preset (not the
    // window's changed params) and says the claim's verdict when the last point is in.
    void lessonFrontierIsDrawnWithItsVerdict()
    {
        Fixture f;
        auto lab = reglab::createLab("classify");
        lab->reset(1);
        MainWindow w(&f.settings, std::move(lab));
        LessonPanel* panel = w.lessons()->panel();
        w.lessons()->openLesson(QStringLiteral("L1"));
        QVERIFY(panel->frontierButton()->isHidden());
        reglab::Lesson l16 = *reglab::LessonLibrary::instance().find("L16");
        QVERIFY(l16.frontier);
        l16.frontier->values = "0.3,300"; // two strengths, one seed: quick
        l16.frontier->seeds = 1;
        w.lessons()->openLesson(l16);
        QVERIFY(!panel->frontierButton()->isHidden());
        QVERIFY(panel->text().contains(QStringLiteral("Frontier")));
        QTest::mouseClick(panel->frontierButton(), Qt::LeftButton);
        auto* d = w.findChild<SweepDialog*>();
        QVERIFY(d);
        QVERIFY(d->isRunning());
        QCOMPARE(d->paramCombo()->currentData().toString(), QStringLiteral("lambda"));
        QCOMPARE(d->byCombo()->currentData().toString(), QStringLiteral("penalty"));
        QCOMPARE(d->xCombo()->currentData().toString(), QStringLiteral("acc_a"));
        QCOMPARE(d->metricCombo()->currentData().toString(), QStringLiteral("acc_b"));
        QSignalSpy finished(d, &SweepDialog::sweepFinished);
        QVERIFY(finished.wait(60000));
        QVERIFY2(d->frontierVerdict().startsWith(QStringLiteral("The frontier claim")), qPrintable(d->frontierVerdict()));
        QCOMPARE(d->statusLabel()->text(), d->frontierVerdict());
        QCOMPARE(d->chart()->currentSetup().curveCount(), 2);
        QCOMPARE(d->chart()->medianPoints(1).size(), 2);
        // The lesson's own steps: after the switch, EWC at 300 keeps A (> 0.9) and learns B.
        const QPointF ewc300 = d->chart()->medianPoints(1)[1];
        QVERIFY2(ewc300.x() > 0.9 && ewc300.y() > 0.9, qPrintable(QStringLiteral("%1 %2").arg(ewc300.x()).arg(ewc300.y())));
        // The claim turned round does not hold, and the dialog says which points are not covered.
        reglab::Lesson reversed = l16;
        reversed.frontier->dominant = "l2-anchor";
        QCOMPARE(d->startFrontier(reversed), QString());
        QVERIFY(finished.wait(60000));
        QVERIFY2(d->frontierVerdict().startsWith(QStringLiteral("The frontier claim did not hold: "))
                     && d->frontierVerdict().contains(QStringLiteral(". Not covered within 0.01: "))
                     && d->frontierVerdict().contains(QStringLiteral("ewc lambda=300")),
                 qPrintable(d->frontierVerdict()));
        QCOMPARE(d->statusLabel()->text(), d->frontierVerdict());
        d->close();
    }

    void theWindowHasRunSweep()
    {
        Fixture f;
        auto lab = reglab::createLab("classify");
        lab->reset(1);
        MainWindow w(&f.settings, std::move(lab));
        auto* action = w.findChild<QAction*>(QStringLiteral("sweepAction"));
        QVERIFY(action);
        action->trigger();
        auto* d = w.findChild<SweepDialog*>();
        QVERIFY(d);
        QVERIFY(d->isVisible());
        action->trigger(); // one dialog at a time
        QCOMPARE(w.findChildren<SweepDialog*>().size(), 1);
        d->close();
    }
};

QTEST_MAIN(TestSweepDialog)
#include "tst_sweepdialog.moc"
