// The fuzz corpus (tests/fuzz): every bad command line, data file, drawn-points file and
// session the project has met, and variants of each made by a seeded mutator (cut short,
// bytes overwritten, a stretch repeated, a NUL or a huge number put in), run through the
// reglab executable. CI runs this under AddressSanitizer and UBSan too. Each run must end
// on its own (no crash, no hang, no sanitizer report) with exit 0 (accepted), 2 (refused)
// or 3 (diverged); a refusal is one line on stderr and writes nothing.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include "CliRun.h"

#include <memory>
#include <vector>

using namespace clirun;

namespace {
const QString kCorpus = QStringLiteral(REGLAB_SOURCE_DIR "/tests/fuzz");

struct Case {
    QString name;
    QStringList args; // without --out
    bool mustRefuse = false;
};

// A variant of `bytes`: one of five damages, chosen and placed by `rng`.
QByteArray mutate(QByteArray bytes, QRandomGenerator& rng)
{
    const int n = int(bytes.size());
    const int at = n > 0 ? int(rng.bounded(n)) : 0;
    switch (rng.bounded(5)) {
    case 0: // cut short
        return bytes.left(at);
    case 1: // a few bytes overwritten with anything
        for (int i = 0; i < 4 && n > 0; ++i)
            bytes[int(rng.bounded(n))] = char(rng.bounded(256));
        return bytes;
    case 2: { // a stretch repeated many times
        const QByteArray piece = bytes.mid(at, 1 + int(rng.bounded(40)));
        return bytes.insert(at, piece.repeated(2000));
    }
    case 3: // a NUL byte
        return bytes.insert(at, '\0');
    default: // a number at the edge of the double range
        return bytes.insert(at, rng.bounded(2) ? "1e308" : "-4.9e-324");
    }
}

// The run: exit 0, 2 or 3 on its own; a refusal says one line and leaves `out` unwritten.
void expectSafe(const Case& c, const Result& r, const QString& out)
{
    const QString what = c.name + " (" + c.args.join(' ').left(200) + "): exit " + QString::number(r.code) + ": "
        + r.err.left(400);
    QVERIFY2(r.code == 0 || r.code == 2 || r.code == 3, qPrintable(what));
    QVERIFY2(!r.err.contains(QLatin1String("Sanitizer")) && !r.err.contains(QLatin1String("runtime error")),
             qPrintable(what));
    if (c.mustRefuse)
        QVERIFY2(r.code == 2, qPrintable(what));
    if (r.code == 2) {
        QVERIFY2(r.err.startsWith("reglab: ") && r.err.endsWith('\n') && r.err.count('\n') == 1, qPrintable(what));
        QVERIFY2(!QFileInfo::exists(out), qPrintable(what));
    }
}

// Runs the cases two at a time (the machine's cores), each with its own --out folder.
void runAll(const std::vector<Case>& cases, const QString& dir)
{
    struct Running {
        std::unique_ptr<QProcess> process;
        size_t index = 0;
    };
    std::vector<Running> running;
    size_t next = 0;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    const auto outOf = [&](size_t i) { return dir + "/out" + QString::number(i); };
    while (next < cases.size() || !running.empty()) {
        while (next < cases.size() && running.size() < 2) {
            Running r{std::make_unique<QProcess>(), next};
            r.process->setProcessEnvironment(env);
            r.process->start(QStringLiteral(REGLAB_EXE),
                             cases[next].args + QStringList{QStringLiteral("--out"), outOf(next)});
            running.push_back(std::move(r));
            ++next;
        }
        Running r = std::move(running.front());
        running.erase(running.begin());
        Result res;
        if (!r.process->waitForFinished(120000)) {
            r.process->kill();
            r.process->waitForFinished();
            QFAIL(qPrintable(cases[r.index].name + ": did not finish in 120 s"));
        }
        res.code = r.process->exitStatus() == QProcess::NormalExit ? r.process->exitCode() : -2;
        res.err = QString::fromUtf8(r.process->readAllStandardError());
        expectSafe(cases[r.index], res, outOf(r.index));
        if (QTest::currentTestFailed())
            return;
    }
}

QStringList filesIn(const QString& sub)
{
    QStringList out;
    QDirIterator it(kCorpus + "/corpus/" + sub, QDir::Files);
    while (it.hasNext())
        out << it.next();
    out.sort();
    return out;
}

// The command that reads a file of `kind`.
QStringList argsFor(const QString& kind, const QString& file)
{
    if (kind == QLatin1String("csv"))
        return {"run", "classify", "--set", "dataset=csv", "--set", "csv_file=" + file, "--steps", "3"};
    if (kind == QLatin1String("points"))
        return {"run", "gan", "--set", "target=drawn", "--set", "target_file=" + file, "--steps", "3"};
    return {"run", file, "--steps", "3"};
}
} // namespace

