// `reglab sweep` (issue 13), black-box: sweep.csv with one row per value and seed, the
// chart image(s), the table without --out, and every bad input refused in one line with
// nothing written.
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include "CliRun.h"

using namespace clirun;

namespace {
const QStringList kSmall{"sweep", "classify", "--param", "l2", "--steps", "60", "--set", "num_points=100",
                         "--set", "width=16"};
} // namespace

class TestCliSweep : public QObject {
    Q_OBJECT
private slots:
    void writesCsvAndChart()
    {
        QTemporaryDir tmp;
        const QString out = tmp.path() + "/sw";
        const Result r = reglab(kSmall + QStringList{"--values", "1e-4:1e-1:4log", "--seeds", "2", "--threads", "2",
                                                     "--out", out, "--format", "png,svg"});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        QCOMPARE(listTree(out), (QStringList{"sweep.csv", "sweep.png", "sweep.svg"}));
        const QList<QByteArray> lines = readAll(out + "/sweep.csv").trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 4 * 2); // header, then one row per value and seed
        QVERIFY2(lines[0].startsWith("l2,seed,"), lines[0].constData());
        QVERIFY(lines[0].contains(",val_loss"));
        QVERIFY2(lines[1].startsWith("1e-04,1,"), lines[1].constData());
        QVERIFY2(lines[2].startsWith("1e-04,2,"), lines[2].constData());
        QVERIFY2(lines[8].startsWith("0.1,2,"), lines[8].constData());
        const qsizetype col = lines[0].split(',').indexOf("val_loss");
        for (int i = 1; i < lines.size(); ++i) {
            bool ok = false;
            const double v = lines[i].split(',').at(col).toDouble(&ok);
            QVERIFY2(ok && v > 0 && v < 10, lines[i].constData());
        }
        const QByteArray png = readAll(out + "/sweep.png");
        QVERIFY(png.startsWith("\x89PNG\r\n\x1a\n"));
        const int width = (quint8(png[16]) << 24) | (quint8(png[17]) << 16) | (quint8(png[18]) << 8) | quint8(png[19]);
        QVERIFY2(width >= 1200, qPrintable(QString::number(width))); // 1200 px at 2x
        QVERIFY(readAll(out + "/sweep.svg").contains("<svg"));
        QVERIFY(r.out.contains("median val_loss"));
    }

    void printsTheTableWithoutOut()
    {
        QTemporaryDir tmp;
        const Result r = reglab(kSmall + QStringList{"--values", "0,0.5", "--metric", "train_loss"}, tmp.path());
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("median train_loss"), qPrintable(r.out));
        QVERIFY(r.out.contains("\n0            "));
        QVERIFY(r.out.contains("\n0.5          "));
        QVERIFY(QDir(tmp.path()).isEmpty());
    }

    // --by: a curve per value of a second param; --x: a metric on the x axis (issue 14).
    void curvesAndAMetricOnX()
    {
        QTemporaryDir tmp;
        const QString out = tmp.path() + "/sw";
        const Result r = reglab(kSmall + QStringList{"--values", "0,0.1", "--by", "activation=relu,tanh", "--x",
                                                     "train_loss", "--out", out});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        QCOMPARE(listTree(out), (QStringList{"sweep.csv", "sweep.png"}));
        const QList<QByteArray> lines = readAll(out + "/sweep.csv").trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 2 * 2);
        QVERIFY2(lines[0].startsWith("activation,l2,seed,"), lines[0].constData());
        QVERIFY2(lines[3].startsWith("tanh,0,1,"), lines[3].constData());
        QVERIFY2(r.out.contains("activation=tanh\n"), qPrintable(r.out));
        QVERIFY(r.out.contains("median train_loss"));
        QVERIFY(r.out.contains("4 trainings"));
    }

    // A lesson's frontier: the two curves, frontier.json with the verdict. A short run
    // (task B never starts) only checks the files; the lessons suite checks the claim.
    void lessonFrontierWritesItsVerdict()
    {
        QTemporaryDir tmp;
        const QString out = tmp.path() + "/f";
        const Result r = reglab({"sweep", "L16", "--frontier", "--steps", "20", "--seeds", "1", "--out", out});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        QCOMPARE(listTree(out), (QStringList{"frontier.json", "sweep.csv", "sweep.png"}));
        QVERIFY(r.out.contains("42 trainings")); // 21 values x 2 penalties
        // 20 steps of task A alone: both curves are the same run, and the verdict says so.
        QVERIFY2(r.out.contains("frontier claim DOES NOT HOLD"), qPrintable(r.out));
        QVERIFY(r.out.contains("every ewc point is also covered by l2-anchor: no clear difference"));
        const QByteArray csv = readAll(out + "/sweep.csv");
        // `penalty` is also a metric of the lab: the param's column says it is the param.
        QVERIFY2(csv.startsWith("param_penalty,lambda,seed,"), csv.left(60).constData());
        const QByteArray json = readAll(out + "/frontier.json");
        QVERIFY(json.contains("\"dominating\"") && json.contains("\"covered_by\"") && json.contains("\"tolerance\": 0.01"));
        QVERIFY(json.contains("\"covered_by_curve\": \"l2-anchor\"") && json.contains("no clear difference"));
    }

    void badInputIsRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expect");
        QTest::newRow("unknown lab") << QStringList{"sweep", "nolab", "--param", "l2", "--values", "0"} << "unknown lab";
        QTest::newRow("no param") << QStringList{"sweep", "classify", "--values", "0"} << "needs --param";
        QTest::newRow("no values") << QStringList{"sweep", "classify", "--param", "l2"} << "needs --values";
        QTest::newRow("unknown param") << (QStringList{"sweep", "classify", "--param", "l9", "--values", "0"})
                                       << "unknown parameter 'l9'";
        QTest::newRow("value refused") << (QStringList{"sweep", "classify", "--param", "l2", "--values", "0,7"})
                                       << "--values 7";
        QTest::newRow("empty value") << (QStringList{"sweep", "classify", "--param", "l2", "--values", "0,,1"})
                                     << "empty value";
        QTest::newRow("too many") << (QStringList{"sweep", "classify", "--param", "l2", "--values", "0:1:600", "--seeds", "2"})
                                  << "more than 1000";
        QTest::newRow("unknown metric") << (QStringList{"sweep", "classify", "--param", "l2", "--values", "0", "--metric", "xx"})
                                        << "no metric 'xx'";
        QTest::newRow("log x of a choice") << (QStringList{"sweep", "classify", "--param", "activation", "--values", "relu", "--log-x"})
                                           << "choice";
        QTest::newRow("log x of 0") << (QStringList{"sweep", "classify", "--param", "l2", "--values", "0,1", "--log-x"})
                                    << "above 0";
        QTest::newRow("run's option") << (QStringList{"sweep", "classify", "--param", "l2", "--values", "0", "--twin", "l2=1"})
                                      << "does not take --twin";
        QTest::newRow("sweep's option on run") << (QStringList{"run", "classify", "--seeds", "2"}) << "does not take --seeds";
        QTest::newRow("by the swept param") << (QStringList{"sweep", "classify", "--param", "l2", "--values", "0", "--by", "l2=0,1"})
                                           << "already the swept parameter";
        QTest::newRow("by without values") << (QStringList{"sweep", "classify", "--param", "l2", "--values", "0", "--by", "activation"})
                                           << "--by";
        QTest::newRow("by bad value") << (QStringList{"sweep", "classify", "--param", "l2", "--values", "0", "--by", "activation=relu,nope"})
                                      << "--by nope";
        QTest::newRow("x unknown") << (QStringList{"sweep", "classify", "--param", "l2", "--values", "0", "--x", "zz"})
                                   << "--x: lab 'classify' has no metric 'zz'";
        QTest::newRow("x with log-x") << (QStringList{"sweep", "classify", "--param", "l2", "--values", "1", "--x", "train_loss", "--log-x"})
                                      << "linear axis";
        QTest::newRow("frontier of a lab") << (QStringList{"sweep", "continual", "--frontier"}) << "needs a lesson with a frontier";
        QTest::newRow("frontier with log-x") << (QStringList{"sweep", "L16", "--frontier", "--log-x"})
                                             << "a frontier's x axis is a metric (acc_a)";
        QTest::newRow("frontier and param") << (QStringList{"sweep", "L16", "--frontier", "--param", "lr"}) << "sets --param itself";
        QTest::newRow("bad format") << (QStringList{"sweep", "classify", "--param", "l2", "--values", "0", "--format", "gif"})
                                    << "unknown image format";
    }
    void badInputIsRefused()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expect);
        QTemporaryDir tmp;
        expectRefused(args, tmp.path() + "/out", expect);
        QVERIFY(QDir(tmp.path()).isEmpty()); // no temp folder left either
    }
};

QTEST_GUILESS_MAIN(TestCliSweep)
#include "tst_cli_sweep.moc"
