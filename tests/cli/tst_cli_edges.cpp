// The reglab executable at the edges a new user found: hostile values and files give one
// clear line and write nothing; --steps 0; a diverged run exports finite weights and both
// run and shot say it diverged; early stopping's final values describe the exported model.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "CliRun.h"
#include "TempFile.h"

#include <sys/stat.h>
#include <unistd.h>

using namespace clirun;
using tempfile::writeFile;

namespace {
// Every float of a .npy file (dtype <f4) is finite.
bool npyAllFinite(const QString& path, int* count)
{
    const QByteArray bytes = readAll(path);
    *count = 0;
    if (bytes.size() < 10 || !bytes.startsWith("\x93NUMPY"))
        return false;
    const int headerLen = quint8(bytes[8]) | (quint8(bytes[9]) << 8);
    const qsizetype start = 10 + headerLen;
    for (qsizetype i = start; i + 4 <= bytes.size(); i += 4) {
        float v;
        std::memcpy(&v, bytes.constData() + i, 4);
        ++*count;
        if (!std::isfinite(v))
            return false;
    }
    return *count > 0;
}

} // namespace

class TestCliEdges : public QObject {
    Q_OBJECT
private slots:
    void hostileValuesStayOneShortLine()
    {
        QTemporaryDir tmp;
        // A newline inside a value, and a value of 100,000 characters (echoed once, short).
        const Result nl = reglab({"run", "classify", "--set", "lr=0.1\nsecond line", "--out", tmp.path() + "/a"});
        expectOneLine(nl, 2);
        QVERIFY2(nl.err.contains("\\n"), qPrintable(nl.err));
        const QString huge(100000, QLatin1Char('7'));
        const Result big = reglab({"run", "classify", "--set", "dataset=" + huge, "--out", tmp.path() + "/b"});
        expectOneLine(big, 2);
        QVERIFY2(big.err.size() < 600, qPrintable(QString::number(big.err.size())));
        QVERIFY(big.err.contains("100000 characters"));
        const Result param = reglab({"run", "classify", "--set", huge + "=1", "--out", tmp.path() + "/c"});
        expectOneLine(param, 2);
        QVERIFY(param.err.size() < 600);
        const Result tab = reglab({"run", "classify", "--at", "5:lr=\t\x01", "--out", tmp.path() + "/d"});
        expectOneLine(tab, 2);
        QVERIFY2(tab.err.contains("\\t") && tab.err.contains("\\x01"), qPrintable(tab.err));
        QVERIFY(listTree(tmp.path()).isEmpty());
    }

    void hostileDataFilesAreRefusedAtOnce()
    {
        QTemporaryDir tmp;
        const QString fifo = tempfile::makeFifo(tmp, "pipe.csv");
        const QString sparse = tempfile::writeSparseFile(tmp, "sparse.csv", "1,2,0\n", qint64(300) << 20);
        const QString wide = writeFile(tmp, "wide.csv", QByteArray(20000, '0').replace("0", "0,") + "1\n");
        struct Case {
            QString file, expect;
        };
        for (const Case& c : {Case{fifo, "not a regular file"}, Case{"/dev/zero", "not a regular file"},
                              Case{sparse, "256 MB"}, Case{tmp.path(), "directory"}, Case{wide, "feature columns"}})
            expectRefused({"run", "classify", "--set", "dataset=csv", "--set", "csv_file=" + c.file},
                          tmp.path() + "/out", c.expect);
    }

    void extremeFeatureValuesDrawWithoutCrashing()
    {
        // Features spanning +-2e38 once overflowed the decision grid's float bounds and
        // segfaulted in the heatmap's drawImage.
        QTemporaryDir tmp;
        const QString csv = writeFile(tmp, "huge.csv", "0,0,0\n2e38,2e38,1\n-2e38,-2e38,0\n1,1,1\n");
        const Result r = reglab({"shot", "classify", "--set", "dataset=csv", "--set", "csv_file=" + csv, "--steps",
                                 "20", "--out", tmp.path() + "/h.png"});
        QVERIFY2(r.code == 0 || r.code == 3, qPrintable(QString::number(r.code) + " " + r.err));
        QVERIFY(readAll(tmp.path() + "/h.png").startsWith("\x89PNG"));
    }

    void zeroStepsWritesTheUntrainedModelAndItsMetrics()
    {
        QTemporaryDir tmp;
        const Result r = reglab({"run", "classify", "--steps", "0", "--out", tmp.path() + "/z"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QList<QByteArray> lines = readAll(tmp.path() + "/z/metrics.csv").trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[1].startsWith("0,"));
        int n = 0;
        QVERIFY(npyAllFinite(tmp.path() + "/z/model/layer0.weight.npy", &n));
        QString err;
        QCOMPARE(readJson(tmp.path() + "/z/summary.json", &err).value("steps").toInt(), 0);
    }

    void divergedRunsExportFiniteWeightsAndExit3()
    {
        QTemporaryDir tmp;
        const QStringList diverge = {"--set", "optimizer=sgd", "--set", "lr=10", "--set", "momentum=0.99", "--set",
                                     "activation=relu", "--set", "hidden_layers=4", "--set", "width=128",
                                     "--steps", "3000"};
        const Result r = reglab(QStringList{"run", "classify"} + diverge + QStringList{"--out", tmp.path() + "/d"});
        QCOMPARE(r.code, 3);
        QString err;
        const QJsonObject s = readJson(tmp.path() + "/d/summary.json", &err);
        QVERIFY(s.value("diverged").toBool());
        const QJsonObject model = s.value("model").toObject();
        QVERIFY2(model.contains("step") && model.value("step").toInt() < s.value("steps").toInt(),
                 qPrintable(QJsonDocument(s).toJson()));
        for (const QString& f : QDir(tmp.path() + "/d/model").entryList({"*.npy"})) {
            int n = 0;
            QVERIFY2(npyAllFinite(tmp.path() + "/d/model/" + f, &n), qPrintable(f));
        }
        // shot agrees with run: a diverged run is not a success.
        const Result shot = reglab(QStringList{"shot", "classify"} + diverge + QStringList{"--out", tmp.path() + "/d.png"});
        QCOMPARE(shot.code, 3);
        QVERIFY(shot.err.contains("diverged"));
        QVERIFY(readAll(tmp.path() + "/d.png").startsWith("\x89PNG"));
    }

    void earlyStoppingFinalValuesDescribeTheExportedModel()
    {
        QTemporaryDir tmp;
        const Result r = reglab({"run", "classify", "--set", "noise=0.2", "--set", "num_points=300", "--set",
                                 "width=64", "--set", "early_stopping=true", "--set", "patience=40", "--set",
                                 "eval_every=20", "--steps", "30000", "--out", tmp.path() + "/e"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QString err;
        const QJsonObject s = readJson(tmp.path() + "/e/summary.json", &err);
        QVERIFY(s.value("stopped_early").toBool());
        const QJsonObject vl = s.value("metrics").toObject().value("val_loss").toObject();
        QCOMPARE(vl.value("final").toDouble(), vl.value("best").toDouble());
        bool ok = false;
        QCOMPARE(lastValue(readAll(tmp.path() + "/e/metrics.csv"), "val_loss", &ok), vl.value("best").toDouble());
        QVERIFY(ok);
        QVERIFY2(r.out.contains(QRegularExpression("val_loss +final (\\S+) +best \\1 ")), qPrintable(r.out));
    }
};

QTEST_GUILESS_MAIN(TestCliEdges)
#include "tst_cli_edges.moc"
