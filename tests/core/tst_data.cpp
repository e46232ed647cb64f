// The classify lab's data: the 2D toy sets are the shapes they claim to be (and react to seed and
// noise), the embedded digits equal the vendored file, CSV files round-trip and bad ones get a
// message naming the line, and splits are deterministic partitions.
#include "Rng.h"
#include "data/CsvDataset.h"
#include "data/Digits.h"
#include "data/Split.h"
#include "data/ToySets.h"

#include <QtTest>

#include <QFile>
#include <QTemporaryDir>

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

using namespace reglab;

namespace {

Dataset toy(const std::string& name, int n, double noise, uint64_t seed)
{
    Rng rng(seed);
    return makeToySet(name, n, noise, rng);
}

bool sameData(const Dataset& a, const Dataset& b)
{
    return a.x.rows() == b.x.rows() && a.x.cols() == b.x.cols() && a.x == b.x && a.y == b.y
        && a.numClasses == b.numClasses;
}

// Training accuracy of the least-squares linear classifier on [x, y, 1] with targets -1/+1:
// near 100% on linearly separable sets, near chance on spirals, rings and xor.
double linearAccuracy(const Dataset& d)
{
    const Index n = d.size();
    MatD a(n, 3);
    Eigen::VectorXd t(n);
    for (Index i = 0; i < n; ++i) {
        a(i, 0) = d.x(i, 0);
        a(i, 1) = d.x(i, 1);
        a(i, 2) = 1.0;
        t(i) = d.y[i] == 1 ? 1.0 : -1.0;
    }
    const Eigen::VectorXd w = (a.transpose() * a).ldlt().solve(a.transpose() * t);
    const Eigen::VectorXd s = a * w;
    int correct = 0;
    for (Index i = 0; i < n; ++i)
        correct += (s(i) > 0) == (t(i) > 0);
    return double(correct) / double(n);
}

// Leave-one-out 1-nearest-neighbour accuracy: high when the classes are separate shapes,
// lower when noise mixes them.
double nearestNeighbourAccuracy(const Dataset& d)
{
    const Index n = d.size();
    int correct = 0;
    for (Index i = 0; i < n; ++i) {
        double best = 1e300;
        int label = -1;
        for (Index j = 0; j < n; ++j) {
            if (j == i)
                continue;
            const double dist = (d.x.row(i) - d.x.row(j)).squaredNorm();
            if (dist < best) {
                best = dist;
                label = d.y[j];
            }
        }
        correct += label == d.y[i];
    }
    return double(correct) / double(n);
}

QString writeText(const QTemporaryDir& dir, const QString& fileName, const QByteArray& content)
{
    const QString path = dir.filePath(fileName);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return path;
}

} // namespace

class TestData : public QObject {
    Q_OBJECT
private slots:
    // ---- toy sets -------------------------------------------------------------------------
    void toySets_data()
    {
        QTest::addColumn<QString>("name");
        for (const std::string& n : toySetNames())
            QTest::newRow(n.c_str()) << QString::fromStdString(n);
    }

    void toySizeAndBalance_data() { toySets_data(); }
    void toySizeAndBalance()
    {
        QFETCH(QString, name);
        for (int n : {2, 301, 400}) {
            const Dataset d = toy(name.toStdString(), n, 0.3, 7);
            QCOMPARE(d.name, name.toStdString());
            QCOMPARE(d.size(), Index(n));
            QCOMPARE(d.features(), Index(2));
            QCOMPARE(int(d.y.size()), n);
            QCOMPARE(d.numClasses, 2);
            QCOMPARE(int(d.featureNames.size()), 2);
            const auto ones = std::count(d.y.begin(), d.y.end(), 1);
            const auto zeros = std::count(d.y.begin(), d.y.end(), 0);
            QCOMPARE(int(ones + zeros), n);
            QVERIFY(std::abs(ones - zeros) <= 1);
        }
    }

