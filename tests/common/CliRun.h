#pragma once
// Running the reglab executable from the CLI tests (black-box) and reading what it wrote.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QtTest>

namespace clirun {

struct Result {
    int code = -1;
    QString out, err;
};

inline Result reglab(const QStringList& args, const QString& cwd = {}, int timeoutMs = 240000,
              const QProcessEnvironment& environment = {})
{
    QProcess p;
    if (!cwd.isEmpty())
        p.setWorkingDirectory(cwd);
    QProcessEnvironment env = environment;
    if (env.isEmpty()) {
        env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    }
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(REGLAB_EXE), args);
    Result r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2; // -2: crashed
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// A refusal: exit `code` and one line "reglab: ..." on stderr.
inline void expectOneLine(const Result& r, int code)
{
    QCOMPARE(r.code, code);
    QVERIFY2(r.err.startsWith("reglab: ") && r.err.endsWith('\n') && r.err.count('\n') == 1, qPrintable(r.err));
}

// `reglab ARGS --out OUT` refused as bad input: exit 2, one line on stderr that says `expect`,
// and nothing written.
inline void expectRefused(const QStringList& args, const QString& out, const QString& expect)
{
    const Result r = reglab(args + QStringList{QStringLiteral("--out"), out}, {}, 60000);
    expectOneLine(r, 2);
    QVERIFY2(r.err.contains(expect), qPrintable(args.join(' ') + ": " + r.err));
    QVERIFY(!QFileInfo::exists(out));
}

inline QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline QJsonObject readJson(const QString& path, QString* error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(readAll(path), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        *error = path + ": " + pe.errorString();
    return doc.object();
}

// Everything under dir, relative, sorted (hidden entries included).
inline QStringList listTree(const QString& dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        out << QDir(dir).relativeFilePath(it.next());
    out.sort();
    return out;
}

// The value of column `name` in the last row of a metrics.csv.
inline double lastValue(const QByteArray& csv, const QString& name, bool* ok)
{
    const QList<QByteArray> lines = csv.trimmed().split('\n');
    *ok = false;
    if (lines.size() < 2)
        return 0;
    const QList<QByteArray> header = lines.front().split(',');
    const QList<QByteArray> last = lines.back().split(',');
    const qsizetype col = header.indexOf(name.toUtf8());
    if (col < 0 || col >= last.size())
        return 0;
    return last[col].toDouble(ok);
}

// A python3 that can import numpy, or "" (the pyenv shim on PATH may lack it).
inline QString pythonWithNumpy()
{
    for (const QString& exe : {QStringLiteral("python3"), QStringLiteral("/usr/bin/python3")}) {
        QProcess p;
        p.start(exe, {QStringLiteral("-c"), QStringLiteral("import numpy")});
        if (p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0)
            return exe;
    }
    return {};
}

} // namespace clirun