class TestFuzzCorpus : public QObject {
    Q_OBJECT
private slots:
    void badCommandLinesAreRefused()
    {
        QFile f(kCorpus + "/command-lines.txt");
        QVERIFY(f.open(QIODevice::ReadOnly));
        std::vector<Case> cases;
        for (const QByteArray& raw : f.readAll().split('\n')) {
            const QString line = QString::fromUtf8(raw).trimmed();
            if (line.isEmpty() || line.startsWith('#'))
                continue;
            Case c{"command line " + QString::number(cases.size() + 1), {}, true};
            for (const QString& a : line.split(QStringLiteral(" | ")))
                c.args << a.trimmed();
            cases.push_back(c);
        }
        QVERIFY(cases.size() >= 25);
        QTemporaryDir dir;
        runAll(cases, dir.path());
    }

    void corpusFilesAndTheirVariantsNeverCrash_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char* kind : {"csv", "points", "session"})
            QTest::newRow(kind) << QString::fromLatin1(kind);
    }
    void corpusFilesAndTheirVariantsNeverCrash()
    {
        QFETCH(QString, kind);
        QTemporaryDir dir;
        const QStringList seeds = filesIn(kind);
        QVERIFY(seeds.size() >= 6);
        std::vector<Case> cases;
        for (const QString& seed : seeds) {
            const QString name = QFileInfo(seed).fileName();
            cases.push_back({kind + "/" + name, argsFor(kind, seed), !name.startsWith(QLatin1String("valid"))
                                                                         && kind == QLatin1String("session")});
            const QByteArray bytes = readAll(seed);
            // The same variants every run: seeded by the file's name.
            QRandomGenerator rng(qHash(name));
            for (int v = 0; v < 2; ++v) {
                const QString path = dir.path() + "/" + QString::number(v) + "-" + name;
                QFile out(path);
                QVERIFY(out.open(QIODevice::WriteOnly));
                out.write(mutate(bytes, rng));
                out.close();
                cases.push_back({kind + "/" + name + " variant " + QString::number(v), argsFor(kind, path), false});
            }
        }
        runAll(cases, dir.path());
    }

    void generatedMonstersAreRefused()
    {
        // Too big to keep in the repository: nesting far past the parser's depth limit, a 2 MB
        // string, a 300 KB line of one number, and 64 KB of random bytes.
        QTemporaryDir dir;
        QRandomGenerator rng(7);
        QByteArray noise(65536, '\0');
        for (char& b : noise)
            b = char(rng.bounded(256));
        const struct {
            const char* name;
            QByteArray bytes;
            const char* kind;
        } monsters[] = {
            {"deep.reglab", QByteArray(200000, '[') + QByteArray(200000, ']'), "session"},
            {"long.reglab", "{\"format\": \"reglab-session\", \"version\": 3, \"lab\": \"" + QByteArray(2000000, 'A') + "\"}",
             "session"},
            {"noise.reglab", noise, "session"},
            {"wide.csv", "x,label\n" + QByteArray(300000, '9') + ",1\n0,0\n", "csv"},
            {"noise.csv", noise, "csv"},
        };
        std::vector<Case> cases;
        for (const auto& m : monsters) {
            const QString path = dir.path() + "/" + m.name;
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(m.bytes);
            f.close();
            cases.push_back({m.name, argsFor(QString::fromLatin1(m.kind), path), true});
        }
        runAll(cases, dir.path());
    }
};

QTEST_GUILESS_MAIN(TestFuzzCorpus)
#include "tst_fuzz_corpus.moc"
