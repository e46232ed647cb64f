// The reglab executable, black-box (DESIGN section 7): list, describe, run, shot, the
// files `run --out` writes, determinism across runs and thread counts, and that every
// kind of bad input exits 2 with one line on stderr and writes nothing.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "CliRun.h"

using namespace clirun;

namespace {

// The params the classify lab is specified to have (the lead's list).
const QStringList kClassifyParams = {"dataset",      "noise",         "train_fraction", "hidden_layers",
                                     "width",        "activation",    "optimizer",      "lr",
                                     "batch_size",   "l1",            "l2",             "weight_decay",
                                     "decay_biases", "dropout",       "early_stopping", "patience",
                                     "eval_every"};
const QStringList kClassifyMetrics = {"train_loss", "val_loss", "train_acc", "val_acc"};

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void help()
    {
        const Result r = reglab({"--help"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("reglab run LAB"));
        QVERIFY(r.err.isEmpty());
    }

    void list()
    {
        const Result r = reglab({"list"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QRegularExpression("^  classify\\s+\\S", QRegularExpression::MultilineOption)),
                 qPrintable(r.out));
        QVERIFY(r.out.contains("Lessons:"));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    }

    void describe()
    {
        // No display needed: force a platform that would fail if a GUI were created.
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "xcb");
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        p.setProcessEnvironment(env);
        p.start(REGLAB_EXE, {"describe", "classify"});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(p.readAllStandardOutput(), &pe);
        QVERIFY2(pe.error == QJsonParseError::NoError, qPrintable(pe.errorString()));
        const QJsonObject o = doc.object();
        QCOMPARE(o.value("id").toString(), QStringLiteral("classify"));
        QVERIFY(!o.value("title").toString().isEmpty());
        QStringList ids;
        for (const QJsonValue& v : o.value("params").toArray()) {
            const QJsonObject param = v.toObject();
            ids << param.value("id").toString();
            for (const char* key : {"label", "type", "default", "default_text", "live", "group", "tooltip"})
                QVERIFY2(param.contains(key), qPrintable(param.value("id").toString() + " lacks " + key));
            const QString type = param.value("type").toString();
            if (type == "float" || type == "int")
                QVERIFY(param.value("min").toDouble() <= param.value("max").toDouble());
            if (type == "choice")
                QVERIFY(param.value("choices").toArray().contains(param.value("default")));
        }
        for (const QString& id : kClassifyParams)
            QVERIFY2(ids.contains(id), qPrintable("describe lacks param " + id));
        QStringList metricIds;
        for (const QJsonValue& v : o.value("metrics").toArray())
            metricIds << v.toObject().value("id").toString();
        for (const QString& id : kClassifyMetrics)
            QVERIFY2(metricIds.contains(id), qPrintable("describe lacks metric " + id));
    }

