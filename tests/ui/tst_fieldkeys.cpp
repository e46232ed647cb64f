// Space, S and R after typing a value (issue 11, window polish): Enter or Escape in a field
// gives the keys back to the window; with the focus on a control that takes no text (a
// check box, a combo box, a slider) the shortcuts work as they are. Keys are sent where a
// real key press goes: to the focused widget.
#include "SettingsFixture.h"
#include "MainWindow.h"
#include "labs/LabRegistry.h"
#include "panels/FloatParamControl.h"
#include "panels/ParamPanel.h"
#include "panels/ParamSpinBox.h"
#include "session/TrainingSession.h"
#include "settings/AppSettings.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

namespace {
std::unique_ptr<reglab::Lab> classify()
{
    auto lab = reglab::createLab("classify");
    lab->reset(1);
    return lab;
}

// A key press as the user makes it: to whatever has the focus.
void press(QWidget* window, Qt::Key key)
{
    QWidget* target = QApplication::focusWidget();
    QTest::keyClick(target ? target : window, key);
}

// Clicks into the field and types text, as a person would (the old text selected first).
void typeInto(QAbstractSpinBox* field, const QString& text)
{
    field->setFocus(Qt::MouseFocusReason);
    QVERIFY(field->hasFocus());
    field->selectAll();
    QTest::keyClicks(field, text);
}

double labValue(MainWindow& w, const std::string& id)
{
    const LabDescription& lab = w.session()->lab();
    return lab.values[size_t(lab.paramIndex(id))].number;
}

// S steps once, Space plays and pauses, R resets: checked from wherever the focus is now.
void shortcutsWork(MainWindow& w)
{
    TrainingSession* s = w.session();
    const int64_t before = s->stepCount();
    press(&w, Qt::Key_S);
    QTRY_COMPARE(s->stepCount(), before + 1);
    press(&w, Qt::Key_Space);
    QTRY_VERIFY(s->isPlaying());
    press(&w, Qt::Key_Space);
    QTRY_VERIFY(!s->isPlaying());
    QSignalSpy started(s, &TrainingSession::runStarted);
    press(&w, Qt::Key_R);
    QTRY_COMPARE(started.count(), 1);
    QTRY_COMPARE(s->stepCount(), int64_t(0));
}
} // namespace

class TestFieldKeys : public QObject {
    Q_OBJECT
private slots:
    void enterInAParameterFieldGivesTheKeysBack()
    {
        Fixture f;
        MainWindow w(&f.settings, classify());
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto* lr = qobject_cast<FloatParamControl*>(w.paramPanel()->control("lr"));
        QVERIFY(lr);
        typeInto(lr->spinBox(), QStringLiteral("0.05"));
        press(&w, Qt::Key_Return);
        QVERIFY(!lr->spinBox()->hasFocus());
        w.paramPanel()->flush();
        QTRY_COMPARE(labValue(w, "lr"), 0.05); // Enter applied the value
        shortcutsWork(w);
        if (QTest::currentTestFailed())
            return;

        // An Int field, the same.
        auto* batch = qobject_cast<QSpinBox*>(w.paramPanel()->control("batch_size"));
        QVERIFY(batch);
        typeInto(batch, QStringLiteral("64"));
        press(&w, Qt::Key_Enter); // the keypad's Enter
        QVERIFY(!batch->hasFocus());
        w.paramPanel()->flush();
        QTRY_COMPARE(labValue(w, "batch_size"), 64.0);
        shortcutsWork(w);
    }

    void escapeInAParameterFieldDropsTheTextAndGivesTheKeysBack()
    {
        Fixture f;
        MainWindow w(&f.settings, classify());
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto* lr = qobject_cast<FloatParamControl*>(w.paramPanel()->control("lr"));
        const double before = labValue(w, "lr");
        typeInto(lr->spinBox(), QStringLiteral("0.5"));
        press(&w, Qt::Key_Escape);
        QVERIFY(!lr->spinBox()->hasFocus());
        QCOMPARE(lr->spinBox()->text(), lr->spinBox()->textFromValue(before)); // the typed text is gone
        QTest::qWait(ParamPanel::kDebounceMs + 100);
        QVERIFY(!w.paramPanel()->hasPendingEdits());
        QCOMPARE(labValue(w, "lr"), before); // nothing applied
        shortcutsWork(w);
    }

    void enterInTheSeedFieldGivesTheKeysBack()
    {
        Fixture f;
        MainWindow w(&f.settings, classify());
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto* seed = w.findChild<QSpinBox*>(QStringLiteral("seedSpin"));
        QVERIFY(seed);
        typeInto(seed, QStringLiteral("7"));
        press(&w, Qt::Key_Return);
        QVERIFY(!seed->hasFocus());
        QSignalSpy started(w.session(), &TrainingSession::runStarted);
        press(&w, Qt::Key_R);
        QTRY_COMPARE(started.count(), 1);
        QTRY_COMPARE(w.session()->lab().seed, uint64_t(7)); // R reset with the typed seed
    }

    void shortcutsWorkWhenTheFocusIsNotInATextField()
    {
        Fixture f;
        MainWindow w(&f.settings, classify());
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        ParamPanel* panel = w.paramPanel();
        auto* optimizer = qobject_cast<QComboBox*>(panel->control("optimizer"));
        auto* bn = qobject_cast<QCheckBox*>(panel->control("batch_norm"));
        auto* lr = qobject_cast<FloatParamControl*>(panel->control("lr"));
        QVERIFY(optimizer && bn && lr);
        const QString opt = optimizer->currentText();
        for (QWidget* control : {static_cast<QWidget*>(optimizer), static_cast<QWidget*>(bn),
                                 static_cast<QWidget*>(lr->slider())}) {
            control->setFocus(Qt::TabFocusReason);
            QVERIFY(control->hasFocus());
            shortcutsWork(w);
            if (QTest::currentTestFailed())
                return;
        }
        QCOMPARE(optimizer->currentText(), opt); // the keys went to the shortcuts, not the controls
        QVERIFY(!bn->isChecked());
    }
};

QTEST_MAIN(TestFieldKeys)
#include "tst_fieldkeys.moc"