    void toyBounded_data() { toySets_data(); }
    void toyBounded()
    {
        // About [-1, 1]: clean sets inside it, and even the noisiest within [-2, 2].
        QFETCH(QString, name);
        const Dataset clean = toy(name.toStdString(), 2000, 0.0, 3);
        QVERIFY(clean.x.allFinite());
        QVERIFY(clean.x.cwiseAbs().maxCoeff() <= 1.0f + 1e-6f);
        QVERIFY(clean.x.cwiseAbs().maxCoeff() >= 0.5f); // and it uses the range
        const Dataset noisy = toy(name.toStdString(), 2000, 1.0, 3);
        QVERIFY(noisy.x.allFinite());
        QVERIFY(noisy.x.cwiseAbs().maxCoeff() <= 2.0f);
        const Dataset half = toy(name.toStdString(), 2000, 0.5, 3);
        QVERIFY(half.x.cwiseAbs().maxCoeff() <= 1.5f);
    }

    void toyDeterministic_data() { toySets_data(); }
    void toyDeterministic()
    {
        QFETCH(QString, name);
        for (double noise : {0.0, 0.5}) {
            QVERIFY(sameData(
                toy(name.toStdString(), 200, noise, 42), toy(name.toStdString(), 200, noise, 42)));
            QVERIFY(!sameData(
                toy(name.toStdString(), 200, noise, 42), toy(name.toStdString(), 200, noise, 43)));
        }
    }

    void toyNoiseMovesPoints_data() { toySets_data(); }
    void toyNoiseMovesPoints()
    {
        // Same seed, more noise: the same samples (labels), jittered by a visible amount.
        QFETCH(QString, name);
        const Dataset clean = toy(name.toStdString(), 500, 0.0, 11);
        const Dataset noisy = toy(name.toStdString(), 500, 0.5, 11);
        QCOMPARE(clean.y, noisy.y);
        const double meanShift = (clean.x - noisy.x).rowwise().norm().mean();
        QVERIFY2(meanShift > 0.03, qPrintable(QString::number(meanShift)));
        QVERIFY2(meanShift < 0.5, qPrintable(QString::number(meanShift)));
    }

    void toyShapes_data()
    {
        // Linear least-squares accuracy at noise 0: the real shapes defeat a linear classifier,
        // the blobs do not, the moons sit between.
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("linLo");
        QTest::addColumn<double>("linHi");
        QTest::newRow("spiral") << "spiral" << 0.0 << 0.75;
        QTest::newRow("circles") << "circles" << 0.0 << 0.65;
        QTest::newRow("xor") << "xor" << 0.0 << 0.65;
        QTest::newRow("gaussians") << "gaussians" << 0.99 << 1.01;
        QTest::newRow("moons") << "moons" << 0.8 << 0.95;
    }
    void toyShapes()
    {
        QFETCH(QString, name);
        QFETCH(double, linLo);
        QFETCH(double, linHi);
        const Dataset clean = toy(name.toStdString(), 600, 0.0, 5);
        const double lin = linearAccuracy(clean);
        QVERIFY2(lin >= linLo && lin < linHi, qPrintable(QString("linear accuracy %1").arg(lin)));
        // Still learnable: the classes are separate shapes, so the nearest neighbour is nearly
        // always of the same class; noise 0.5 mixes them noticeably, but the shape remains.
        const double nnClean = nearestNeighbourAccuracy(clean);
        const double nnNoisy = nearestNeighbourAccuracy(toy(name.toStdString(), 600, 0.5, 5));
        qInfo("%s: linear %.3f, 1-NN clean %.3f, 1-NN noise 0.5 %.3f", qPrintable(name), lin,
            nnClean, nnNoisy);
        QVERIFY2(nnClean >= 0.97, qPrintable(QString::number(nnClean)));
        QVERIFY2(nnNoisy <= 0.96 && nnNoisy >= 0.7, qPrintable(QString::number(nnNoisy)));
    }