    void runWritesEveryFile()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.path() + "/out/run1"; // the parent "out" does not exist yet
        const Result r = reglab({"run", "classify", "--steps", "300", "--seed", "3", "--set", "hidden_layers=1",
                                 "--set", "width=7", "--at", "100:l2=0.001", "--out", dir, "--format", "png,svg"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("300 steps"));

        for (const char* f : {"metrics.csv", "summary.json", "session.json", "data/train.csv", "data/val.csv",
                              "model/layer0.weight.npy", "model/layer0.bias.npy"})
            QVERIFY2(QFileInfo(dir + "/" + f).size() > 0, f);
        // No temp folder is left next to the result.
        QCOMPARE(listTree(tmp.path() + "/out"), listTree(tmp.path() + "/out").filter(QRegularExpression("^run1")));

        const QByteArray csv = readAll(dir + "/metrics.csv");
        const QList<QByteArray> header = csv.left(csv.indexOf('\n')).split(',');
        QCOMPARE(header.front(), QByteArray("step"));
        for (const QString& m : kClassifyMetrics)
            QVERIFY2(header.contains(m.toUtf8()), qPrintable("metrics.csv lacks column " + m));
        const QList<QByteArray> lines = csv.trimmed().split('\n');
        QVERIFY(lines.size() >= 3);
        QCOMPARE(lines[1].split(',').front(), QByteArray("0")); // the untrained net first
        QCOMPARE(lines.back().split(',').front(), QByteArray("300"));
        for (const QByteArray& line : lines)
            QCOMPARE(line.split(',').size(), header.size());

        QString err;
        const QJsonObject summary = readJson(dir + "/summary.json", &err);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(summary.value("lab").toString(), QStringLiteral("classify"));
        QCOMPARE(summary.value("seed").toInt(), 3);
        QCOMPARE(summary.value("steps").toInt(), 300);
        QCOMPARE(summary.value("diverged").toBool(true), false);
        const QJsonObject valAcc = summary.value("metrics").toObject().value("val_acc").toObject();
        QVERIFY(valAcc.value("best").toDouble() >= valAcc.value("final").toDouble());
        bool ok = false;
        QCOMPARE(valAcc.value("final").toDouble(), lastValue(csv, "val_acc", &ok));
        QVERIFY(ok);

        const QJsonObject session = readJson(dir + "/session.json", &err);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(session.value("version").toInt(), 3);
        QVERIFY(!session.contains("state")); // only with --keep-state
        QCOMPARE(session.value("lab").toString(), QStringLiteral("classify"));
        QCOMPARE(session.value("params").toObject().value("width").toString(), QStringLiteral("7"));
        for (const QString& id : kClassifyParams)
            QVERIFY2(session.value("params").toObject().contains(id), qPrintable("session lacks " + id));
        const QJsonArray events = session.value("events").toArray();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].toObject().value("step").toInt(), 100);
        QCOMPARE(events[0].toObject().value("param").toString(), QStringLiteral("l2"));
        QCOMPARE(events[0].toObject().value("new").toString(), QStringLiteral("0.001"));

        const QByteArray train = readAll(dir + "/data/train.csv");
        QVERIFY(train.startsWith("x0,x1,label\n") || train.contains(",label\n"));
        QVERIFY(train.count('\n') > 10);

        // One image per chart, in each requested format.
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        QVERIFY(!QDir(dir).entryList({"*.png"}).isEmpty());
        QVERIFY(!QDir(dir).entryList({"*.svg"}).isEmpty());

        // The .npy files load in NumPy with the shapes the lab uses.
        const QString python = pythonWithNumpy();
        QVERIFY2(!python.isEmpty(), "python3 with numpy is needed here (scripts/test.sh installs python3-numpy)");
        const QString script = QStringLiteral(
            "import glob, os, sys, numpy as np\n"
            "d = sys.argv[1]\n"
            "for f in sorted(glob.glob(os.path.join(d, 'model', '*.npy'))):\n"
            "    a = np.load(f)\n"
            "    assert a.dtype == np.float32, (f, a.dtype)\n"
            "    assert a.flags['C_CONTIGUOUS']\n"
            "    assert np.isfinite(a).all(), f\n"
            "    print(os.path.basename(f), a.shape)\n");
        QProcess p;
        p.start(python, {"-c", script, dir});
        QVERIFY(p.waitForFinished(60000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(p.exitCode() == 0, qPrintable(QString::fromUtf8(p.readAllStandardError())));
        QVERIFY2(out.contains("layer0.weight.npy (2, 7)"), qPrintable(out));
        QVERIFY2(out.contains("layer0.bias.npy (7,)"), qPrintable(out));
        QVERIFY2(out.contains("layer1.weight.npy (7, "), qPrintable(out));
    }

    void sameSeedSameNumbers()
    {
        QTemporaryDir tmp;
        const QStringList base = {"run", "classify", "--steps", "400", "--seed", "11", "--set", "dropout=0.2",
                                  "--at", "200:lr=0.003"};
        QVERIFY(reglab(base + QStringList{"--out", tmp.path() + "/a"}).code == 0);
        QVERIFY(reglab(base + QStringList{"--out", tmp.path() + "/b"}).code == 0);
        const QByteArray a = readAll(tmp.path() + "/a/metrics.csv");
        QVERIFY(a.count('\n') > 3);
        QCOMPARE(readAll(tmp.path() + "/b/metrics.csv"), a);
        QCOMPARE(readAll(tmp.path() + "/b/model/layer0.weight.npy"), readAll(tmp.path() + "/a/model/layer0.weight.npy"));
        // And the seed matters.
        QVERIFY(reglab({"run", "classify", "--steps", "400", "--seed", "12", "--set", "dropout=0.2", "--at",
                        "200:lr=0.003", "--out", tmp.path() + "/c"})
                    .code == 0);
        QVERIFY(readAll(tmp.path() + "/c/metrics.csv") != a);
    }

    void threadCountDoesNotChangeNumbers()
    {
        QTemporaryDir tmp;
        // Digits with a wide layer: big enough that the parallel loops really split the work.
        const QStringList base = {"run",     "classify",     "--steps", "300", "--seed", "5", "--set",
                                  "dataset=digits", "--set", "width=128", "--set", "dropout=0.1"};
        QVERIFY(reglab(base + QStringList{"--threads", "1", "--out", tmp.path() + "/t1"}).code == 0);
        QVERIFY(reglab(base + QStringList{"--threads", "2", "--out", tmp.path() + "/t2"}).code == 0);
        const QByteArray one = readAll(tmp.path() + "/t1/metrics.csv");
        QVERIFY(one.count('\n') > 3);
        QCOMPARE(readAll(tmp.path() + "/t2/metrics.csv"), one);
    }

    void divergingRunSaysSo()
    {
        QTemporaryDir tmp;
        const Result r = reglab({"run", "classify", "--set", "optimizer=sgd", "--set", "lr=10", "--set",
                                 "momentum=0.99", "--set", "activation=relu", "--set", "hidden_layers=4", "--set",
                                 "width=128", "--steps", "500", "--out", tmp.path() + "/d"});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(QRegularExpression("^reglab: training diverged: .*(NaN|infinite) at step \\d+\n",
                                                   QRegularExpression::MultilineOption)),
                 qPrintable(r.err));
        QVERIFY(r.out.contains("diverged"));
        // The run up to the divergence is still written, and says how it ended.
        QString err;
        const QJsonObject summary = readJson(tmp.path() + "/d/summary.json", &err);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY(summary.value("diverged").toBool());
        QVERIFY(summary.value("steps").toInt() < 500);
        QVERIFY(summary.value("diverged_what").toString().contains("step"));
        QVERIFY(QFileInfo::exists(tmp.path() + "/d/metrics.csv"));
    }

    void exportedDataReadsBack()
    {
        // data/train.csv is in the data module's CSV format: a run can train on it.
        QTemporaryDir tmp;
        QVERIFY(reglab({"run", "classify", "--set", "dataset=moons", "--steps", "20", "--out", tmp.path() + "/a"}).code == 0);
        const Result r = reglab({"run", "classify", "--set", "dataset=csv", "--set",
                                 "csv_file=" + tmp.path() + "/a/data/train.csv", "--steps", "20", "--out", tmp.path() + "/b"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QString err;
        const QJsonObject session = readJson(tmp.path() + "/b/session.json", &err);
        QCOMPARE(session.value("params").toObject().value("csv_file").toString(), tmp.path() + "/a/data/train.csv");
        // A CSV that does not exist is bad input, refused before training.
        const Result bad = reglab({"run", "classify", "--set", "dataset=csv", "--set", "csv_file=" + tmp.path() + "/none.csv",
                                   "--out", tmp.path() + "/c"});
        QCOMPARE(bad.code, 2);
        QCOMPARE(bad.err.count('\n'), 1);
        QVERIFY(!QFileInfo::exists(tmp.path() + "/c"));
        // dataset=csv without a file: the lab refuses to reset; still one line and exit 2.
        const Result none = reglab({"run", "classify", "--set", "dataset=csv", "--out", tmp.path() + "/c"});
        QCOMPARE(none.code, 2);
        QCOMPARE(none.err.count('\n'), 1);
        QVERIFY(!QFileInfo::exists(tmp.path() + "/c"));
    }

    void spiralIsLearned()
    {
        QTemporaryDir tmp;
        const Result r =
            reglab({"run", "classify", "--set", "dataset=spiral", "--steps", "5000", "--out", tmp.path() + "/s"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        bool ok = false;
        const double acc = lastValue(readAll(tmp.path() + "/s/metrics.csv"), "val_acc", &ok);
        QVERIFY(ok);
        QVERIFY2(acc > 0.9, qPrintable(QString("val_acc after 5000 steps: %1").arg(acc)));
    }

    void regressionRunWritesItsMetrics()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.path() + "/r";
        const Result r = reglab({"run", "classify", "--set", "dataset=reg-plane", "--steps", "1000", "--out", dir});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QByteArray csv = readAll(dir + "/metrics.csv");
        const QList<QByteArray> header = csv.left(csv.indexOf('\n')).split(',');
        QVERIFY(header.contains("val_loss") && header.contains("noisy_val_loss") && !header.contains("val_acc"));
        bool ok = false;
        const double first = csv.split('\n')[1].split(',')[header.indexOf("val_loss")].toDouble();
        const double last = lastValue(csv, "val_loss", &ok);
        QVERIFY(ok);
        QVERIFY2(last < 0.1 * first, qPrintable(QString("val_loss %1 -> %2").arg(first).arg(last)));
        // The data with its targets, as the other data sets are written.
        QVERIFY(readAll(dir + "/data/val.csv").startsWith("x1,x2,target\n"));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        const QString out = "bad"; // relative to the test folder
        auto row = [](const char* name, const QStringList& a) { QTest::newRow(name) << a; };
        row("unknown verb", {"frobnicate"});
        row("no verb, only an option", {"--steps", "5"});
        row("unknown lab", {"run", "nolab", "--out", out});
        row("describe unknown lab", {"describe", "nolab"});
        row("unknown param", {"run", "classify", "--set", "nosuch=1", "--out", out});
        row("value out of range", {"run", "classify", "--set", "lr=1e9", "--out", out});
        row("value not a number", {"run", "classify", "--set", "lr=fast", "--out", out});
        row("bad choice", {"run", "classify", "--set", "dataset=nonsense", "--out", out});
        row("set without =", {"run", "classify", "--set", "lr", "--out", out});
        row("set without name", {"run", "classify", "--set", "=0.1", "--out", out});
        row("at without step", {"run", "classify", "--at", "lr=0.01", "--out", out});
        row("at without =", {"run", "classify", "--at", "5:lr", "--out", out});
        row("at negative step", {"run", "classify", "--at", "-5:lr=0.01", "--out", out});
        row("at fractional step", {"run", "classify", "--at", "2.5:lr=0.01", "--out", out});
        row("at step = steps", {"run", "classify", "--steps", "10", "--at", "10:lr=0.01", "--out", out});
        row("at step beyond", {"run", "classify", "--steps", "10", "--at", "500:lr=0.01", "--out", out});
        row("at non-live param", {"run", "classify", "--at", "5:dataset=xor", "--out", out});
        row("at unknown param", {"run", "classify", "--at", "5:nosuch=1", "--out", out});
        row("at bad value", {"run", "classify", "--at", "5:lr=-3", "--out", out});
        row("steps negative", {"run", "classify", "--steps", "-5", "--out", out});
        row("steps not integer", {"run", "classify", "--steps", "1.5", "--out", out});
        row("steps text", {"run", "classify", "--steps", "many", "--out", out});
        row("steps missing value", {"run", "classify", "--out", out, "--steps"});
        row("seed text", {"run", "classify", "--seed", "abc", "--out", out});
        row("threads zero", {"run", "classify", "--threads", "0", "--out", out});
        row("unknown option", {"run", "classify", "--bogus", "--out", out});
        row("unknown format", {"run", "classify", "--format", "gif", "--out", out});
        row("format without out", {"run", "classify", "--format", "png"});
        row("option of another verb", {"list", "--steps", "5"});
        row("extra argument", {"run", "classify", "extra", "--out", out});
        row("out under a file", {"run", "classify", "--steps", "5", "--out", "afile/sub"});
        row("out is a file", {"run", "classify", "--steps", "5", "--out", "afile"});
        row("out in /proc", {"run", "classify", "--steps", "5", "--out", "/proc/reglab-cli-test/run"});
        row("out not empty", {"run", "classify", "--steps", "5", "--out", "full"});
        row("shot not png", {"shot", "classify", "--steps", "5", "--out", "shot.jpg"});
        row("shot unknown param", {"shot", "classify", "--set", "nosuch=1", "--out", "shot.png"});
        row("shot into missing folder", {"shot", "classify", "--steps", "5", "--out", "nodir/shot.png"});
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QTemporaryDir tmp;
        // Fixtures some rows aim at: a plain file and a non-empty folder.
        QFile f(tmp.path() + "/afile");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("keep");
        f.close();
        QVERIFY(QDir(tmp.path()).mkdir("full"));
        QFile g(tmp.path() + "/full/old.txt");
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.close();
        const QStringList before = listTree(tmp.path());

        const Result r = reglab(args, tmp.path());
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.startsWith("reglab: "), qPrintable(r.err));
        QVERIFY2(r.err.endsWith('\n') && r.err.count('\n') == 1, qPrintable(r.err));
        QVERIFY2(r.err.size() > 20, qPrintable(r.err)); // says what is wrong
        QVERIFY2(!r.out.contains("step"), qPrintable(r.out)); // nothing trained
        QCOMPARE(listTree(tmp.path()), before);                // nothing written
        QCOMPARE(readAll(tmp.path() + "/afile"), QByteArray("keep"));
        QVERIFY(!QFileInfo::exists("/proc/reglab-cli-test"));
    }

    void diagnosticsNameTheProblem()
    {
        QCOMPARE(reglab({"run", "classify", "--set", "nosuch=1"}).err,
                 QStringLiteral("reglab: --set nosuch=1: unknown parameter 'nosuch' for lab 'classify' "
                                "(see: reglab describe classify)\n"));
        QVERIFY(reglab({"run", "classify", "--steps", "10", "--at", "10:lr=0.01"}).err.contains("step 10 is not inside the run"));
        QVERIFY(reglab({"run", "classify", "--at", "5:dataset=xor"}).err.contains("cannot change during a run"));
        QVERIFY(reglab({"run", "nolab"}).err.contains("unknown lab 'nolab' (available: "));
    }

    void windowWithoutADisplaySaysSoInOneLine()
    {
        // No display at all, and a display that cannot be reached: one line that says what
        // to do instead, never Qt's multi-line plugin report and an abort.
        for (const QString& display : {QString(), QStringLiteral(":987")}) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.remove(QStringLiteral("QT_QPA_PLATFORM"));
            env.remove(QStringLiteral("WAYLAND_DISPLAY"));
            env.remove(QStringLiteral("DISPLAY"));
            if (!display.isEmpty())
                env.insert(QStringLiteral("DISPLAY"), display);
            const Result r = reglab({}, {}, 60000, env);
            QCOMPARE(r.code, 1);
            QVERIFY2(r.err.startsWith("reglab: ") && r.err.count('\n') == 1, qPrintable(r.err));
            QVERIFY2(r.err.contains("display") && r.err.contains("reglab shot"), qPrintable(r.err));
        }
    }

    void shot()
    {
        QTemporaryDir tmp;
        const Result r = reglab({"shot", "classify", "--steps", "50", "--out", "w.png"}, tmp.path());
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(readAll(tmp.path() + "/w.png").startsWith("\x89PNG"));
        QCOMPARE(listTree(tmp.path()), QStringList{"w.png"});
        // A lesson (played in the window, with its twin) and a run with a twin.
        const Result l = reglab({"shot", "L2", "--steps", "200", "--seed", "9", "--out", "l2.png"}, tmp.path());
        QVERIFY2(l.code == 0, qPrintable(l.err));
        QVERIFY(readAll(tmp.path() + "/l2.png").startsWith("\x89PNG"));
        const Result t = reglab({"shot", "classify", "--steps", "50", "--twin", "dropout=0.3", "--out", "t.png"}, tmp.path());
        QVERIFY2(t.code == 0, qPrintable(t.err));
        QCOMPARE(listTree(tmp.path()), (QStringList{"l2.png", "t.png", "w.png"}));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
