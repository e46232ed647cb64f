// The window on a small screen (issue 11, window polish): at 1024x700 the toolbar keeps Export
// (and Play, Step, Reset, the seed) on screen, every chart (so its legend) fits across the
// chart area, the histogram's axis labels are whole; grown back to 1920x1080 the pictures get
// their share again; at 900 px high the regularization controls are on screen unscrolled.
#include "SettingsFixture.h"
#include "MainWindow.h"
#include "charts/ChartPanel.h"
#include "charts/ChartView.h"
#include "charts/HistogramChart.h"
#include "charts/LineChart.h"
#include "charts/PicturesArea.h"
#include "labs/LabRegistry.h"
#include "lessons/LessonController.h"
#include "panels/CollapsibleGroup.h"
#include "panels/ParamPanel.h"
#include "session/TrainingSession.h"
#include "settings/AppSettings.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QDockWidget>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

namespace {
std::unique_ptr<reglab::Lab> classify()
{
    auto lab = reglab::createLab("classify");
    lab->reset(1);
    lab->step();
    return lab;
}

// Texts of a chart scene that Qt Charts cut short ("-0.2" drawn as "-...").
QStringList elided(QGraphicsScene* scene)
{
    QStringList out;
    for (QGraphicsItem* item : scene->items()) {
        QString text;
        if (auto* t = dynamic_cast<QGraphicsTextItem*>(item))
            text = t->toPlainText();
        else if (auto* s = dynamic_cast<QGraphicsSimpleTextItem*>(item))
            text = s->text();
        if (item->isVisible() && (text.contains(QStringLiteral("...")) || text.contains(QChar(0x2026))))
            out << text;
    }
    return out;
}

// w's rectangle in ancestor's coordinates.
QRect rectIn(const QWidget* w, const QWidget* ancestor)
{
    return QRect(w->mapTo(ancestor, QPoint(0, 0)), w->size());
}

void resizeAndSettle(MainWindow& w, int width, int height)
{
    w.resize(width, height);
    QTRY_COMPARE(w.size(), QSize(width, height));
    QTest::qWait(200); // the docks and charts follow a turn or two later
}
} // namespace

class TestSmallWindow : public QObject {
    Q_OBJECT
private slots:
    void at1024x700TheToolbarAndTheChartsFit()
    {
        Fixture f;
        MainWindow w(&f.settings, classify());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        resizeAndSettle(w, 1024, 700);
        auto* bar = w.findChild<QToolBar*>(QStringLiteral("trainingToolBar"));
        QVERIFY(bar);
        QAction* exportAction = nullptr;
        for (QAction* a : w.actions())
            if (a->text().startsWith(QStringLiteral("Export")))
                exportAction = a;
        QVERIFY(exportAction);
        for (QAction* a : {w.playAction(), w.stepAction(), w.resetAction(), exportAction}) {
            QWidget* button = bar->widgetForAction(a);
            QVERIFY2(button && button->isVisible(), qPrintable(a->text() + " is not on the toolbar"));
            QVERIFY2(bar->rect().contains(button->geometry()), qPrintable(a->text() + " is cut off"));
        }
        QWidget* seed = w.findChild<QWidget*>(QStringLiteral("seedSpin"));
        QVERIFY(seed && seed->isVisible());
        // The GAN lab adds Step D, Step G and Slow motion: still nothing falls off.
        auto* labs = w.findChild<QComboBox*>(QStringLiteral("labCombo"));
        QVERIFY(labs);
        const int gan = labs->findData(QStringLiteral("gan"));
        QVERIFY(gan >= 0);
        labs->setCurrentIndex(gan);
        emit labs->activated(gan);
        QTRY_COMPARE(w.session()->lab().id, std::string("gan"));
        QTest::qWait(100);
        for (QAction* a : bar->actions()) {
            if (!a->isVisible() || !bar->widgetForAction(a) || qobject_cast<QLabel*>(bar->widgetForAction(a)))
                continue;
            QWidget* item = bar->widgetForAction(a);
            QVERIFY2(item->isVisible() && bar->rect().contains(item->geometry()),
                     qPrintable(a->text() + " falls off the toolbar in the GAN lab"));
        }
        labs->setCurrentIndex(labs->findData(QStringLiteral("classify")));
        emit labs->activated(labs->currentIndex());
        QTRY_COMPARE(w.session()->lab().id, std::string("classify"));
        QTest::qWait(100);

        // Every shown chart lies across the chart area whole: its legend is on screen.
        QWidget* area = w.chartPanel()->parentWidget(); // the scroll area's viewport
        int shown = 0;
        for (LineChart* c : w.chartPanel()->charts()) {
            if (!c->isVisible())
                continue;
            const QRect r = rectIn(c, area);
            QVERIFY2(r.left() >= 0 && r.right() < area->width(),
                     qPrintable(c->title() + QStringLiteral(" sticks out: x %1..%2 of %3")
                                                 .arg(r.left())
                                                 .arg(r.right())
                                                 .arg(area->width())));
            // Not squeezed into a column too narrow to read: one column when two would be.
            QVERIFY2(c->width() >= std::min(area->width(), 240),
                     qPrintable(c->title() + QStringLiteral(" only %1 px wide").arg(c->width())));
            ++shown;
        }
        QVERIFY(shown >= 4);
        // The pictures dock, the same.
        const QRect pictures = rectIn(w.pictures(), &w);
        QVERIFY(pictures.left() >= 0 && pictures.right() < w.width());

        // The histogram's axis labels are whole.
        w.refreshNow();
        QTest::qWait(100);
        HistogramChart* histogram = w.histogramChart();
        QVERIFY(histogram->isVisible());
        const QStringList cut = elided(histogram->view()->scene());
        QVERIFY2(cut.isEmpty(), qPrintable(QStringLiteral("elided: ") + cut.join(QStringLiteral(", "))));
    }

