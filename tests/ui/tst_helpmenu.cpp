// Help: the keyboard shortcuts table is built from the window's own actions (so a new
// shortcut shows up in it), and About names the version, the licence and the digits'
// attribution.
#include "HelpMenu.h"
#include "MainWindow.h"
#include "labs/LabRegistry.h"
#include "settings/AppSettings.h"

#include <QAction>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

class TestHelpMenu : public QObject {
    Q_OBJECT
private slots:
    void shortcutsComeFromTheActions()
    {
        QTemporaryDir dir;
        QSettings qs(dir.filePath(QStringLiteral("t.ini")), QSettings::IniFormat);
        AppSettings settings(&qs);
        auto lab = reglab::createLab("classify");
        lab->reset(1);
        MainWindow w(&settings, std::move(lab));
        auto* help = w.findChild<HelpMenu*>();
        QVERIFY(help);
        const QString html = help->shortcutsHtml();
        for (const char* key : {"Space", "Ctrl+S", "Ctrl+O", "Ctrl+E", "Ctrl+Shift+P"})
            QVERIFY2(html.contains(QLatin1String(key)), key);
        QVERIFY(html.contains(QStringLiteral("Save Session")));
        // A new action with a shortcut appears in the table.
        auto* extra = new QAction(QStringLiteral("Frobnicate the charts"), &w);
        extra->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
        w.addAction(extra);
        QVERIFY(help->shortcutsHtml().contains(QStringLiteral("Frobnicate the charts")));
        QCOMPARE(w.menuBar()->actions().last()->text(), QStringLiteral("&Help"));
    }

    void aboutSaysVersionLicenceAndAttribution()
    {
        const QString about = HelpMenu::aboutHtml();
        QVERIFY(about.contains(QStringLiteral("GPL-3.0-or-later")));
        QVERIFY(about.contains(QStringLiteral("CC BY 4.0")));
        QVERIFY(about.contains(QStringLiteral("Alpaydin")));
        QVERIFY(about.contains(QRegularExpression(QStringLiteral("RegLab \\d+\\.\\d+"))));
    }
};

QTEST_MAIN(TestHelpMenu)
#include "tst_helpmenu.moc"
