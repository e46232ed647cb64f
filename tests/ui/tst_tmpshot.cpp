#include "MainWindow.h"
#include "NanBanner.h"
#include "charts/ChartPanel.h"
#include "session/TrainingSession.h"
#include "settings/AppSettings.h"
#include "labs/LabRegistry.h"
#include <QAction>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
class TestTmpShot : public QObject {
    Q_OBJECT
private slots:
    void nanShot()
    {
        QTemporaryDir dir;
        QSettings qs(dir.filePath("t.ini"), QSettings::IniFormat);
        AppSettings settings(&qs);
        auto lab = reglab::createLab("classify");
        for (const QString& kv : qEnvironmentVariable("SETS").split(QLatin1Char(' '), Qt::SkipEmptyParts))
            QCOMPARE(QString::fromStdString(lab->setText(kv.section('=', 0, 0).toStdString(), kv.section('=', 1).toStdString())), QString());
        lab->reset(1);
        MainWindow w(&settings, std::move(lab));
        w.resize(1440, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        if (qEnvironmentVariableIsSet("LOG")) w.logScaleAction()->setChecked(true);
        w.playAction()->trigger();
        QElapsedTimer t; t.start();
        while (t.elapsed() < qEnvironmentVariableIntValue("MS") && !w.nanBanner()->isVisible())
            QTest::qWait(50);
        w.playAction()->trigger();
        QTest::qWait(300);
        w.refreshNow();
        QTest::qWait(100);
        w.grab().save("/tmp/shots/live.png");
        qInfo() << "steps" << w.session()->stepCount() << "banner" << w.nanBanner()->isVisible();
    }
};
QTEST_MAIN(TestTmpShot)
#include "tst_tmpshot.moc"
