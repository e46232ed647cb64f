#pragma once
// Test input files: `bytes` written to `name` in a temporary folder, and one CSV text in
// every form of line ending a reader must accept.
#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>
#include <QTemporaryDir>
#include <QtTest>

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