    void histogramLabelsAreNeverElided()
    {
        // From a small dock to a large one: the axes choose as many labels as fit whole.
        auto lab = reglab::createLab("classify");
        lab->reset(1);
        HistogramChart chart;
        chart.setHistograms(lab->views().histograms, 0);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        for (int width = 240; width <= 640; width += 40)
            for (int height = 200; height <= 440; height += 60) {
                chart.resize(width, height);
                QTest::qWait(20);
                QApplication::processEvents();
                const QStringList cut = elided(chart.view()->scene());
                QVERIFY2(cut.isEmpty(), qPrintable(QStringLiteral("%1x%2: %3").arg(width).arg(height).arg(cut.join(' '))));
            }
    }

    void grownBackThePicturesGetTheirShare()
    {
        Fixture f;
        MainWindow w(&f.settings, classify());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        resizeAndSettle(w, 1920, 1080);
        const int wide = w.pictures()->width();
        resizeAndSettle(w, 1024, 700);
        QVERIFY(w.pictures()->width() < wide);
        resizeAndSettle(w, 1920, 1080);
        // Back to (about) the width it had before, not the small window's.
        QTRY_VERIFY2(w.pictures()->width() >= wide - 20,
                     qPrintable(QStringLiteral("pictures %1 px wide, were %2").arg(w.pictures()->width()).arg(wide)));
        QVERIFY(w.pictures()->width() >= w.pictures()->preferredWidth(w.width()) - 20);
        QVERIFY(elided(w.histogramChart()->view()->scene()).isEmpty());
    }

    void at900PxHighTheRegularizationControlsNeedNoScrolling()
    {
        Fixture f;
        MainWindow w(&f.settings, classify());
        w.lessons()->dock()->hide(); // shown only at the very first start
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        resizeAndSettle(w, 1440, 900);
        ParamPanel* panel = w.paramPanel();
        // Features and Run start folded; the user folds Data and Network with a click each.
        auto group = [&](const QString& title) -> CollapsibleGroup* {
            for (auto* g : panel->findChildren<CollapsibleGroup*>())
                if (g->title() == title)
                    return g;
            return nullptr;
        };
        QVERIFY(group(QStringLiteral("Features")) && group(QStringLiteral("Features"))->isCollapsed());
        QVERIFY(!group(QStringLiteral("Regularization"))->isCollapsed());
        for (const QString& title : {QStringLiteral("Data"), QStringLiteral("Network")}) {
            QVERIFY(group(title));
            QTest::mouseClick(group(title)->header(), Qt::LeftButton);
            QVERIFY(group(title)->isCollapsed());
        }
        QTest::qWait(100);
        QCOMPARE(panel->verticalScrollBar()->value(), 0);
        QWidget* viewport = panel->viewport();
        for (const char* id : {"l2", "l1", "weight_decay", "dropout", "batch_norm", "label_smoothing", "spectral_norm",
                               "early_stopping"}) {
            QWidget* c = panel->control(id);
            QVERIFY(c);
            QVERIFY2(c->isVisible(), id);
            const QRect r = rectIn(c, viewport);
            QVERIFY2(r.top() >= 0 && r.bottom() < viewport->height(),
                     qPrintable(QStringLiteral("%1 at y %2..%3 of %4").arg(id).arg(r.top()).arg(r.bottom()).arg(viewport->height())));
        }
        // Rebuilt (a lab switch), the panel keeps the groups as the user left them.
        panel->setLab(w.session()->lab());
        QVERIFY(group(QStringLiteral("Data"))->isCollapsed());
        QVERIFY(!group(QStringLiteral("Optimizer"))->isCollapsed());
        // A click opens a group again.
        QTest::mouseClick(group(QStringLiteral("Data"))->header(), Qt::LeftButton);
        QVERIFY(!group(QStringLiteral("Data"))->isCollapsed());
        QVERIFY(panel->control("noise")->isVisible());
        // The next start shows them as they were left.
        w.saveSettings();
        MainWindow again(&f.settings);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        auto groupOf = [&](const QString& title) -> CollapsibleGroup* {
            for (auto* g : again.paramPanel()->findChildren<CollapsibleGroup*>())
                if (g->title() == title)
                    return g;
            return nullptr;
        };
        QVERIFY(groupOf(QStringLiteral("Network")) && groupOf(QStringLiteral("Network"))->isCollapsed());
        QVERIFY(!groupOf(QStringLiteral("Data"))->isCollapsed());
        QVERIFY(groupOf(QStringLiteral("Features"))->isCollapsed());
    }
};

QTEST_MAIN(TestSmallWindow)
#include "tst_smallwindow.moc"
