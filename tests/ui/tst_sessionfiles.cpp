// File > Save / Open of a .reglab session in the real window: a run with drawn data, a
// live change and a twin is saved; opened in a fresh window it replays to the same step
// with the same params, and the next steps give exactly the metrics of the run that was
// saved and went on. A broken, truncated, hostile or newer-version file is refused in one
// sentence and the open run is left as it was.
#include "SettingsFixture.h"
#include "MainWindow.h"
#include "labs/LabRegistry.h"
#include "session/SessionFiles.h"
#include "session/TrainingSession.h"
#include "settings/AppSettings.h"

#include <QAction>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {

const char* kPoints = "-1,-1,0;1,1,1;-0.8,-1.2,0;1.1,0.7,1;0.9,1.2,1;-1.1,-0.6,0;-0.9,-1.1,0,v;1.2,0.8,1,v;"
                      "0.2,-0.3,1;-0.2,0.4,0;0,0,1,v;0.3,0.3,0,v";

std::unique_ptr<MainWindow> window(AppSettings* settings)
{
    auto lab = reglab::createLab("classify");
    lab->reset(1);
    auto w = std::make_unique<MainWindow>(settings, std::move(lab));
    w->show();
    return w;
}

// Rows after `from` that reach the GUI while `run` runs.
void rowsAfter(MainWindow& w, int64_t from, const std::function<void()>& run, int64_t until,
               std::vector<reglab::MetricRow>& rows)
{
    auto c = QObject::connect(w.session(), &TrainingSession::metricsArrived, [&](const MetricBatch& b) {
        for (const auto& r : b.rows)
            if (r.step > from)
                rows.push_back(r);
    });
    run();
    QTRY_VERIFY_WITH_TIMEOUT(w.session()->stepCount() == until && !rows.empty() && rows.back().step == until, 30000);
    QObject::disconnect(c);
}

std::string value(MainWindow& w, const std::string& id)
{
    const LabDescription& lab = w.session()->lab();
    return lab.values[size_t(lab.paramIndex(id))].text;
}

} // namespace

