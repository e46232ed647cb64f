// AppSettings on an injected QSettings in a temporary folder: defaults, round trip, and
// values that come back damaged.
#include "settings/AppSettings.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

class TestSettings : public QObject {
    Q_OBJECT
private slots:
    void defaults()
    {
        QTemporaryDir dir;
        QSettings qs(dir.filePath(QStringLiteral("t.ini")), QSettings::IniFormat);
        AppSettings s(&qs);
        QCOMPARE(s.lastLab(), QString());
        QVERIFY(s.windowGeometry().isEmpty());
        QCOMPARE(s.speed(), AppSettings::kDefaultSpeed);
        QCOMPARE(s.logScale(), false);
        QCOMPARE(s.smoothing(), 0.6);
        QCOMPARE(s.seed(), quint64(1));
        QVERIFY(s.paramValues(QStringLiteral("classify")).empty());
    }

    void roundTrip()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("t.ini"));
        {
            QSettings qs(file, QSettings::IniFormat);
            AppSettings s(&qs);
            s.setLastLab(QStringLiteral("classify"));
            s.setWindowGeometry(QByteArray("\x01\x02geometry", 10));
            s.setWindowState(QByteArray("state"));
            s.setSpeed(30);
            s.setLogScale(true);
            s.setSmoothing(0.9);
            s.setSeed(424242);
            s.setParamValues(QStringLiteral("classify"), {{"l2", "0.001"}, {"dataset", "spiral"}, {"dropout", "0.5"}});
            s.setParamValues(QStringLiteral("gan"), {{"lr", "0.0002"}});
            s.sync();
        }
        QSettings qs(file, QSettings::IniFormat);
        AppSettings s(&qs);
        QCOMPARE(s.lastLab(), QStringLiteral("classify"));
        QCOMPARE(s.windowGeometry(), QByteArray("\x01\x02geometry", 10));
        QCOMPARE(s.windowState(), QByteArray("state"));
        QCOMPARE(s.speed(), 30.0);
        QCOMPARE(s.logScale(), true);
        QCOMPARE(s.smoothing(), 0.9);
        QCOMPARE(s.seed(), quint64(424242));
        auto values = s.paramValues(QStringLiteral("classify"));
        std::sort(values.begin(), values.end());
        const AppSettings::ParamValues expected = {{"dataset", "spiral"}, {"dropout", "0.5"}, {"l2", "0.001"}};
        QVERIFY(values == expected);
        QCOMPARE(s.paramValues(QStringLiteral("gan")).size(), size_t(1));
        // Replacing a lab's values drops the old keys.
        s.setParamValues(QStringLiteral("classify"), {{"l2", "0"}});
        QCOMPARE(s.paramValues(QStringLiteral("classify")).size(), size_t(1));
    }

    void damagedValuesFallBack()
    {
        QTemporaryDir dir;
        QSettings qs(dir.filePath(QStringLiteral("t.ini")), QSettings::IniFormat);
        qs.setValue(QStringLiteral("run/speed"), QStringLiteral("fast"));
        qs.setValue(QStringLiteral("charts/smoothing"), 7.5);
        qs.setValue(QStringLiteral("run/seed"), QStringLiteral("abc"));
        AppSettings s(&qs);
        QCOMPARE(s.speed(), AppSettings::kDefaultSpeed); // unreadable: the default
        QCOMPARE(s.smoothing(), 0.999);
        QCOMPARE(s.seed(), quint64(1));
        s.setSpeed(-5);
        QCOMPARE(s.speed(), 0.0);
    }
};

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"
