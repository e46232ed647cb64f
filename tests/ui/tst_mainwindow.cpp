// The main window around a FakeLab, offscreen: it trains and draws, its panel is built from
// the ParamSpecs, live and non-live changes do what they say, NaN shows the banner and
// rollback works, clicks on empty charts are safe, settings are saved and restored.
#include "SettingsFixture.h"
#include "MainWindow.h"
#include "NanBanner.h"
#include "ShotHelpers.h"
#include "charts/ChartPanel.h"
#include "charts/ChartView.h"
#include "charts/DistributionChart.h"
#include "charts/HeatmapWidget.h"
#include "charts/HistogramChart.h"
#include "charts/LineChart.h"
#include "data/CsvPoints.h"
#include "labs/ExportableLab.h"
#include "labs/LabRegistry.h"
#include "panels/FloatParamControl.h"
#include "panels/ParamPanel.h"
#include "panels/PathParamControl.h"
#include "panels/ParamSpinBox.h"
#include "session/SubStepActions.h"
#include "session/TrainingSession.h"
#include "settings/AppSettings.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QApplication>
#include <QFile>
#include <QMouseEvent>
#include <QSettings>
#include <QStandardPaths>
#include <QSlider>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

namespace {
LabFactory fakeFactory()
{
    return [](const std::string& id) -> std::unique_ptr<reglab::Lab> {
        if (id == "fake")
            return std::make_unique<fake::FakeLab>();
        return nullptr;
    };
}

std::unique_ptr<reglab::Lab> freshLab(uint64_t seed = 5)
{
    auto lab = std::make_unique<fake::FakeLab>();
    lab->reset(seed);
    return lab;
}

// The gan lab with small batches, in a shown window.
std::unique_ptr<MainWindow> ganWindow(AppSettings* settings)
{
    auto lab = reglab::createLab("gan");
    lab->setText("batch_size", "32");
    lab->reset(1);
    auto w = std::make_unique<MainWindow>(settings, std::move(lab));
    w->resize(1280, 800);
    w->show();
    return w;
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void earlyStoppingMarksTheBestStep()
    {
        // The real classify lab on a preset that overfits: early stopping fires, and the
        // step whose weights it restored is marked on the curves.
        Fixture f;
        auto lab = reglab::createLab("classify");
        for (const auto& [k, v] : std::vector<std::pair<std::string, std::string>>{
                 {"noise", "0.2"}, {"num_points", "300"}, {"width", "64"}, {"early_stopping", "true"},
                 {"patience", "40"}, {"eval_every", "20"}})
            QVERIFY(lab->setText(k, v).empty());
        lab->reset(1);
        MainWindow w(&f.settings, std::move(lab));
        w.show();
        w.session()->setSpeed(0);
        w.session()->play();
        QTRY_VERIFY_WITH_TIMEOUT(!w.session()->isPlaying(), 20000); // finished by itself
        LineChart* loss = w.chartPanel()->chart(QStringLiteral("loss"));
        QVERIFY(loss);
        QTRY_VERIFY(std::any_of(loss->events().begin(), loss->events().end(), [](const reglab::ParamEvent& e) {
            return e.label.find("best val loss") != std::string::npos && e.step > 0;
        }));
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("restored")));
    }

    void regenerateDrawsTheToySetAgain()
    {
        // Playground's "Regenerate": the next data draw, the same set, the run starts again.
        Fixture f;
        auto lab = reglab::createLab("classify");
        lab->reset(1);
        MainWindow w(&f.settings, std::move(lab));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* regenerate = w.findChild<QAction*>(QStringLiteral("regenerateAction"));
        QVERIFY(regenerate && regenerate->isVisible());
        QTRY_VERIFY(!w.heatmap()->points().empty());
        const std::vector<float> before = w.heatmap()->points().front().x;
        const auto& desc = w.session()->lab();
        regenerate->trigger();
        QTRY_COMPARE(w.session()->lab().values[size_t(desc.paramIndex("data_draw"))].number, 1.0);
        QTRY_VERIFY(!w.heatmap()->points().empty() && w.heatmap()->points().front().x != before);
        QCOMPARE(w.session()->lab().values[size_t(desc.paramIndex("dataset"))].text, std::string("spiral"));
    }

    void ganTwinStepsAndSlowMotion()
    {
        // The GAN lab beside a twin: each picture has its own generated samples (with
        // arrows) over its own discriminator, the data shared; Step D makes one step and
        // leaves "train" as it was; slow motion slows the pace and names each update.
        Fixture f;
        const auto window = ganWindow(&f.settings);
        MainWindow& w = *window;
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.session()->setTwin({{"r1", "1"}});
        w.session()->step(5);
        QTRY_VERIFY(w.twinHeatmap()->isVisible() && w.twinHeatmap()->hasGrid());
        QTRY_VERIFY(w.session()->stepCount() == 5);
        QTest::qWait(300);
        auto set = [](HeatmapWidget* h, const std::string& id) {
            for (const auto& p : h->points())
                if (p.id == id)
                    return p;
            return reglab::PointSetView{};
        };
        QVERIFY(w.heatmap()->hasArrows() && w.twinHeatmap()->hasArrows());
        QCOMPARE(set(w.twinHeatmap(), "real").x, set(w.heatmap(), "real").x);
        QVERIFY(set(w.twinHeatmap(), "generated").dx != set(w.heatmap(), "generated").dx);
        QVERIFY(w.findChild<QCheckBox*>(QStringLiteral("arrowsCheck"))->isVisible());

        SubStepActions* sub = w.subStepActions();
        QVERIFY(sub->stepDAction()->isVisible() && sub->slowMotionAction()->isVisible());
        sub->stepDAction()->trigger();
        QTRY_COMPARE(w.session()->stepCount(), int64_t(6));
        QTRY_VERIFY(w.heatmap()->caption().startsWith(QStringLiteral("Only")));
        const auto& lab2 = w.session()->lab();
        QCOMPARE(QString::fromStdString(lab2.values[size_t(lab2.paramIndex("train"))].text), QStringLiteral("both"));

        sub->slowMotionAction()->trigger();
        QCOMPARE(w.speedCombo()->currentData().toDouble(), 1.0);
        QCOMPARE(w.session()->lab().values[size_t(lab2.paramIndex("substeps"))].number, 1.0);
        w.session()->step(1);
        QTRY_VERIFY(w.heatmap()->caption().startsWith(QStringLiteral("D update 1 of")));
        sub->slowMotionAction()->trigger();
        QVERIFY(w.speedCombo()->currentData().toDouble() != 1.0);
        QCOMPARE(w.session()->lab().values[size_t(lab2.paramIndex("substeps"))].number, 0.0);
    }

    void drawingATargetTrainsOnIt()
    {
        // GAN Lab's "draw your own": Draw target, a stroke on the picture, Use: the points
        // become a CSV in the app's data folder and the lab's target, and the run restarts.
        QStandardPaths::setTestModeEnabled(true);
        Fixture f;
        const auto window = ganWindow(&f.settings);
        MainWindow& w = *window;
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* draw = w.findChild<QPushButton*>(QStringLiteral("drawTargetButton"));
        auto* use = w.findChild<QPushButton*>(QStringLiteral("useDrawingButton"));
        QVERIFY(draw && use);
        QTRY_VERIFY(draw->isVisible());
        draw->click();
        QVERIFY(w.heatmap()->isDrawing() && use->isVisible() && !use->isEnabled());
        QTest::qWait(50); // painted once: the canvas knows where its plot is
        HeatmapWidget* h = w.heatmap();
        const QPoint c = h->rect().center();
        QTest::mousePress(h, Qt::LeftButton, {}, c - QPoint(40, 0));
        for (int k = 1; k <= 8; ++k) {
            QMouseEvent move(QEvent::MouseMove, QPointF(c - QPoint(40, 0) + QPoint(10 * k, 0)), h->mapToGlobal(QPointF(c)),
                             Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(h, &move);
        }
        QTest::mouseRelease(h, Qt::LeftButton, {}, c + QPoint(40, 0));
        const size_t drawn = h->drawnPoints().size();
        QVERIFY2(drawn >= 15, qPrintable(QString::number(drawn))); // a point every 4 pixels of the stroke
        QVERIFY(use->isEnabled());
        use->click();
        QVERIFY(!h->isDrawing());
        const auto& d = w.session()->lab();
        QCOMPARE(QString::fromStdString(d.values[size_t(d.paramIndex("target"))].text), QStringLiteral("drawn"));
        const std::string file = d.values[size_t(d.paramIndex("target_file"))].text;
        std::string why;
        const auto points = reglab::loadCsvPoints(file, &why);
        QVERIFY2(points, why.c_str());
        QCOMPARE(size_t(points->rows()), drawn);
        // The run restarted on the drawing: no mode metrics for a drawn target.
        QTRY_VERIFY(w.chartPanel()->chart(QStringLiteral("modes")) == nullptr);
        QFile::remove(QString::fromStdString(file));
    }

    void trainsAndDraws()
    {
        Fixture f;
        MainWindow w(&f.settings, freshLab(), {}, fakeFactory());
        w.resize(1280, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.session());
        QCOMPARE(w.chartPanel()->charts().size(), size_t(4));
        w.playAction()->trigger();
        QVERIFY(w.session()->isPlaying());
        QCOMPARE(w.playAction()->text(), QStringLiteral("Pause"));
        QTest::qWait(1000);
        w.playAction()->trigger();
        QVERIFY(!w.session()->isPlaying());
        QTRY_VERIFY(w.session()->stepCount() > 100);
        LineChart* loss = w.chartPanel()->chart(QStringLiteral("loss"));
        QVERIFY(loss);
        QTRY_VERIFY(loss->buffer(0).appendedCount() > 10);
        w.refreshNow();
        QVERIFY(!loss->seriesPoints(0).isEmpty());
        QVERIFY(w.heatmap()->hasGrid());
        QCOMPARE(w.histogramChart()->count(), 3);
        const QImage shot = w.grab().toImage();
        QVERIFY(fake::distinctColours(shot) > 50);

        // The distribution tab kept a sample per view; after a reset it holds the new run
        // only, from the moment the window hears of it (checked right after the window
        // handled runStarted: by then at most the new run's first view has come; it can
        // overtake runStarted when a view of the old run was still on its way, so first let
        // the last one arrive).
        DistributionChart* dist = w.distributionChart();
        QCOMPARE(dist->count(), 3);
        const std::string layer = dist->picker()->currentData().toString().toStdString();
        QVERIFY(dist->history(layer)->samples().size() > 2);
        QTest::qWait(300);
        int keptAtStart = -1;
        connect(w.session(), &TrainingSession::runStarted, this,
                [&] { keptAtStart = int(dist->history(layer)->samples().size()); });
        w.resetAction()->trigger();
        QTRY_VERIFY(keptAtStart >= 0 && !dist->history(layer)->isEmpty());
        QVERIFY2(keptAtStart <= 1, qPrintable(QString::number(keptAtStart)));
        QCOMPARE(dist->history(layer)->samples().size(), size_t(1));
        QCOMPARE(dist->history(layer)->samples().back().step, int64_t(0));
    }

    void panelHasOneControlPerSpecWithTooltips()
    {
        Fixture f;
        auto lab = freshLab();
        const auto specs = lab->params();
        MainWindow w(&f.settings, std::move(lab), {}, fakeFactory());
        ParamPanel* panel = w.paramPanel();
        QCOMPARE(panel->controlCount(), int(specs.size()));
        for (const auto& spec : specs) {
            QWidget* c = panel->control(spec.id);
            QVERIFY2(c, spec.id.c_str());
            QVERIFY(c->toolTip().contains(QString::fromStdString(spec.tooltip).toHtmlEscaped()));
            switch (spec.type) {
            case reglab::ParamType::Float:
                QVERIFY(qobject_cast<FloatParamControl*>(c));
                break;
            case reglab::ParamType::Int:
                QVERIFY(qobject_cast<QSpinBox*>(c));
                break;
            case reglab::ParamType::Bool:
                QVERIFY(qobject_cast<QCheckBox*>(c));
                break;
            case reglab::ParamType::Choice:
                QVERIFY(qobject_cast<QComboBox*>(c));
                break;
            case reglab::ParamType::Path:
                QVERIFY(qobject_cast<PathParamControl*>(c));
                break;
            case reglab::ParamType::Points:
                QVERIFY(c->property("pointsText").isValid());
                break;
            }
        }
        // The toolbar mirrors the lab's dataset choice.
        QCOMPARE(w.datasetCombo()->count(), 3);
        QCOMPARE(w.datasetCombo()->currentText(), QStringLiteral("ring"));
    }

    void logSliderMapsZeroToOff()
    {
        fake::FakeLab lab;
        const reglab::ParamSpec* l2 = lab.findParam("l2");
        FloatParamControl c(*l2);
        QCOMPARE(c.valueAt(0), 0.0);
        QCOMPARE(c.valueAt(FloatParamControl::kSliderSteps), 0.1);
        QVERIFY(c.valueAt(1) > 0.0 && c.valueAt(1) < 1e-5);
        // Log spacing: the middle of the slider is ~ the geometric middle.
        const double mid = c.valueAt(FloatParamControl::kSliderSteps / 2 + 1);
        QVERIFY(mid > 1e-4 && mid < 1e-3);
        for (double v : {0.0, 1e-5, 0.001, 0.05, 0.1})
            QVERIFY(std::abs(c.valueAt(c.positionOf(v)) - v) <= 0.02 * v);
        // The spin box steps by a factor, and from 0 to the smallest on value.
        c.spinBox()->setValue(0.0);
        c.spinBox()->stepBy(1);
        QVERIFY(c.value() > 0.0 && c.value() < 1e-5);
        c.setValue(0.001);
        c.spinBox()->stepBy(4);
        QVERIFY(std::abs(c.value() - 0.01) < 1e-4);
        QCOMPARE(c.spinBox()->textFromValue(0.001), QStringLiteral("0.001"));
    }

    void liveChangeIsDebouncedAndMarked()
    {
        Fixture f;
        MainWindow w(&f.settings, freshLab(), {}, fakeFactory());
        w.show();
        auto* l2 = qobject_cast<FloatParamControl*>(w.paramPanel()->control("l2"));
        QVERIFY(l2);
        const quint64 run = w.session()->runId();
        // A burst of edits (a slider drag) becomes one change.
        l2->spinBox()->setValue(0.0001);
        l2->spinBox()->setValue(0.0005);
        l2->spinBox()->setValue(0.001);
        QVERIFY(w.paramPanel()->hasPendingEdits());
        QCOMPARE(w.session()->lab().values[size_t(w.session()->lab().paramIndex("l2"))].number, 0.0);
        QTRY_VERIFY(!w.paramPanel()->hasPendingEdits());
        QCOMPARE(w.session()->lab().values[size_t(w.session()->lab().paramIndex("l2"))].number, 0.001);
        QCOMPARE(w.session()->runId(), run); // live: no reset
        w.stepAction()->trigger();
        LineChart* loss = w.chartPanel()->chart(QStringLiteral("loss"));
        QTRY_COMPARE(loss->events().size(), size_t(1));
        QVERIFY(QString::fromStdString(loss->events()[0].label).contains(QStringLiteral("0.001")));
        QCOMPARE(loss->events()[0].step, int64_t(0));
        // Every chart carries the marker.
        for (LineChart* c : w.chartPanel()->charts())
            QCOMPARE(c->events().size(), size_t(1));
    }

    void nonLiveChangeResetsWithANotice()
    {
        Fixture f;
        MainWindow w(&f.settings, freshLab(), {}, fakeFactory());
        w.show();
        w.session()->step(200);
        QTRY_COMPARE(w.session()->stepCount(), int64_t(200));
        const quint64 run = w.session()->runId();
        auto* width = qobject_cast<QSpinBox*>(w.paramPanel()->control("width"));
        QVERIFY(width);
        width->setValue(32);
        w.paramPanel()->flush();
        QVERIFY(w.session()->runId() > run);
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("Network changed: reset")));
        QTRY_COMPARE(w.session()->stepCount(), int64_t(0));
        // More layers: more weight-norm curves after the reset.
        auto* layers = qobject_cast<QSpinBox*>(w.paramPanel()->control("hidden_layers"));
        layers->setValue(4);
        w.paramPanel()->flush();
        QTRY_COMPARE(w.chartPanel()->chart(QStringLiteral("weights"))->columns().size(), size_t(6));
        // Choosing a data set in the toolbar resets too and updates the panel.
        w.datasetCombo()->setCurrentIndex(2);
        emit w.datasetCombo()->activated(2);
        QCOMPARE(w.paramPanel()->value("dataset").text, std::string("digits"));
        QTRY_VERIFY(!w.heatmap()->hasGrid()); // digits: no 2D picture
    }

    void nanShowsTheBannerAndRollbackWorks()
    {
        Fixture f;
        auto lab = std::make_unique<fake::FakeLab>();
        lab->set("nan_at_step", reglab::ParamValue::ofNumber(2500));
        lab->set("eval_every", reglab::ParamValue::ofNumber(1));
        lab->reset(2);
        MainWindow w(&f.settings, std::move(lab), {}, fakeFactory());
        w.show();
        w.playAction()->trigger();
        QTRY_VERIFY(w.nanBanner()->isVisible());
        QVERIFY(!w.session()->isPlaying());
        QCOMPARE(w.playAction()->text(), QStringLiteral("Play"));
        QVERIFY(w.nanBanner()->text().contains(QStringLiteral("2,500")) || w.nanBanner()->text().contains(QStringLiteral("2500")));
        QVERIFY(w.nanBanner()->text().contains(QStringLiteral("NaN")));
        const qint64 back = w.nanBanner()->rollbackStep();
        QVERIFY(back > 0 && back < 2500);
        QVERIFY(w.nanBanner()->rollbackButton()->isVisible());
        QVERIFY(w.nanBanner()->rollbackButton()->text().contains(QStringLiteral("Roll back")));
        LineChart* loss = w.chartPanel()->chart(QStringLiteral("loss"));
        QTRY_VERIFY(loss->buffer(0).xMax() >= 2499);
        // The distribution tab forgets the undone steps as soon as the window hears of the
        // rollback (checked right after it handled rolledBack), and keeps the steps before.
        const PercentileHistory* dist = w.distributionChart()->history("weights_l0");
        QTRY_VERIFY(dist && dist->samples().back().step > back);
        int64_t lastAtRollback = -1;
        connect(w.session(), &TrainingSession::rolledBack, this,
                [&] { lastAtRollback = dist->isEmpty() ? 0 : dist->samples().back().step; });
        QTest::mouseClick(w.nanBanner()->rollbackButton(), Qt::LeftButton);
        QVERIFY(!w.nanBanner()->isVisible());
        QTRY_COMPARE(w.session()->stepCount(), int64_t(back));
        QTRY_VERIFY(loss->buffer(0).xMax() <= back);
        QTRY_VERIFY(lastAtRollback >= 0);
        QVERIFY2(lastAtRollback <= back, qPrintable(QString::number(lastAtRollback)));
        QTRY_COMPARE(dist->samples().back().step, int64_t(back));
        QVERIFY(dist->samples().size() > 2);
        QCOMPARE(dist->samples().front().step, int64_t(0));
    }

    void clicksOnEmptyChartsAreSafe()
    {
        LineChart empty(QStringLiteral("loss"), {});
        empty.resize(400, 300);
        empty.show();
        QVERIFY(QTest::qWaitForWindowExposed(&empty));
        empty.refresh(true);
        QWidget* vp = empty.view()->viewport();
        for (const QPoint& p : {QPoint(1, 1), QPoint(200, 150), QPoint(398, 298)}) {
            QTest::mouseClick(vp, Qt::LeftButton, {}, p);
            QTest::mouseClick(vp, Qt::RightButton, {}, p);
            QTest::mouseDClick(vp, Qt::LeftButton, {}, p);
        }
        // And in the window, on every chart view, before any data arrived.
        Fixture f;
        MainWindow w(&f.settings, freshLab(), {}, fakeFactory());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        for (LineChart* c : w.chartPanel()->charts())
            QTest::mouseClick(c->view()->viewport(), Qt::LeftButton, {}, QPoint(2, 2));
        QTest::mouseClick(w.histogramChart()->view()->viewport(), Qt::LeftButton, {}, QPoint(2, 2));
        QTest::mouseClick(w.heatmap(), Qt::LeftButton, {}, QPoint(5, 5));
    }

    void keyboardShortcuts()
    {
        Fixture f;
        MainWindow w(&f.settings, freshLab(), {}, fakeFactory());
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        w.setFocus();
        QTest::keyClick(&w, Qt::Key_S);
        QTRY_COMPARE(w.session()->stepCount(), int64_t(1));
        QTest::keyClick(&w, Qt::Key_Space);
        QVERIFY(w.session()->isPlaying());
        QTest::keyClick(&w, Qt::Key_Space);
        QVERIFY(!w.session()->isPlaying());
        const quint64 run = w.session()->runId();
        QTest::keyClick(&w, Qt::Key_R);
        QVERIFY(w.session()->runId() > run);
        QTRY_COMPARE(w.session()->stepCount(), int64_t(0));
        QTest::keyClick(&w, Qt::Key_Q, Qt::ControlModifier); // File > Quit
        QVERIFY(!w.isVisible());
        QCOMPARE(f.settings.lastLab(), QStringLiteral("fake")); // saved on the way out
    }

    void chartOptionsApply()
    {
        Fixture f;
        std::vector<reglab::MetricRow> history;
        auto lab = fake::trainedLab(2000, &history);
        MainWindow w(&f.settings, std::move(lab), history, fakeFactory());
        w.show();
        LineChart* loss = w.chartPanel()->chart(QStringLiteral("loss"));
        QCOMPARE(loss->smoothing(), 0.6); // the default
        w.smoothingSlider()->setValue(0);
        QCOMPARE(loss->smoothing(), 0.0);
        w.smoothingSlider()->setValue(950);
        QCOMPARE(loss->smoothing(), 0.95);
        w.refreshNow();
        QVERIFY(!loss->seriesPoints(0, true).isEmpty());
        w.logScaleAction()->setChecked(true);
        QVERIFY(loss->logScale());
        QVERIFY(!w.chartPanel()->chart(QStringLiteral("accuracy"))->logScale());
        w.refreshNow();
        for (const QPointF& p : loss->seriesPoints(0))
            QVERIFY(p.y() >= LineChart::kLogFloor);
        // The speed menu reaches the worker.
        w.speedCombo()->setCurrentIndex(3);
        QCOMPARE(w.session()->speed(), w.speedCombo()->currentData().toDouble());
    }

    void settingsAreSavedAndRestored()
    {
        Fixture f;
        {
            MainWindow w(&f.settings, freshLab(), {}, fakeFactory());
            w.show();
            auto* l2 = qobject_cast<FloatParamControl*>(w.paramPanel()->control("l2"));
            l2->spinBox()->setValue(0.002);
            auto* width = qobject_cast<QSpinBox*>(w.paramPanel()->control("width"));
            width->setValue(48);
            w.paramPanel()->flush();
            w.smoothingSlider()->setValue(800);
            w.logScaleAction()->setChecked(true);
            w.speedCombo()->setCurrentIndex(4);
            w.close(); // saves
        }
        QCOMPARE(f.settings.lastLab(), QStringLiteral("fake"));
        QCOMPARE(f.settings.smoothing(), 0.8);
        QVERIFY(f.settings.logScale());
        QVERIFY(!f.settings.windowGeometry().isEmpty());
        // A window without a given lab starts the last one with the saved values.
        MainWindow w(&f.settings, nullptr, {}, fakeFactory());
        QVERIFY(w.session());
        const LabDescription& lab = w.session()->lab();
        QCOMPARE(lab.id, std::string("fake"));
        QCOMPARE(lab.values[size_t(lab.paramIndex("l2"))].number, 0.002);
        QCOMPARE(lab.values[size_t(lab.paramIndex("width"))].number, 48.0);
        QCOMPARE(w.paramPanel()->value("width").number, 48.0);
        QCOMPARE(w.smoothingSlider()->value(), 800);
        QVERIFY(w.logScaleAction()->isChecked());
        QCOMPARE(w.speedCombo()->currentIndex(), 4);
    }

    void unusableSavedValuesFallBackToDefaults()
    {
        Fixture f;
        f.settings.setLastLab(QStringLiteral("fake"));
        f.settings.setParamValues(QStringLiteral("fake"), {{"notes_file", "unreadable.txt"}, {"width", "40"}});
        MainWindow w(&f.settings, nullptr, {}, fakeFactory());
        QVERIFY(w.session());
        const LabDescription& lab = w.session()->lab();
        QCOMPARE(lab.values[size_t(lab.paramIndex("width"))].number, 16.0); // the defaults
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("cannot be read")));
    }

    void noLabIsNotACrash()
    {
        Fixture f;
        MainWindow w(&f.settings, nullptr, {}, [](const std::string&) { return std::unique_ptr<reglab::Lab>(); });
        w.show();
        QVERIFY(!w.session());
        QVERIFY(!w.playAction()->isEnabled());
        w.playAction()->trigger();
        QTest::keyClick(&w, Qt::Key_Space);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