    void toyBadArguments()
    {
        Rng rng(1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeToySet("spiral", 1, 0.0, rng));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeToySet("moons", 100, -0.1, rng));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeToySet("xor", 100, 1.5, rng));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeToySet("xor", 100, std::nan(""), rng));
        try {
            makeToySet("spirals", 100, 0.0, rng);
            QFAIL("no exception for an unknown name");
        } catch (const std::invalid_argument& e) {
            const QString msg = e.what();
            QVERIFY2(msg.contains("'spirals'") && msg.contains("circles"), e.what());
        }
        QCOMPARE(int(toySetNames().size()), 5);
        // The dispatcher is the named generator.
        Rng a(9), b(9);
        QVERIFY(sameData(makeToySet("moons", 50, 0.2, a), makeMoons(50, 0.2, b)));
    }

    // ---- digits ---------------------------------------------------------------------------
    void digits()
    {
        const Dataset d = loadDigits();
        QCOMPARE(d.name, std::string("digits"));
        QCOMPARE(d.size(), Index(1797));
        QCOMPARE(d.features(), Index(64));
        QCOMPARE(d.numClasses, 10);
        QCOMPARE(int(d.featureNames.size()), 64);
        QCOMPARE(d.featureNames.front(), std::string("px0"));
        QCOMPARE(d.featureNames.back(), std::string("px63"));
        QVERIFY(d.x.minCoeff() >= 0.0f);
        QVERIFY(d.x.maxCoeff() <= 1.0f);
        QCOMPARE(d.x.maxCoeff(), 1.0f);
        std::vector<int> counts(10, 0);
        for (int c : d.y) {
            QVERIFY(c >= 0 && c < 10);
            ++counts[std::size_t(c)];
        }
        for (int k : counts)
            QVERIFY2(k >= 170 && k <= 190, qPrintable(QString::number(k)));

        // First and last rows equal the vendored file's, divided by 16.
        std::ifstream file(REGLAB_SOURCE_DIR "/resources/data/digits.csv");
        QVERIFY(file.good());
        std::vector<std::string> lines;
        for (std::string line; std::getline(file, line);)
            if (!line.empty())
                lines.push_back(line);
        QCOMPARE(int(lines.size()), 1797);
        for (Index row : {Index(0), Index(1796)}) {
            std::stringstream ss(lines[std::size_t(row)]);
            std::string field;
            std::vector<int> values;
            while (std::getline(ss, field, ','))
                values.push_back(std::stoi(field));
            QCOMPARE(int(values.size()), 65);
            for (int j = 0; j < 64; ++j)
                QCOMPARE(d.x(row, j), float(values[std::size_t(j)]) / 16.0f);
            QCOMPARE(d.y[std::size_t(row)], values[64]);
        }
    }

    void digitsCachedAndThreadSafe()
    {
        Dataset a, b;
        std::thread t1([&] { a = loadDigits(); });
        std::thread t2([&] { b = loadDigits(); });
        t1.join();
        t2.join();
        QVERIFY(sameData(a, b));
        QVERIFY(sameData(a, loadDigits()));
    }

    // ---- CSV ------------------------------------------------------------------------------
    void csvRoundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // Awkward floats (noise, tiny, negative zero) and 3 classes.
        Dataset d = toy("spiral", 300, 0.7, 2);
        d.x(0, 0) = 1e-30f;
        d.x(1, 1) = -0.0f;
        d.x(2, 0) = 3.4e38f;
        d.x(3, 1) = 1.17549435e-38f / 4; // subnormal
        d.y[4] = 2;
        d.numClasses = 3;
        const std::string path = dir.filePath("train.csv").toStdString();
        std::string error;
        QVERIFY2(writeCsvDataset(d, path, &error), error.c_str());
        QVERIFY(!QFile::exists(QString::fromStdString(path + ".tmp")));
        const std::optional<Dataset> back = loadCsvDataset(path, &error);
        QVERIFY2(back, error.c_str());
        QCOMPARE(back->name, std::string("train"));
        QVERIFY(sameData(d, *back));
        QCOMPARE(back->featureNames, d.featureNames);
        QCOMPARE(back->classNames, (std::vector<std::string> {"0", "1", "2"}));

        // Without feature names the header is x0..; digits round-trip too.
        Dataset plain = loadDigits();
        plain.featureNames.clear();
        QVERIFY2(writeCsvDataset(plain, path, &error), error.c_str());
        QFile f(QString::fromStdString(path));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readLine().startsWith("x0,x1,x2,"));
        const std::optional<Dataset> digitsBack = loadCsvDataset(path, &error);
        QVERIFY2(digitsBack, error.c_str());
        QVERIFY(sameData(plain, *digitsBack));
    }

    void csvWriteRefusesBadData()
    {
        QTemporaryDir dir;
        std::string error;
        Dataset d = toy("xor", 20, 0.1, 1);
        d.x(3, 1) = std::nanf("");
        QVERIFY(!writeCsvDataset(d, dir.filePath("a.csv").toStdString(), &error));
        QVERIFY2(QString::fromStdString(error).contains("NaN"), error.c_str());
        QVERIFY(!QFile::exists(dir.filePath("a.csv")));
        d = toy("xor", 20, 0.1, 1);
        QVERIFY(!writeCsvDataset(d, dir.filePath("missing/a.csv").toStdString(), &error));
        QVERIFY2(QString::fromStdString(error).contains("missing/a.csv"), error.c_str());
    }

    void csvHeaderDetection_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QStringList>("names");
        QTest::newRow("no header") << QByteArray("1,2,0\n3,4,1\n") << 2 << QStringList();
        QTest::newRow("header") << QByteArray("width, height ,class\n1,2,0\n3,4,1\n") << 2
                                << QStringList {"width", "height"};
        QTest::newRow("quoted header")
            << QByteArray("\"a\",\"b\",\"y\"\n1,2,0\n3,4,1\n") << 2 << QStringList {"a", "b"};
        QTest::newRow("numeric feature names")
            << QByteArray("0,1,label\n1,2,0\n3,4,1\n") << 2 << QStringList {"0", "1"};
        QTest::newRow("string labels, no header")
            << QByteArray("1,2,cat\n3,4,dog\n") << 2 << QStringList();
        QTest::newRow("bom, crlf, blank lines")
            << QByteArray("\xEF\xBB\xBFu,v,y\r\n\r\n1,2,0\r\n\r\n3,4,1\r\n\r\n") << 2
            << QStringList {"u", "v"};
    }
    void csvHeaderDetection()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, rows);
        QFETCH(QStringList, names);
        QTemporaryDir dir;
        const QString path = writeText(dir, "h.csv", content);
        std::string error;
        const std::optional<Dataset> d = loadCsvDataset(path.toStdString(), &error);
        QVERIFY2(d, error.c_str());
        QCOMPARE(d->size(), Index(rows));
        QCOMPARE(d->features(), Index(2));
        QStringList got;
        for (const std::string& n : d->featureNames)
            got << QString::fromStdString(n);
        QCOMPARE(got, names);
        QCOMPARE(d->x(0, 0), 1.0f);
        QCOMPARE(d->x(1, 1), 4.0f);
        QCOMPARE(d->y, (std::vector<int> {0, 1}));
    }

    void csvLabelMapping_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("numClasses");
        QTest::addColumn<QString>("labels");
        QTest::addColumn<QStringList>("classNames");
        // Indices in [0, 100) stay as they are, even with a class missing.
        QTest::newRow("indices") << QByteArray("1,0\n2,2\n3,1\n4,0\n") << 3 << "0 2 1 0"
                                 << QStringList {"0", "1", "2"};
        QTest::newRow("gap") << QByteArray("1,0\n2,3\n") << 4 << "0 3"
                             << QStringList {"0", "1", "2", "3"};
        QTest::newRow("whole floats")
            << QByteArray("1,1.0\n2,0.0\n") << 2 << "1 0" << QStringList {"0", "1"};
        // Other integers: sorted numerically.
        QTest::newRow("signs") << QByteArray("1,1\n2,-1\n3,1\n") << 2 << "1 0 1"
                               << QStringList {"-1", "1"};
        QTest::newRow("large") << QByteArray("1,1000\n2,-5\n3,200\n") << 3 << "2 0 1"
                               << QStringList {"-5", "200", "1000"};
        // Names: sorted as strings.
        QTest::newRow("names") << QByteArray("1,versicolor\n2,setosa\n3,virginica\n4,setosa\n") << 3
                               << "1 0 2 0" << QStringList {"setosa", "versicolor", "virginica"};
        QTest::newRow("mixed") << QByteArray("1,b\n2,a\n3,10\n") << 3 << "2 1 0"
                               << QStringList {"10", "a", "b"};
    }
    void csvLabelMapping()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, numClasses);
        QFETCH(QString, labels);
        QFETCH(QStringList, classNames);
        std::string error;
        const std::optional<Dataset> d = parseCsvDataset(content.toStdString(), "mem.csv", &error);
        QVERIFY2(d, error.c_str());
        QCOMPARE(d->numClasses, numClasses);
        QStringList got;
        for (int c : d->y)
            got << QString::number(c);
        QCOMPARE(got.join(' '), labels);
        QStringList names;
        for (const std::string& n : d->classNames)
            names << QString::fromStdString(n);
        QCOMPARE(names, classNames);
    }

    void csvErrors_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expect"); // in the message besides the file name
        QTest::newRow("empty") << QByteArray() << "empty";
        QTest::newRow("blank lines only") << QByteArray("\n  \n\r\n") << "empty";
        QTest::newRow("header only") << QByteArray("a,b,label\n") << "no data rows";
        QTest::newRow("one column") << QByteArray("\n1\n2\n") << "line 2 ";
        QTest::newRow("field count")
            << QByteArray("1,2,0\n3,4,1\n\n5,6\n") << "line 4 has 2 fields, but line 1 has 3";
        QTest::newRow("field count, header")
            << QByteArray("a,b,y\n1,2,0\n3,4,5,1\n") << "line 3 has 4 fields, but line 1 has 3";
        QTest::newRow("not a number")
            << QByteArray("a,b,y\n1,2,0\n3,x4,1\n") << "line 3 column 2 has 'x4'";
        QTest::newRow("empty feature") << QByteArray("1,2,0\n,4,1\n") << "line 2 column 1 is empty";
        QTest::newRow("nan") << QByteArray("1,2,0\n3,nan,1\n")
                             << "line 2 column 2 has 'nan', which is not a finite";
        QTest::newRow("inf") << QByteArray("1,-inf,0\n3,4,1\n") << "line 1 column 2 has '-inf'";
        QTest::newRow("huge") << QByteArray("1,2,0\n3,4,1\n1e39,0,1\n")
                              << "line 3 column 1 has '1e39', which is too large";
        QTest::newRow("empty label") << QByteArray("1,2,0\n3,4,\n") << "line 2 has an empty label";
        QTest::newRow("fractional label")
            << QByteArray("1,2,0\n3,4,0.5\n") << "line 2 has the label '0.5'";
        QTest::newRow("one class") << QByteArray("1,2,1\n3,4,1\n") << "only one class";
        QTest::newRow("one row") << QByteArray("1,2,1\n") << "only one class";
        QByteArray many;
        for (int i = 0; i < 150; ++i)
            many += QByteArray::number(i) + ",c" + QByteArray::number(i) + "\n";
        QTest::newRow("too many classes") << many << "150 distinct labels";
    }
    void csvErrors()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expect);
        QTemporaryDir dir;
        const QString path = writeText(dir, "bad.csv", content);
        std::string error;
        QVERIFY(!loadCsvDataset(path.toStdString(), &error));
        const QString msg = QString::fromStdString(error);
        QVERIFY2(msg.contains(path), qPrintable(msg));
        QVERIFY2(msg.contains(expect), qPrintable(msg));
        QVERIFY2(msg.endsWith('.') && !msg.contains('\n'), qPrintable(msg));
    }

    void csvMissingFile()
    {
        QTemporaryDir dir;
        std::string error;
        const std::string path = dir.filePath("nope.csv").toStdString();
        QVERIFY(!loadCsvDataset(path, &error));
        QVERIFY2(error.find(path) != std::string::npos
                && error.find("does not exist") != std::string::npos,
            error.c_str());
        QVERIFY(!loadCsvDataset(dir.path().toStdString(), &error));
        QVERIFY2(error.find("directory") != std::string::npos, error.c_str());
        QVERIFY(!loadCsvDataset(path, nullptr)); // no message wanted: still no crash
    }

    // ---- split ----------------------------------------------------------------------------
    void splitPartition_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<double>("fraction");
        QTest::addColumn<int>("train");
        QTest::newRow("100 x 0.8") << 100 << 0.8 << 80;
        QTest::newRow("101 x 0.5") << 101 << 0.5 << 51;
        QTest::newRow("10 x 0.1") << 10 << 0.1 << 1;
        QTest::newRow("10 x 0.9") << 10 << 0.9 << 9;
        QTest::newRow("10 x 0.97 clamps") << 10 << 0.97 << 9;
        QTest::newRow("10 x 0.0 clamps") << 10 << 0.0 << 1;
        QTest::newRow("2 x 1.0 clamps") << 2 << 1.0 << 1;
    }
    void splitPartition()
    {
        QFETCH(int, n);
        QFETCH(double, fraction);
        QFETCH(int, train);
        // Row i holds (i, -i) with label i % 3, so rows can be traced.
        Dataset d;
        d.name = "trace";
        d.numClasses = 3;
        d.featureNames = {"a", "b"};
        d.x.resize(n, 2);
        for (int i = 0; i < n; ++i) {
            d.x(i, 0) = float(i);
            d.x(i, 1) = float(-i);
            d.y.push_back(i % 3);
        }
        Rng rng(123);
        const DataSplit s = splitTrainVal(d, fraction, rng);
        QCOMPARE(s.train.size(), Index(train));
        QCOMPARE(s.val.size(), Index(n - train));
        QCOMPARE(int(s.train.y.size()), train);
        QCOMPARE(s.train.numClasses, 3);
        QCOMPARE(s.val.featureNames, d.featureNames);
        std::set<int> seen;
        for (const Dataset* part : {&s.train, &s.val}) {
            for (Index i = 0; i < part->size(); ++i) {
                const int id = int(part->x(i, 0));
                QCOMPARE(part->x(i, 1), float(-id));
                QCOMPARE(part->y[std::size_t(i)], id % 3);
                QVERIFY(seen.insert(id).second); // disjoint
            }
        }
        QCOMPARE(int(seen.size()), n); // covering
    }

    void splitDeterministic()
    {
        const Dataset d = toy("circles", 200, 0.2, 1);
        Rng a(5), b(5), c(6);
        const DataSplit sa = splitTrainVal(d, 0.7, a);
        const DataSplit sb = splitTrainVal(d, 0.7, b);
        const DataSplit sc = splitTrainVal(d, 0.7, c);
        QVERIFY(sameData(sa.train, sb.train) && sameData(sa.val, sb.val));
        QVERIFY(!sameData(sa.train, sc.train));
        // Shuffled, not just cut: the train part is not the first 140 rows.
        QVERIFY(sa.train.x != d.x.topRows(140));
    }

    void splitBadArguments()
    {
        Rng rng(1);
        const Dataset d = toy("xor", 10, 0.0, 1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, splitTrainVal(d, 1.5, rng));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, splitTrainVal(d, std::nan(""), rng));
        Dataset one = d;
        one.x.conservativeResize(1, 2);
        one.y.resize(1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, splitTrainVal(one, 0.5, rng));
    }
};

QTEST_GUILESS_MAIN(TestData)
#include "tst_data.moc"
