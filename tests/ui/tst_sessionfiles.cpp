// File > Save / Open of a .reglab session in the real window: a run with drawn data, a
// live change and a twin is saved; opened in a fresh window it replays to the same step
// (or, saved with its training state, is put back there without a step run) with the same
// params and curves, and the next steps give exactly the metrics of the run that was
// saved and went on. A broken, truncated, hostile or newer-version file is refused in one
// sentence and the open run is left as it was.
#include "SettingsFixture.h"
#include "MainWindow.h"
#include "labs/LabRegistry.h"
#include "run/Session.h"
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
    void saveOpenContinuesIdentically_data()
    {
        QTest::addColumn<bool>("keepState");
        QTest::newRow("replayed") << false;
        QTest::newRow("training state kept") << true;
    }
    void saveOpenContinuesIdentically()
    {
        QFETCH(bool, keepState);
        Fixture f;
        auto a = window(&f.settings);
        QVERIFY(QTest::qWaitForWindowExposed(a.get()));
        a->sessionFiles()->keepStateAction()->setChecked(keepState);
        TrainingSession* s = a->session();
        std::vector<reglab::MetricRow> saved; // every row the run logged before the save
        auto keep = QObject::connect(s, &TrainingSession::metricsArrived, [&](const MetricBatch& b) {
            saved.insert(saved.end(), b.rows.begin(), b.rows.end());
        });
        QVERIFY(s->set("dataset", reglab::ParamValue::ofChoice("drawn")).isEmpty());
        QVERIFY(s->set("drawn_points", reglab::ParamValue::ofChoice(kPoints)).isEmpty());
        QVERIFY(s->set("eval_every", reglab::ParamValue::ofNumber(5)).isEmpty());
        s->reset(7);
        s->setTwin({{"dropout", "0.3"}});
        QTRY_VERIFY(s->lab().hasTwin());
        saved.clear();
        s->step(100);
        QTRY_COMPARE(s->stepCount(), int64_t(100));
        QVERIFY(s->set("l2", reglab::ParamValue::ofNumber(0.01)).isEmpty()); // a live change, logged
        s->step(100);
        QTRY_COMPARE(s->stepCount(), int64_t(200));

        const QString path = f.dir.filePath(QStringLiteral("run.reglab"));
        QCOMPARE(a->sessionFiles()->save(path), QString());
        QObject::disconnect(keep);
        QVERIFY(QFile::exists(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().contains("\"state\""), keepState);
        const int64_t at = 200;
        QCOMPARE(saved.back().step, at);
        QCOMPARE(a->sessionFiles()->recentFiles().front(), QFileInfo(path).absoluteFilePath());

        // The saved run goes on 60 steps...
        std::vector<reglab::MetricRow> expected, got;
        rowsAfter(*a, at, [&] { s->step(60); }, at + 60, expected);
        QVERIFY(!expected.empty());

        // ...and the opened one, from a window on another lab, gives the same rows.
        Fixture g;
        auto b = window(&g.settings);
        QVERIFY(QTest::qWaitForWindowExposed(b.get()));
        QVERIFY(b->session()->set("dataset", reglab::ParamValue::ofChoice("moons")).isEmpty());
        b->session()->reset(3);
        std::vector<reglab::MetricRow> shown;
        std::vector<int64_t> batchSteps;
        auto watch = QObject::connect(b->session(), &TrainingSession::metricsArrived, [&](const MetricBatch& m) {
            shown.insert(shown.end(), m.rows.begin(), m.rows.end());
            batchSteps.push_back(m.step);
        });
        QCOMPARE(b->sessionFiles()->open(path), QString());
        QTRY_VERIFY_WITH_TIMEOUT(b->session()->stepCount() == at && !b->session()->isPlaying(), 30000);
        QTest::qWait(200);
        QObject::disconnect(watch);
        QCOMPARE(b->session()->stepCount(), at); // paused where it was saved
        // The same curves; with the state kept, not one step was run to get them.
        QCOMPARE(shown.size(), saved.size());
        for (size_t i = 0; i < shown.size(); ++i)
            QCOMPARE(shown[i].step, saved[i].step);
        if (keepState)
            for (int64_t step : batchSteps)
                QCOMPARE(step, at);
        QCOMPARE(value(*b, "drawn_points"), std::string(kPoints));
        QCOMPARE(value(*b, "dataset"), std::string("drawn"));
        QVERIFY(b->session()->lab().hasTwin());
        QCOMPARE(b->session()->lab().seed, uint64_t(7));
        rowsAfter(*b, at, [&] { b->session()->step(60); }, at + 60, got);
        QCOMPARE(got.size(), expected.size());
        for (size_t i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].step, expected[i].step);
            QCOMPARE(got[i].values.size(), expected[i].values.size());
            for (size_t k = 0; k < got[i].values.size(); ++k)
                if (!(std::isnan(got[i].values[k]) && std::isnan(expected[i].values[k])))
                    QCOMPARE(got[i].values[k], expected[i].values[k]);
        }

        // Reset, both runs start from what the user asked, the live l2 change included,
        // the twin's as the main run's: the same rows again.
        std::vector<reglab::MetricRow> fresh, opened;
        s->reset(7);
        b->session()->reset(7);
        QTRY_VERIFY(s->stepCount() == 0 && b->session()->stepCount() == 0);
        rowsAfter(*a, 0, [&] { s->step(20); }, 20, fresh);
        rowsAfter(*b, 0, [&] { b->session()->step(20); }, 20, opened);
        QCOMPARE(opened.size(), fresh.size());
        for (size_t k = 0; k < fresh.back().values.size(); ++k)
            if (!(std::isnan(fresh.back().values[k]) && std::isnan(opened.back().values[k])))
                QCOMPARE(opened.back().values[k], fresh.back().values[k]);
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
        newer.replace("\"version\": " + QByteArray::number(reglab::Session::kFormatVersion), "\"version\": 99");
        QByteArray unknownLab = text;
        unknownLab.replace("\"lab\": \"classify\"", "\"lab\": \"nope\"");
        QByteArray badValue = text;
        badValue.replace("\"lr\": \"0.01\"", "\"lr\": \"-5\"");
        QByteArray hostileName = text;
        hostileName.replace("\"events\"", "\"files\": [{\"param\": \"csv_file\", \"name\": \"../../x\", \"text\": \"\"}], \"events\"");
        // A session with its training state whose state is damaged.
        const QString withState = f.dir.filePath(QStringLiteral("state.reglab"));
        w->sessionFiles()->keepStateAction()->setChecked(true);
        QCOMPARE(w->sessionFiles()->save(withState), QString());
        w->sessionFiles()->keepStateAction()->setChecked(false);
        QFile sf(withState);
        QVERIFY(sf.open(QIODevice::ReadOnly));
        const QByteArray stateText = sf.readAll();
        const int mainAt = stateText.indexOf("\"main\": \"") + 9;
        const int mainEnd = stateText.indexOf('"', mainAt);
        QVERIFY(mainAt > 9 && mainEnd > mainAt);
        QByteArray notBase64 = stateText, cutState = stateText, otherMetrics = stateText;
        notBase64.replace(mainAt, 4, "%%%%");
        cutState.replace(mainAt, mainEnd - mainAt, stateText.mid(mainAt, (mainEnd - mainAt) / 8 * 4));
        otherMetrics.replace("step,train_loss", "step,nonsense");
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
            {write(QStringLiteral("b64.reglab"), notBase64), QStringLiteral("not valid base64")},
            {write(QStringLiteral("cut.reglab"), cutState), QStringLiteral("does not fit this run")},
            {write(QStringLiteral("metrics.reglab"), otherMetrics), QStringLiteral("not this lab's metrics")},
            {fifo, QStringLiteral("not a regular file")},
            {huge, QStringLiteral("larger than")},
            {f.dir.filePath(QStringLiteral("missing.reglab")), QStringLiteral("does not exist")},
            {f.dir.path(), QStringLiteral("directory")},
        };
        QVERIFY(newer != text && unknownLab != text && badValue != text && hostileName != text);
        QVERIFY(notBase64 != stateText && cutState != stateText && otherMetrics != stateText);
        QSignalSpy started(w->session(), &TrainingSession::runStarted);
        for (const auto& [path, says] : cases) {
            const QString err = w->sessionFiles()->open(path);
            QVERIFY2(err.contains(says), qPrintable(path + ": " + err));
            QVERIFY2(!err.contains(QLatin1Char('\n')), qPrintable(err));
        }
        QTest::qWait(200);
        QCOMPARE(started.count(), 0);
        QCOMPARE(w->session()->stepCount(), int64_t(20));
        QCOMPARE(w->sessionFiles()->currentPath(), withState); // the last one saved
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
