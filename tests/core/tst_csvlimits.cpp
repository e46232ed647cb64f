// Hostile data files for the CSV loader: what is not a regular file is refused without
// being read (a FIFO would block forever, /dev/zero never ends), a file above the stated
// size or feature count is refused with that reason, memory stays near the data set's size,
// and every common line ending reads the same.
#include "data/CsvDataset.h"

#include "TempFile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace reglab;

namespace {
// Peak resident memory of this process so far, in bytes (Linux VmHWM).
long peakResidentBytes()
{
    std::ifstream f("/proc/self/status");
    std::string key;
    while (f >> key) {
        if (key == "VmHWM:") {
            long kb = 0;
            f >> kb;
            return kb * 1024;
        }
        std::getline(f, key);
    }
    return -1;
}

std::string write(const QTemporaryDir& dir, const char* name, const QByteArray& bytes)
{
    return tempfile::writeFile(dir, QString::fromLatin1(name), bytes).toStdString();
}
} // namespace

class TestCsvLimits : public QObject {
    Q_OBJECT
private slots:
    void memoryStaysNearTheDataSetsSize()
    {
        // 48 MB of "0.5,0.25,1\n": 4.4 million rows of 2 features. The data set is 35 MB
        // (8 bytes of features and 4 of label a row); reading the text whole and splitting it
        // into fields cost ~10x the file before. Runs first, while the peak is still low.
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("big.csv")).toStdString();
        {
            std::ofstream f(path);
            f << "a,b,label\n";
            const std::string rows = "0.5,0.25,1\n0.25,0.5,0\n";
            for (int i = 0; i < 2200000; ++i)
                f << rows;
        }
        const long before = peakResidentBytes();
        std::string error;
        auto d = loadCsvDataset(path, &error);
        QVERIFY2(d, error.c_str());
        QCOMPARE(d->size(), Index(4400000));
        const long grown = peakResidentBytes() - before;
        QVERIFY2(grown < 70L << 20, qPrintable(QStringLiteral("peak memory grew by %1 MB for a 48 MB file").arg(grown >> 20)));
    }

    void onlyRegularFilesAreRead()
    {
        QTemporaryDir dir;
        for (const QString& path : tempfile::specialFiles(dir)) {
            std::string error;
            QVERIFY(!loadCsvDataset(path.toStdString(), &error)); // returns at once: nothing is opened
            QVERIFY2(error.find("not a regular file") != std::string::npos, error.c_str());
        }
        // A symlink to a device is judged by what it points at.
        const std::string link = dir.filePath(QStringLiteral("zero.csv")).toStdString();
        QCOMPARE(::symlink("/dev/zero", link.c_str()), 0);
        std::string error;
        QVERIFY(!loadCsvDataset(link, &error));
        QVERIFY2(error.find("not a regular file") != std::string::npos, error.c_str());
    }

    void aFileAboveTheSizeLimitIsRefusedUnread()
    {
        QTemporaryDir dir;
        const QString path = tempfile::writeSparseFile(dir, QStringLiteral("sparse.csv"), "1,2,0\n", kMaxCsvBytes + 1);
        std::string error;
        QVERIFY(!loadCsvDataset(path.toStdString(), &error));
        QVERIFY2(error.find("256 MB") != std::string::npos, error.c_str());
    }

    void tooManyFeatureColumnsAreRefused()
    {
        QByteArray line;
        for (size_t j = 0; j < kMaxCsvFeatures + 1; ++j)
            line += "0,";
        line += "1\n";
        std::string error;
        QVERIFY(!parseCsvDataset((line + line).toStdString(), "wide.csv", &error));
        QVERIFY2(error.find("4097 feature columns, but at most 4096") != std::string::npos, error.c_str());
    }

    void everyLineEndingReadsTheSame_data()
    {
        QTest::addColumn<QByteArray>("content");
        tempfile::addLineEndingRows({"a,b,y", "1,2,0", "3,4,1"});
    }
    void everyLineEndingReadsTheSame()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        std::string error;
        for (const auto& d : {parseCsvDataset(content.toStdString(), "mem.csv", &error),
                              loadCsvDataset(write(dir, "f.csv", content), &error)}) {
            QVERIFY2(d, error.c_str());
            QCOMPARE(d->size(), Index(2));
            QCOMPARE(d->featureNames.size(), size_t(2));
            QCOMPARE(d->x(1, 1), 4.0f);
            QCOMPARE(d->y, (std::vector<int>{0, 1}));
        }
    }

    void aLastLineWithoutEndingAtAChunkBoundaryIsRead_data()
    {
        QTest::addColumn<int>("size");
        // The reader reads 64 KiB chunks: files ending at, just before and just past one.
        for (int size : {65535, 65536, 65537, 131072})
            QTest::newRow(qPrintable(QString::number(size))) << size;
    }
    void aLastLineWithoutEndingAtAChunkBoundaryIsRead()
    {
        // A file whose last line had no ending and filled the chunk exactly made the reader
        // return a view into its freed buffer (the fuzz corpus' 64 KiB of noise, under ASan).
        QFETCH(int, size);
        QByteArray content = "a,b,y\n";
        const QByteArray last = "7,8,1";
        while (content.size() + last.size() < size)
            content += content.size() + 6 + last.size() <= size ? QByteArray("1,2,0\n") : QByteArray("\n");
        content += last;
        QCOMPARE(int(content.size()), size);
        QTemporaryDir dir;
        std::string error;
        const auto d = loadCsvDataset(write(dir, "chunk.csv", content), &error);
        QVERIFY2(d, error.c_str());
        QCOMPARE(d->x(d->size() - 1, 0), 7.0f);
        QCOMPARE(d->x(d->size() - 1, 1), 8.0f);
        QCOMPARE(d->y.back(), 1);
    }

    void labelsTooLargeSaySo()
    {
        std::string error;
        QVERIFY(!parseCsvDataset("1,2,0\n3,4,1e16\n", "l.csv", &error));
        QVERIFY2(error.find("line 2") != std::string::npos && error.find("too large") != std::string::npos
                     && error.find("not a whole number") == std::string::npos,
                 error.c_str());
        QVERIFY(!parseCsvDataset("1,2,0\n3,4,0.5\n", "l.csv", &error));
        QVERIFY2(error.find("not a whole number") != std::string::npos, error.c_str());
    }

    void controlCharactersInAFileStayOutOfTheMessage()
    {
        // A NUL or a newline from the file must not cut or break the one-line message.
        std::string error;
        const std::string text = std::string("1,2,0\n3,x\x01\x00y,1\n", 15);
        QVERIFY(!parseCsvDataset(text, "c.csv", &error));
        QVERIFY2(error.find('\n') == std::string::npos && error.find('\0') == std::string::npos, error.c_str());
        QVERIFY2(error.find("\\x01") != std::string::npos && error.find("\\0") != std::string::npos, error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCsvLimits)
#include "tst_csvlimits.moc"
