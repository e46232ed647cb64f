// What a user does to the window that once went wrong: the mouse wheel over the parameter
// panel, the data set "csv" chosen without a file, Play after early stopping has finished.
#include "SettingsFixture.h"
#include "MainWindow.h"
#include "labs/LabRegistry.h"
#include "panels/ParamPanel.h"
#include "session/TrainingSession.h"
#include "settings/AppSettings.h"

#include <QComboBox>
#include <QFile>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTimer>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

namespace {
std::unique_ptr<reglab::Lab> classify(const std::vector<std::pair<std::string, std::string>>& values = {})
{
    auto lab = reglab::createLab("classify");
    for (const auto& [k, v] : values)
        if (!lab->setText(k, v).empty())
            return nullptr;
    lab->reset(1);
    return lab;
}

// One notch of the wheel, turning down, over `w`.
void wheelDown(QWidget* w)
{
    const QPointF pos(w->width() / 2.0, w->height() / 2.0);
    QWheelEvent e(pos, w->mapToGlobal(pos), QPoint(0, -120), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
                  Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &e);
}

std::string valueOf(const LabDescription& lab, const std::string& id)
{
    const auto& v = lab.values[size_t(lab.paramIndex(id))];
    return lab.findParam(id)->toText(v);
}
} // namespace

class TestWindowInput : public QObject {
    Q_OBJECT
private slots:
    void wheelScrollsThePanelUnlessTheControlHasFocus()
    {
        Fixture f;
        MainWindow w(&f.settings, classify());
        w.resize(1100, 600); // the panel is taller than its dock: it can scroll
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ParamPanel* panel = w.paramPanel();
        auto* optimizer = qobject_cast<QComboBox*>(panel->control("optimizer"));
        QVERIFY(optimizer);
        const QString before = optimizer->currentText();
        QScrollBar* bar = panel->verticalScrollBar();
        QVERIFY2(bar->maximum() > 0, "the panel should be scrollable at this size");
        bar->setValue(0);
        w.setFocus();
        for (int i = 0; i < 5; ++i)
            wheelDown(optimizer);
        panel->flush();
        QCOMPARE(optimizer->currentText(), before); // the value did not change
        QVERIFY(bar->value() > 0);                  // the panel scrolled instead
        QCOMPARE(valueOf(w.session()->lab(), "optimizer"), before.toStdString());
        // Over a slider, same: the learning rate stays.
        QWidget* lr = panel->control("lr");
        const std::string lrBefore = valueOf(w.session()->lab(), "lr");
        for (QWidget* child : lr->findChildren<QWidget*>())
            wheelDown(child);
        panel->flush();
        QCOMPARE(valueOf(w.session()->lab(), "lr"), lrBefore);
        // With focus (a click or Tab), the control takes the wheel.
        optimizer->setFocus();
        QTRY_VERIFY(optimizer->hasFocus());
        wheelDown(optimizer);
        QVERIFY(optimizer->currentText() != before);
    }

    void csvWithoutAFileAsksForOneOrKeepsTheDataSet()
    {
        Fixture f;
        MainWindow w(&f.settings, classify());
        w.show();
        QComboBox* sets = w.datasetCombo();
        const int csv = sets->findData(QStringLiteral("csv"));
        QVERIFY(csv >= 0);
        QSignalSpy started(w.session(), &TrainingSession::runStarted);

        // Cancelled: the toolbar and the lab stay on the old set, nothing resets.
        w.setCsvFileChooser([] { return QString(); });
        sets->setCurrentIndex(csv);
        emit sets->activated(csv);
        QCOMPARE(sets->currentData().toString(), QStringLiteral("spiral"));
        QCOMPARE(valueOf(w.session()->lab(), "dataset"), std::string("spiral"));
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("No CSV file chosen")));
        QTest::qWait(300);
        QCOMPARE(started.count(), 0);

        // A file that is not a data set: refused the same way (the dialog says why).
        QTemporaryDir tmp;
        QFile bad(tmp.filePath(QStringLiteral("bad.csv")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("just one column\n");
        bad.close();
        QTimer::singleShot(200, [] {
            if (QWidget* box = QApplication::activeModalWidget())
                box->close();
        });
        w.setCsvFileChooser([&] { return bad.fileName(); });
        sets->setCurrentIndex(csv);
        emit sets->activated(csv);
        QCOMPARE(valueOf(w.session()->lab(), "dataset"), std::string("spiral"));

        // A good file: both the file and the set go to the lab, and the run restarts on it.
        QFile good(tmp.filePath(QStringLiteral("good.csv")));
        QVERIFY(good.open(QIODevice::WriteOnly));
        good.write("a,b,label\n0,0,0\n1,1,1\n0,1,0\n1,0,1\n0.2,0.1,0\n0.9,0.8,1\n");
        good.close();
        w.setCsvFileChooser([&] { return good.fileName(); });
        sets->setCurrentIndex(csv);
        emit sets->activated(csv);
        QTRY_COMPARE(started.count(), 1);
        QCOMPARE(valueOf(w.session()->lab(), "dataset"), std::string("csv"));
        QCOMPARE(valueOf(w.session()->lab(), "csv_file"), good.fileName().toStdString());
        // Quitting keeps the settings (they make a lab again).
        w.saveSettings();
        QCOMPARE(f.settings.lastLab(), QStringLiteral("classify"));
        MainWindow again(&f.settings);
        QCOMPARE(valueOf(again.session()->lab(), "dataset"), std::string("csv"));
    }

    void playAfterEarlyStoppingSaysHowToGoOn()
    {
        Fixture f;
        auto lab = classify({{"noise", "0.2"}, {"num_points", "300"}, {"width", "64"}, {"early_stopping", "true"},
                             {"patience", "5"}, {"eval_every", "20"}});
        QVERIFY(lab);
        MainWindow w(&f.settings, std::move(lab));
        w.show();
        w.session()->setSpeed(0);
        w.session()->play();
        QTRY_VERIFY_WITH_TIMEOUT(!w.session()->isPlaying(), 30000);
        QTest::qWait(200);
        const int64_t stopped = w.session()->stepCount();
        QSignalSpy errors(w.session(), &TrainingSession::errorOccurred);
        w.session()->play();
        QTRY_COMPARE(errors.count(), 1);
        QVERIFY2(errors.first().at(0).toString().contains(QStringLiteral("early stopping off")),
                 qPrintable(errors.first().at(0).toString()));
        QTRY_VERIFY(!w.session()->isPlaying());
        w.session()->step(1);
        QTest::qWait(300);
        QCOMPARE(w.session()->stepCount(), stopped); // not one more step
        // Switching early stopping off lets it train on.
        QCOMPARE(w.session()->set("early_stopping", reglab::ParamValue::ofNumber(0)), QString());
        w.session()->step(3);
        QTRY_COMPARE(w.session()->stepCount(), stopped + 3);
    }
};

QTEST_MAIN(TestWindowInput)
#include "tst_windowinput.moc"