class TestSessionFiles : public QObject {
    Q_OBJECT
private slots:
    void saveOpenContinuesIdentically()
    {
        Fixture f;
        auto a = window(&f.settings);
        QVERIFY(QTest::qWaitForWindowExposed(a.get()));
        TrainingSession* s = a->session();
        QVERIFY(s->set("dataset", reglab::ParamValue::ofChoice("drawn")).isEmpty());
        QVERIFY(s->set("drawn_points", reglab::ParamValue::ofChoice(kPoints)).isEmpty());
        QVERIFY(s->set("eval_every", reglab::ParamValue::ofNumber(5)).isEmpty());
        s->reset(7);
        s->setTwin({{"dropout", "0.3"}});
        QTRY_VERIFY(s->lab().hasTwin());
        s->step(100);
        QTRY_COMPARE(s->stepCount(), int64_t(100));
        QVERIFY(s->set("l2", reglab::ParamValue::ofNumber(0.01)).isEmpty()); // a live change, logged
        s->step(100);
        QTRY_COMPARE(s->stepCount(), int64_t(200));

        const QString path = f.dir.filePath(QStringLiteral("run.reglab"));
        QCOMPARE(a->sessionFiles()->save(path), QString());
        QVERIFY(QFile::exists(path));
        QCOMPARE(a->sessionFiles()->recentFiles().front(), QFileInfo(path).absoluteFilePath());

        // The saved run goes on 60 steps...
        std::vector<reglab::MetricRow> expected, got;
        rowsAfter(*a, 200, [&] { s->step(60); }, 260, expected);
        QVERIFY(!expected.empty());

        // ...and the opened one, from a window on another lab, gives the same rows.
        Fixture g;
        auto b = window(&g.settings);
        QVERIFY(QTest::qWaitForWindowExposed(b.get()));
        QVERIFY(b->session()->set("dataset", reglab::ParamValue::ofChoice("moons")).isEmpty());
        b->session()->reset(3);
        QCOMPARE(b->sessionFiles()->open(path), QString());
        QTRY_VERIFY_WITH_TIMEOUT(b->session()->stepCount() == 200 && !b->session()->isPlaying(), 30000);
        QTest::qWait(200);
        QCOMPARE(b->session()->stepCount(), int64_t(200)); // paused where it was saved
        QCOMPARE(value(*b, "drawn_points"), std::string(kPoints));
        QCOMPARE(value(*b, "dataset"), std::string("drawn"));
        QVERIFY(b->session()->lab().hasTwin());
        QCOMPARE(b->session()->lab().seed, uint64_t(7));
        rowsAfter(*b, 200, [&] { b->session()->step(60); }, 260, got);
        QCOMPARE(got.size(), expected.size());
        for (size_t i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].step, expected[i].step);
            QCOMPARE(got[i].values.size(), expected[i].values.size());
            for (size_t k = 0; k < got[i].values.size(); ++k)
                if (!(std::isnan(got[i].values[k]) && std::isnan(expected[i].values[k])))
                    QCOMPARE(got[i].values[k], expected[i].values[k]);
        }
    }

    void badFilesAreRefusedAndChangeNothing()
    {
        Fixture f;
        auto w = window(&f.settings);
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        w->session()->step(20);
        QTRY_COMPARE(w->session()->stepCount(), int64_t(20));
        const QString good = f.dir.filePath(QStringLiteral("good.reglab"));
        QCOMPARE(w->sessionFiles()->save(good), QString());
        QFile gf(good);
        QVERIFY(gf.open(QIODevice::ReadOnly));
        const QByteArray text = gf.readAll();

        auto write = [&](const QString& name, const QByteArray& bytes) {
            const QString p = f.dir.filePath(name);
            QFile out(p);
            out.open(QIODevice::WriteOnly);
            out.write(bytes);
            return p;
        };
        QByteArray newer = text;
        newer.replace("\"version\": 2", "\"version\": 99");
        QByteArray unknownLab = text;
        unknownLab.replace("\"lab\": \"classify\"", "\"lab\": \"nope\"");
        QByteArray badValue = text;
        badValue.replace("\"lr\": \"0.01\"", "\"lr\": \"-5\"");
        QByteArray hostileName = text;
        hostileName.replace("\"events\"", "\"files\": [{\"param\": \"csv_file\", \"name\": \"../../x\", \"text\": \"\"}], \"events\"");
        const QString fifo = f.dir.filePath(QStringLiteral("pipe.reglab"));
        QCOMPARE(mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        const QString huge = f.dir.filePath(QStringLiteral("huge.reglab"));
        {
            QFile h(huge);
            QVERIFY(h.open(QIODevice::WriteOnly));
            QVERIFY(h.resize(qint64(100) << 20)); // sparse: no disk used
        }
        const std::vector<std::pair<QString, QString>> cases = {
            {write(QStringLiteral("truncated.reglab"), text.left(text.size() / 2)), QStringLiteral("not valid JSON")},
            {write(QStringLiteral("garbage.reglab"), QByteArray("\x00\xff\xfe garbage", 12)), QStringLiteral("JSON")},
            {write(QStringLiteral("newer.reglab"), newer), QStringLiteral("newer than this RegLab reads")},
            {write(QStringLiteral("lab.reglab"), unknownLab), QStringLiteral("unknown lab")},
            {write(QStringLiteral("value.reglab"), badValue), QStringLiteral("'lr' must be")},
            {write(QStringLiteral("name.reglab"), hostileName), QStringLiteral("plain file name")},
            {fifo, QStringLiteral("not a regular file")},
            {huge, QStringLiteral("larger than")},
            {f.dir.filePath(QStringLiteral("missing.reglab")), QStringLiteral("does not exist")},
            {f.dir.path(), QStringLiteral("directory")},
        };
        QVERIFY(newer != text && unknownLab != text && badValue != text && hostileName != text);
        QSignalSpy started(w->session(), &TrainingSession::runStarted);
        for (const auto& [path, says] : cases) {
            const QString err = w->sessionFiles()->open(path);
            QVERIFY2(err.contains(says), qPrintable(path + ": " + err));
            QVERIFY2(!err.contains(QLatin1Char('\n')), qPrintable(err));
        }
        QTest::qWait(200);
        QCOMPARE(started.count(), 0);
        QCOMPARE(w->session()->stepCount(), int64_t(20));
        QCOMPARE(w->sessionFiles()->currentPath(), good);
    }

    void fileMenuComesFirst()
    {
        Fixture f;
        auto w = window(&f.settings);
        const auto menus = w->menuBar()->actions();
        QVERIFY(!menus.isEmpty());
        QCOMPARE(menus.front()->text(), QStringLiteral("&File"));
        QCOMPARE(w->sessionFiles()->saveAction()->shortcut(), QKeySequence(QKeySequence::Save));
        // Export all and the window screenshot are in it too.
        auto* shot = w->findChild<QAction*>(QStringLiteral("windowScreenshotAction"));
        QVERIFY(shot && w->sessionFiles()->menu()->actions().contains(shot));
        QCOMPARE(shot->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    }
};

QTEST_MAIN(TestSessionFiles)
#include "tst_sessionfiles.moc"
