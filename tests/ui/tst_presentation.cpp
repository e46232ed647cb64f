// Presentation mode and the font zoom (View menu): F11 goes full screen with larger chart
// and window fonts and thicker lines, hides the docks chosen for it and brings them back
// on F11 or Escape; Space still plays. The zoom grows chart fonts too, and is remembered.
#include "SettingsFixture.h"
#include "MainWindow.h"
#include "PresentationMode.h"
#include "charts/ChartPanel.h"
#include "charts/ChartPalette.h"
#include "charts/ChartStyle.h"
#include "charts/ChartView.h"
#include "charts/LineChart.h"
#include "labs/LabRegistry.h"
#include "session/TrainingSession.h"
#include "settings/AppSettings.h"

#include <QAbstractAxis>
#include <QAbstractSpinBox>
#include <QChart>
#include <QDockWidget>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QXYSeries>

namespace {
std::unique_ptr<reglab::Lab> classify()
{
    auto lab = reglab::createLab("classify");
    lab->reset(1);
    return lab;
}

QDockWidget* dock(MainWindow& w, const char* name) { return w.findChild<QDockWidget*>(QString::fromLatin1(name)); }

// The first curve chart's x axis labels, as Qt Charts draws them.
double axisFontSize(MainWindow& w)
{
    const LineChart* c = w.chartPanel()->charts().front();
    return c->view()->chart()->axes(Qt::Horizontal).front()->labelsFont().pointSizeF();
}

// The first curve's smoothed line (series: raw, smoothed, per curve; smoothing is on).
double seriesPenWidth(MainWindow& w)
{
    const LineChart* c = w.chartPanel()->charts().front();
    return static_cast<QXYSeries*>(c->view()->chart()->series().at(1))->pen().widthF();
}
} // namespace

class TestPresentation : public QObject {
    Q_OBJECT
private slots:
    void f11EntersAndEscapeLeaves()
    {
        Fixture f;
        MainWindow w(&f.settings, classify());
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto* present = w.findChild<PresentationMode*>();
        QVERIFY(present);
        QDockWidget* params = dock(w, "parametersDock");
        QDockWidget* pictures = dock(w, "picturesDock");
        QVERIFY(params->isVisible() && pictures->isVisible());
        const double axisBefore = axisFontSize(w), windowBefore = w.font().pointSizeF();
        const double titleBefore = ChartPalette::titleFont().pointSizeF(), penBefore = seriesPenWidth(w);

        QTest::keyClick(&w, Qt::Key_F11);
        QVERIFY(present->isActive());
        QVERIFY(w.windowState() & Qt::WindowFullScreen);
        QVERIFY(!params->isVisible());  // hidden by default, as Playground's "hide controls"
        QVERIFY(pictures->isVisible()); // not chosen
        QVERIFY(axisFontSize(w) > axisBefore * 1.2);
        QVERIFY(w.font().pointSizeF() > windowBefore * 1.2);
        QVERIFY(ChartPalette::titleFont().pointSizeF() > titleBefore * 1.2);
        QVERIFY(seriesPenWidth(w) > penBefore * 1.5);
        // Keyboard-driven: Space still plays.
        QVERIFY(!w.session()->isPlaying());
        QTest::keyClick(&w, Qt::Key_Space);
        QTRY_VERIFY(w.session()->isPlaying());
        QTest::keyClick(&w, Qt::Key_Space);
        QTRY_VERIFY(!w.session()->isPlaying());

        QTest::keyClick(&w, Qt::Key_Escape);
        QVERIFY(!present->isActive());
        QVERIFY(!(w.windowState() & Qt::WindowFullScreen));
        QVERIFY(params->isVisible() && pictures->isVisible());
        QCOMPARE(axisFontSize(w), axisBefore);
        QCOMPARE(w.font().pointSizeF(), windowBefore);
        QCOMPARE(seriesPenWidth(w), penBefore);

        // The teacher's choice: the pictures hidden too (remembered), F11 again to leave.
        present->setPanelHidden(QStringLiteral("picturesDock"), true);
        QVERIFY(f.settings.presentationHidden().contains(QStringLiteral("picturesDock")));
        QTest::keyClick(&w, Qt::Key_F11);
        QVERIFY(!params->isVisible() && !pictures->isVisible());
        QTest::keyClick(&w, Qt::Key_F11);
        QVERIFY(!(w.windowState() & Qt::WindowFullScreen));
        QVERIFY(params->isVisible() && pictures->isVisible());
    }

    // Escape in a field leaves the field (FieldExit), not presentation mode; the next one does.
    void escapeInAFieldLeavesTheFieldFirst()
    {
        Fixture f;
        MainWindow w(&f.settings, classify());
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto* present = w.findChild<PresentationMode*>();
        present->setPanelHidden(QStringLiteral("parametersDock"), false);
        QTest::keyClick(&w, Qt::Key_F11);
        QVERIFY(present->isActive());
        QAbstractSpinBox* field = nullptr;
        for (QAbstractSpinBox* s : dock(w, "parametersDock")->findChildren<QAbstractSpinBox*>())
            if (s->isVisible() && s->isEnabled()) {
                field = s;
                break;
            }
        QVERIFY(field);
        field->setFocus();
        QTRY_VERIFY(field->hasFocus());
        QTest::keyClick(field, Qt::Key_Escape);
        QVERIFY(present->isActive());
        QVERIFY(!field->hasFocus());
        QTest::keyClick(&w, Qt::Key_Escape);
        QVERIFY(!present->isActive());
    }

    void escapeDoesNothingOutsidePresentationMode()
    {
        Fixture f;
        MainWindow w(&f.settings, classify());
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QToolBar* bar = w.findChild<QToolBar*>(QStringLiteral("trainingToolBar"));
        QVERIFY(bar && bar->isVisible());
        QTest::keyClick(&w, Qt::Key_Escape);
        QVERIFY(bar->isVisible());
        QVERIFY(!(w.windowState() & Qt::WindowFullScreen));
    }

    void zoomGrowsChartFontsAndIsRemembered()
    {
        Fixture f;
        double zoomedAxis = 0.0;
        {
            MainWindow w(&f.settings, classify());
            w.show();
            QVERIFY(QTest::qWaitForWindowActive(&w));
            const double axisBefore = axisFontSize(w), windowBefore = w.font().pointSizeF();
            QTest::keyClick(&w, Qt::Key_Plus, Qt::ControlModifier);
            QTest::keyClick(&w, Qt::Key_Plus, Qt::ControlModifier);
            zoomedAxis = axisFontSize(w);
            QVERIFY(zoomedAxis > axisBefore * 1.25);
            QVERIFY(w.font().pointSizeF() > windowBefore * 1.25);
            QVERIFY(!(w.windowState() & Qt::WindowFullScreen)); // zoom alone stays windowed
            QVERIFY(qAbs(f.settings.zoom() - 1.15 * 1.15) < 1e-9);
            w.close();
        }
        {
            MainWindow w(&f.settings, classify()); // a new session: the same zoom
            w.show();
            QVERIFY(QTest::qWaitForWindowActive(&w));
            QCOMPARE(axisFontSize(w), zoomedAxis);
            QTest::keyClick(&w, Qt::Key_Minus, Qt::ControlModifier);
            QVERIFY(axisFontSize(w) < zoomedAxis);
            QTest::keyClick(&w, Qt::Key_0, Qt::ControlModifier);
            QCOMPARE(f.settings.zoom(), 1.0);
            QCOMPARE(ChartStyle::instance()->fontScale(), 1.0);
        }
    }
};

QTEST_MAIN(TestPresentation)
#include "tst_presentation.moc"
