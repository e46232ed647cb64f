// Run > Sweep... (issue 13): the dialog sweeps the window's lab with its current params off
// the GUI thread; points appear in the chart as they finish, Cancel and closing stop the
// trainings, a bad value is said in the dialog, and the CSV has a row per trained point.
#include "MainWindow.h"
#include "charts/SweepChart.h"
#include "labs/LabRegistry.h"
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
