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
