#pragma once
// Test input files: `bytes` written to `name` in a temporary folder, and one CSV text in
// every form of line ending a reader must accept.
#include <QByteArray>
#include <QFile>
#include <QList>
#include <QStringList>
#include <QString>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

namespace tempfile {

// The file's path, or "" when it could not be written.
inline QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    QFile f(dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(bytes);
    return f.fileName();
}

// A FIFO (a reader that opens it blocks until a writer comes); "" when it could not be made.
inline QString makeFifo(const QTemporaryDir& dir, const QString& name)
{
    const QString path = dir.filePath(name);
    return ::mkfifo(path.toLocal8Bit().constData(), 0600) == 0 ? path : QString();
}

// Paths that exist but are no regular files, for a reader to refuse without opening them: a
// FIFO in `dir` (opening it would block), /dev/zero (never ends) and /dev/null.
inline QStringList specialFiles(const QTemporaryDir& dir)
{
    return {makeFifo(dir, QStringLiteral("pipe.csv")), QStringLiteral("/dev/zero"), QStringLiteral("/dev/null")};
}

// `firstLine` followed by zeros up to `bytes` in all, as a sparse file (it takes no disk).
inline QString writeSparseFile(const QTemporaryDir& dir, const QString& name, const QByteArray& firstLine, qint64 bytes)
{
    const QString path = writeFile(dir, name, firstLine);
    return !path.isEmpty() && ::truncate(path.toLocal8Bit().constData(), off_t(bytes)) == 0 ? path : QString();
}

// Rows of a data-driven test (its column "content", a QByteArray): `lines` joined by LF, by
// CRLF, by CR alone (old Mac), by mixed endings without a final one, and after a UTF-8 BOM.
inline void addLineEndingRows(const QList<QByteArray>& lines)
{
    QTest::newRow("LF") << lines.join('\n') + '\n';
    QTest::newRow("CRLF") << lines.join("\r\n") + "\r\n";
    QTest::newRow("CR only (old Mac)") << lines.join('\r') + '\r';
    QByteArray mixed = lines.front();
    for (qsizetype i = 1; i < lines.size(); ++i)
        mixed += (i % 2 ? "\r\n" : "\r") + lines[i];
    QTest::newRow("mixed, no final end") << mixed;
    QTest::newRow("BOM, CRLF") << "\xEF\xBB\xBF" + lines.join("\r\n") + "\r\n";
}

} // namespace tempfile
