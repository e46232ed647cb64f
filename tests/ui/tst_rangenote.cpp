// A typed value outside a control's range (issue 11, window polish) is clamped to the nearest
// end with a visible note under the field and in the status bar; never reverted silently.
#include "SettingsFixture.h"
#include "MainWindow.h"
#include "labs/LabRegistry.h"
#include "panels/FloatParamControl.h"
#include "panels/ParamIntSpinBox.h"
#include "panels/ParamPanel.h"
#include "panels/ParamSpinBox.h"
#include "panels/RangeNote.h"
#include "session/TrainingSession.h"
#include "settings/AppSettings.h"

#include <QApplication>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

namespace {
std::unique_ptr<reglab::Lab> classify()
{
    auto lab = reglab::createLab("classify");
    lab->reset(1);
    return lab;
}

// Clicks into the field, types text over what was there and presses Enter.
void typeAndEnter(QAbstractSpinBox* field, const QString& text)
{
    field->setFocus(Qt::MouseFocusReason);
    field->selectAll();
    QTest::keyClicks(field, text);
    QTest::keyClick(field, Qt::Key_Return);
}

double labValue(MainWindow& w, const std::string& id)
{
    const LabDescription& lab = w.session()->lab();
    return lab.values[size_t(lab.paramIndex(id))].number;
}
} // namespace

class TestRangeNote : public QObject {
    Q_OBJECT
private slots:
    void aFloatAboveItsRangeIsClampedWithANote()
    {
        Fixture f;
        MainWindow w(&f.settings, classify());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ParamPanel* panel = w.paramPanel();
        auto* dropout = qobject_cast<FloatParamControl*>(panel->control("dropout")); // [0, 0.9]
        QVERIFY(dropout);
        RangeNote* note = panel->rangeNote("dropout");
        QVERIFY(note);
        QVERIFY(note->isHidden());

        typeAndEnter(dropout->spinBox(), QStringLiteral("5"));
        QCOMPARE(dropout->value(), 0.9);
        QVERIFY(note->isVisible());
        QCOMPARE(note->text(), QStringLiteral("Clamped to 0.9 (the largest allowed; 5 was typed)"));
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("Dropout: Clamped to 0.9")));
        panel->flush();
        QTRY_COMPARE(labValue(w, "dropout"), 0.9); // the clamped value is what the lab got

        // The note stays until the field shows another value.
        typeAndEnter(dropout->spinBox(), QStringLiteral("0.2"));
        QCOMPARE(dropout->value(), 0.2);
        QVERIFY(note->isHidden());

        // Below the range, the same with the other end.
        typeAndEnter(dropout->spinBox(), QStringLiteral("-3"));
        QCOMPARE(dropout->value(), 0.0);
        QCOMPARE(note->text(), QStringLiteral("Clamped to 0 (the smallest allowed; -3 was typed)"));
        QVERIFY(note->isVisible());
    }

    void anIntOutsideItsRangeIsClampedWithANote()
    {
        Fixture f;
        MainWindow w(&f.settings, classify());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ParamPanel* panel = w.paramPanel();
        // Above: QSpinBox used to swallow the keys of "9" in [0, 6] without a word.
        auto* layers = qobject_cast<ParamIntSpinBox*>(panel->control("hidden_layers"));
        QVERIFY(layers);
        typeAndEnter(layers, QStringLiteral("9"));
        QCOMPARE(layers->value(), 6);
        QVERIFY(panel->rangeNote("hidden_layers")->isVisible());
        QCOMPARE(panel->rangeNote("hidden_layers")->text(),
                 QStringLiteral("Clamped to 6 (the largest allowed; 9 was typed)"));
        // Below: it used to go back to the old value silently.
        auto* width = qobject_cast<ParamIntSpinBox*>(panel->control("width"));
        QVERIFY(width);
        typeAndEnter(width, QStringLiteral("0"));
        QCOMPARE(width->value(), 1);
        QCOMPARE(panel->rangeNote("width")->text(), QStringLiteral("Clamped to 1 (the smallest allowed; 0 was typed)"));
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("Width: Clamped to 1")));
        panel->flush();
        QTRY_COMPARE(labValue(w, "width"), 1.0);
        QTRY_COMPARE(labValue(w, "hidden_layers"), 6.0);
    }

    void theSeedIsClampedWithANote()
    {
        Fixture f;
        MainWindow w(&f.settings, classify());
        w.show();
        auto* seed = w.findChild<QSpinBox*>(QStringLiteral("seedSpin"));
        QVERIFY(seed);
        typeAndEnter(seed, QStringLiteral("0"));
        QCOMPARE(seed->value(), 1);
        QCOMPARE(w.statusBar()->currentMessage(), QStringLiteral("Seed: Clamped to 1 (the smallest allowed; 0 was typed)"));
    }
};

QTEST_MAIN(TestRangeNote)
#include "tst_rangenote.moc"
