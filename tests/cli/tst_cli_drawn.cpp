// `reglab run gan --set target=drawn --set target_file=pts.csv`: the gan lab trains on a CSV
// of points from the command line; a missing or hostile file, or none, gives one clear line
// on stderr, exit 2, and nothing written.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "CliRun.h"
#include "TempFile.h"

#include <cmath>

using namespace clirun;
using tempfile::writeFile;

class TestCliDrawn : public QObject {
    Q_OBJECT
private slots:
    void aCsvOfPointsIsATarget()
    {
        QTemporaryDir tmp;
        QByteArray csv = "x,y\r\n";
        for (int i = 0; i < 24; ++i)
            csv += QByteArray::number(std::cos(i * M_PI / 12)) + "," + QByteArray::number(std::sin(i * M_PI / 12)) + "\r\n";
        writeFile(tmp, "pts.csv", csv);
        // A path relative to the working directory, as typed.
        const Result r = reglab({"run", "gan", "--set", "target=drawn", "--set", "target_file=pts.csv", "--set",
                                 "eval_every=10", "--steps", "60", "--out", "out"},
                                tmp.path());
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QByteArray metrics = readAll(tmp.path() + "/out/metrics.csv");
        const QList<QByteArray> header = metrics.left(metrics.indexOf('\n')).split(',');
        QVERIFY2(header.contains("swd") && header.contains("d_loss") && !header.contains("modes_covered"),
                 metrics.left(200).constData());
        bool ok = false;
        QVERIFY(std::isfinite(lastValue(metrics, "swd", &ok)) && ok);
        QString err;
        const QJsonObject params = readJson(tmp.path() + "/out/session.json", &err).value("params").toObject();
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(params.value("target").toString(), QStringLiteral("drawn"));
        QCOMPARE(params.value("target_file").toString(), QStringLiteral("pts.csv"));
    }

    void badTargetFilesAreRefusedInOneLine()
    {
        QTemporaryDir tmp;
        const QString fifo = tempfile::makeFifo(tmp, "pipe.csv");
        const QString sparse = tempfile::writeSparseFile(tmp, "sparse.csv", "1,2\n", qint64(17) << 20);
        struct Case {
            QString file, expect;
        };
        for (const Case& c : {Case{tmp.filePath("none.csv"), "does not exist"}, Case{fifo, "not a regular file"},
                              Case{"/dev/zero", "not a regular file"}, Case{tmp.path(), "directory"},
                              Case{sparse, "16 MB"}, Case{writeFile(tmp, "empty.csv", ""), "is empty"},
                              Case{writeFile(tmp, "nan.csv", "x,y\n1,2\nnan,3\n"), "line 3"},
                              Case{writeFile(tmp, "wide.csv", "1,2,3,4\n"), "4 columns"},
                              Case{writeFile(tmp, "text.csv", "1,2\n3,\x01\n"), "\\x01"}})
            expectRefused({"run", "gan", "--set", "target=drawn", "--set", "target_file=" + c.file}, tmp.path() + "/out",
                          c.expect);
        // target=drawn without a file: the lab refuses to reset, in one line.
        expectRefused({"run", "gan", "--set", "target=drawn"}, tmp.path() + "/out", "target_file");
    }
};

QTEST_GUILESS_MAIN(TestCliDrawn)
#include "tst_cli_drawn.moc"
