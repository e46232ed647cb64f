#pragma once
// Small helpers shared by the run-code tests (tst_json, tst_runner).
#include <QFile>
#include <QString>

#include <cstring>
#include <string>

namespace reglab::runtest {

// The whole file as bytes; empty when it cannot be opened.
inline std::string readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll().toStdString();
}

// Bit-for-bit equality: NaN payloads and -0.0 count, unlike ==.
inline bool sameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

} // namespace reglab::runtest
