// The CSV of 2D points a drawn GAN target is read from (data/CsvPoints.h): every common form
// of a good file reads the same points; every bad file, from memory or on disk, is refused
// with one sentence that names the file and the line; what is not a regular file is never
// read; the writer's file reads back bit for bit and is written whole or not at all.
#include "data/CsvDataset.h"
#include "data/CsvPoints.h"

#include "TempFile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace reglab;

namespace {
std::string write(const QTemporaryDir& dir, const char* name, const QByteArray& bytes)
{
    return tempfile::writeFile(dir, QString::fromLatin1(name), bytes).toStdString();
}

// One sentence: ends with '.', no line break, names `source`.
bool isOneSentenceNaming(const std::string& error, const std::string& source)
{
    return !error.empty() && error.back() == '.' && error.find('\n') == std::string::npos
        && error.find(source) != std::string::npos;
}
} // namespace

class TestCsvPoints : public QObject {
    Q_OBJECT
private slots:
    void goodFilesReadTheSamePoints_data()
    {
        QTest::addColumn<QByteArray>("content");
        tempfile::addLineEndingRows({"1,2", "-3.5,4e-1"});
        QTest::newRow("header") << QByteArray("x,y\n1,2\n-3.5,4e-1\n");
        QTest::newRow("BOM and header") << QByteArray("\xEF\xBB\xBFx,y\r1,2\r-3.5,4e-1\r");
        QTest::newRow("blank lines, spaces, quotes, +") << QByteArray("\n  \"x\" , \"y\"\n\n +1 ,\t2 \n\r\n\"-3.5\",0.4\n\n");
        QTest::newRow("third column ignored (text)") << QByteArray("x,y,label\n1,2,inner\n-3.5,0.4,outer\n");
        QTest::newRow("third column ignored (data/train.csv)") << QByteArray("x0,x1,label\n1,2,0\n-3.5,0.4,1\n");
    }
    void goodFilesReadTheSamePoints()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        std::string error;
        const std::string path = write(dir, "points.csv", content);
        for (const auto& p : {parseCsvPoints(content.toStdString(), "mem.csv", &error), loadCsvPoints(path, &error)}) {
            QVERIFY2(p, error.c_str());
            QCOMPARE(p->rows(), Index(2));
            QCOMPARE(p->cols(), Index(2));
            QCOMPARE((*p)(0, 0), 1.0f);
            QCOMPARE((*p)(0, 1), 2.0f);
            QCOMPARE((*p)(1, 0), -3.5f);
            QCOMPARE((*p)(1, 1), 0.4f);
        }
    }

    void aSinglePointIsEnough()
    {
        std::string error;
        const auto p = parseCsvPoints("0.25,-0.75", "one.csv", &error);
        QVERIFY2(p, error.c_str());
        QCOMPARE(p->rows(), Index(1));
    }

    void badTextIsRefusedNamingTheLine_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expect");
        QTest::newRow("empty") << QByteArray("") << "is empty";
        QTest::newRow("only blank lines") << QByteArray("\n \r\n\t\n") << "is empty";
        QTest::newRow("header only") << QByteArray("x,y\n\n") << "header line but no points";
        QTest::newRow("one column") << QByteArray("1\n2\n") << "line 1 has a single column";
        QTest::newRow("four columns") << QByteArray("\n1,2,3,4\n") << "line 2 has 4 columns";
        QTest::newRow("ragged") << QByteArray("1,2\n3,4,5\n") << "line 2 has 3 fields, but line 1 has 2";
        QTest::newRow("NaN") << QByteArray("1,2\nnan,4\n") << "line 2 x (column 1) has 'nan', which is not a finite";
        QTest::newRow("inf") << QByteArray("x,y\n1,2\n3,-inf\n") << "line 3 y (column 2) has '-inf', which is not a finite";
        QTest::newRow("text in a field") << QByteArray("1,2\n3,four\n") << "line 2 y (column 2) has 'four', which is not a number";
        QTest::newRow("text in the first line's x") << QByteArray("a,2\n3,4\n") << "line 1 x (column 1) has 'a'";
        QTest::newRow("empty field") << QByteArray("1,2\n,4\n") << "line 2 x (column 1) is empty";
        QTest::newRow("too large for a float") << QByteArray("1,2\n1e39,4\n") << "line 2 x (column 1) has '1e39', which is too large";
        QTest::newRow("beyond double") << QByteArray("1,2\n1,1e999\n") << "out of the range of numbers";
        QTest::newRow("decimal comma") << QByteArray("1,2\n\"1,5\",2\n") << "line 2 has 3 fields";
    }
    void badTextIsRefusedNamingTheLine()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expect);
        QTemporaryDir dir;
        const std::string path = write(dir, "bad.csv", content);
        std::string error;
        QVERIFY(!parseCsvPoints(content.toStdString(), "mem.csv", &error));
        QVERIFY2(isOneSentenceNaming(error, "mem.csv") && error.find(expect.toStdString()) != std::string::npos,
                 error.c_str());
        error.clear();
        QVERIFY(!loadCsvPoints(path, &error));
        QVERIFY2(isOneSentenceNaming(error, path) && error.find(expect.toStdString()) != std::string::npos,
                 error.c_str());
        QVERIFY(!loadCsvPoints(path, nullptr)); // no message wanted: still no crash
    }

    void atMostTheMaximumNumberOfPoints()
    {
        std::string text;
        for (Index i = 0; i < kMaxCsvPoints; ++i)
            text += "1,2\n";
        std::string error;
        const auto p = parseCsvPoints(text, "max.csv", &error);
        QVERIFY2(p, error.c_str());
        QCOMPARE(p->rows(), kMaxCsvPoints);
        text += "3,4\n";
        QVERIFY(!parseCsvPoints(text, "more.csv", &error));
        QVERIFY2(isOneSentenceNaming(error, "more.csv") && error.find("more than 100000 points") != std::string::npos,
                 error.c_str());
    }

    void onlyRegularFilesAreRead()
    {
        QTemporaryDir dir;
        for (const QString& special : tempfile::specialFiles(dir)) {
            const std::string path = special.toStdString();
            std::string error;
            QVERIFY(!loadCsvPoints(path, &error)); // returns at once: a FIFO opened would block
            QVERIFY2(isOneSentenceNaming(error, path) && error.find("not a regular file") != std::string::npos,
                     error.c_str());
        }
        std::string error;
        QVERIFY(!loadCsvPoints(dir.path().toStdString(), &error));
        QVERIFY2(isOneSentenceNaming(error, dir.path().toStdString()) && error.find("is a directory") != std::string::npos,
                 error.c_str());
        const std::string missing = dir.filePath(QStringLiteral("none.csv")).toStdString();
        QVERIFY(!loadCsvPoints(missing, &error));
        QVERIFY2(isOneSentenceNaming(error, missing) && error.find("does not exist") != std::string::npos, error.c_str());
    }

    void aFileAboveTheSizeCapIsRefusedUnread()
    {
        QTemporaryDir dir;
        const std::string path
            = tempfile::writeSparseFile(dir, QStringLiteral("sparse.csv"), "1,2\n", kMaxCsvPointsBytes + (1 << 20))
                  .toStdString();
        std::string error;
        QVERIFY(!loadCsvPoints(path, &error)); // judged by its size, before a byte is read
        QVERIFY2(isOneSentenceNaming(error, path)
                     && error.find("has 17 MB; points files of at most 16 MB are read") != std::string::npos,
                 error.c_str());
    }

    void anUnreadableFileIsAReadErrorNotAnEmptyFile()
    {
        // /proc/self/mem is a regular file whose first read fails (EIO), even for root.
        std::string error;
        QVERIFY(!loadCsvPoints("/proc/self/mem", &error));
        QVERIFY2(error == "Cannot read the points file '/proc/self/mem'.", error.c_str());
        // A file that cannot be opened: without read permission (root reads those anyway, but
        // not /proc/sys/vm/drop_caches, write-only for everyone). Both CSV readers say so.
        QTemporaryDir dir;
        const std::string locked = write(dir, "locked.csv", "1,2,0\n3,4,1\n");
        QCOMPARE(::chmod(locked.c_str(), 0), 0);
        const std::string path = ::geteuid() == 0 ? std::string("/proc/sys/vm/drop_caches") : locked;
        QVERIFY2(::access(path.c_str(), F_OK) == 0, (path + " is missing: no file here that cannot be opened").c_str());
        QVERIFY(!loadCsvPoints(path, &error));
        QVERIFY2(error == "Cannot read the points file '" + path + "'.", error.c_str());
        QVERIFY(!loadCsvDataset(path, &error));
        QVERIFY2(error == "Cannot read the data file '" + path + "'.", error.c_str());
    }

    void writtenPointsReadBackBitForBit()
    {
        MatF points(5, 2);
        points << 0.1f, -0.2f, 1e-30f, 3.4e38f, -7.0f, 0.0f, 1.0f / 3.0f, 2.0f / 3.0f, 123456.789f, -1e-7f;
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("drawn.csv")).toStdString();
        std::string error;
        QVERIFY2(writeCsvPoints(points, path, &error), error.c_str());
        QFile f(QString::fromStdString(path));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY2(text.startsWith("x,y\n0.1,-0.2\n"), text.constData());
        const auto back = loadCsvPoints(path, &error);
        QVERIFY2(back, error.c_str());
        QCOMPARE(back->rows(), points.rows());
        for (Index i = 0; i < points.size(); ++i) // ==, not QCOMPARE: that compares floats fuzzily
            QVERIFY2(back->data()[i] == points.data()[i],
                     qPrintable(QStringLiteral("%1 read back as %2").arg(double(points.data()[i]), 0, 'g', 9)
                                    .arg(double(back->data()[i]), 0, 'g', 9)));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("drawn.csv")}); // no temp file left over
    }

    void theWriterRefusesWhatTheReaderWould()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("p.csv")).toStdString();
        std::string error;
        MatF nan = MatF::Zero(2, 2);
        nan(1, 1) = NAN;
        for (const MatF& bad : {nan, MatF(MatF::Zero(0, 2)), MatF(MatF::Zero(3, 3)),
                                MatF(MatF::Zero(kMaxCsvPoints + 1, 2))}) {
            QVERIFY(!writeCsvPoints(bad, path, &error));
            QVERIFY2(isOneSentenceNaming(error, path), error.c_str());
            QVERIFY(!QFile::exists(QString::fromStdString(path)));
        }
        const std::string nowhere = dir.filePath(QStringLiteral("missing/p.csv")).toStdString();
        QVERIFY(!writeCsvPoints(MatF::Zero(1, 2), nowhere, &error));
        QVERIFY2(error.find("missing/p.csv") != std::string::npos && error.find('\n') == std::string::npos,
                 error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCsvPoints)
#include "tst_csvpoints.moc"
