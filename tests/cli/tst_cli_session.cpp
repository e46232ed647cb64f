// `reglab run FILE.reglab --steps N` continues a saved session headless: replayed to its
// last step, then N more, its metrics.csv is the uninterrupted run's row for row; a CSV
// data file the session embeds is used when the original is gone; bad session files are
// refused in one line with nothing written.
#include "CliRun.h"

#include <QTemporaryDir>

using namespace clirun;

class TestCliSession : public QObject {
    Q_OBJECT
private slots:
    void continuesLikeTheUninterruptedRun()
    {
        QTemporaryDir tmp;
        const QString csv = tmp.filePath(QStringLiteral("data.csv"));
        {
            QFile f(csv);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray rows = "a,b,label\n";
            for (int i = 0; i < 80; ++i)
                rows += QByteArray::number((i % 9) * 0.25 - 1) + "," + QByteArray::number((i % 7) * 0.3 - 0.9) + ","
                    + QByteArray::number((i % 9) * 0.25 - 1 + (i % 7) * 0.3 - 0.9 > 0 ? 1 : 0) + "\n";
            f.write(rows);
        }
        const QStringList common = {"--set", "dataset=csv", "--set", "csv_file=" + csv, "--set", "eval_every=10",
                                    "--at",  "150:l2=0.01", "--twin", "dropout=0.2", "--seed", "4"};
        Result r = reglab(QStringList{"run", "classify", "--steps", "200", "--out", tmp.filePath("first")} + common);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = reglab(QStringList{"run", "classify", "--steps", "300", "--out", tmp.filePath("whole")} + common);
        QVERIFY2(r.code == 0, qPrintable(r.err));

        // session.json of a run is a session: as FILE.reglab, with the CSV embedded by the GUI's
        // save; here the CSV stays where it was.
        const QString session = tmp.filePath(QStringLiteral("saved.reglab"));
        QVERIFY(QFile::copy(tmp.filePath("first/session.json"), session));
        r = reglab({"run", session, "--steps", "100", "--out", tmp.filePath("cont")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QByteArray whole = readAll(tmp.filePath("whole/metrics.csv"));
        QVERIFY(whole.count('\n') > 20);
        QCOMPARE(readAll(tmp.filePath("cont/metrics.csv")), whole);
    }

    // --keep-state: session.json keeps the training state, and running it goes on from it,
    // not from a replay. Proof: its params are edited (a live one, with no event) so a
    // replay would differ; the state's own values decide, and the rows are the whole run's.
    void keptStateContinuesWithoutReplay_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("classify, twin") << QStringList{"classify", "--set", "eval_every=10", "--set", "dropout=0.1",
                                                       "--twin", "l2=0.01", "--seed", "5"};
        QTest::newRow("gan") << QStringList{"gan", "--set", "eval_every=20", "--set", "loss=non-saturating",
                                            "--set", "d_steps=1", "--seed", "2"};
    }
    void keptStateContinuesWithoutReplay()
    {
        QFETCH(QStringList, args);
        QTemporaryDir tmp;
        Result r = reglab(QStringList{"run"} + args + QStringList{"--steps", "200", "--keep-state", "--out", tmp.filePath("first")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = reglab(QStringList{"run"} + args + QStringList{"--steps", "300", "--out", tmp.filePath("whole")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QByteArray session = readAll(tmp.filePath("first/session.json"));
        QVERIFY(session.contains("\"state\""));
        // The run's session.json as it is: it goes on like the run that never stopped.
        r = reglab({"run", tmp.filePath("first/session.json"), "--steps", "100", "--out", tmp.filePath("direct")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(readAll(tmp.filePath("direct/metrics.csv")), readAll(tmp.filePath("whole/metrics.csv")));
        // A live param that no step-0 metric shows (classify logs its learning rate).
        const QByteArray lrKey = args.first() == "gan" ? "\"lr_g\": \"" : "\"dropout\": \"";
        const int at = session.indexOf(lrKey) + lrKey.size();
        QVERIFY(at > lrKey.size());
        session.replace(at, session.indexOf('"', at) - at, "0.5"); // a replay would train with 0.5
        const QString edited = tmp.filePath(QStringLiteral("edited.reglab"));
        {
            QFile f(edited);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(session);
        }
        r = reglab({"run", edited, "--steps", "100", "--out", tmp.filePath("cont")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QByteArray whole = readAll(tmp.filePath("whole/metrics.csv"));
        QVERIFY(whole.count('\n') > 10);
        QCOMPARE(readAll(tmp.filePath("cont/metrics.csv")), whole);
        // A replay of the same file (--seed given: another run) does differ.
        r = reglab({"run", edited, "--steps", "100", "--seed", args.last(), "--out", tmp.filePath("replay")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(readAll(tmp.filePath("replay/metrics.csv")) != whole);
        const Result noOut = reglab({"run", "classify", "--keep-state"});
        expectOneLine(noOut, 2);
        QVERIFY(noOut.err.contains("--keep-state needs --out"));
    }

    void badSessionsAreRefused()
    {
        QTemporaryDir tmp;
        auto write = [&](const QString& name, const QByteArray& text) {
            QFile f(tmp.filePath(name));
            f.open(QIODevice::WriteOnly);
            f.write(text);
            return tmp.filePath(name);
        };
        expectRefused({"run", write("t.reglab", "{\"version\": 2, \"lab\": \"classify\", \"se")}, tmp.filePath("o1"),
                      "not valid JSON");
        expectRefused({"run", write("n.reglab", "{\"version\": 9, \"lab\": \"classify\", \"seed\": 1, \"steps\": 1}")},
                      tmp.filePath("o2"), "newer than this RegLab reads");
        expectRefused({"run", tmp.filePath("missing.reglab")}, tmp.filePath("o3"), "does not exist");
    }
};

QTEST_GUILESS_MAIN(TestCliSession)
#include "tst_cli_session.moc"
