#include "export/RunCsvLog.h"

#include "run/AtomicFile.h"
#include "run/CsvWriter.h"

#include <QFile>
#include <QObject>

#include <sstream>
#include <string_view>
#include <vector>

QString RunCsvLog::path() const { return m_dir.filePath(QStringLiteral("metrics.csv")); }

void RunCsvLog::start(const std::vector<reglab::MetricSpec>& metrics)
{
    m_file.close();
    m_rows = 0;
    if (!m_dir.isValid())
        return;
    m_file.open(path().toStdString(), std::ios::binary | std::ios::trunc);
    reglab::CsvWriter(m_file).writeMetricHeader(metrics);
}

void RunCsvLog::add(const std::vector<reglab::MetricRow>& rows)
{
    if (!m_file.is_open())
        return;
    for (const reglab::MetricRow& r : rows)
        reglab::CsvWriter(m_file).writeMetricRow(r);
    m_rows += int64_t(rows.size());
}

void RunCsvLog::truncateAfter(int64_t step)
{
    if (!m_file.is_open())
        return;
    m_file.close();
    std::ifstream in(path().toStdString(), std::ios::binary);
    std::ostringstream kept;
    std::string line;
    int64_t rows = 0;
    if (std::getline(in, line))
        kept << line << '\n'; // the header
    while (std::getline(in, line)) {
        if (std::stoll(line.substr(0, line.find(','))) > step)
            break;
        kept << line << '\n';
        ++rows;
    }
    in.close();
    m_file.open(path().toStdString(), std::ios::binary | std::ios::trunc);
    m_file << kept.str();
    m_rows = rows;
}

QString RunCsvLog::saveTo(const QString& target)
{
    if (!m_file.is_open())
        return QObject::tr("There is no metrics history to export.");
    m_file.flush();
    if (!m_file)
        return QObject::tr("The metrics history could not be written (disk full?).");
    QFile in(path());
    if (!in.open(QIODevice::ReadOnly))
        return QObject::tr("The metrics history cannot be read.");
    const QByteArray bytes = in.readAll();
    if (std::string e = reglab::AtomicFile::write(target.toStdString(), bytes.toStdString()); !e.empty())
        return QString::fromStdString(e);
    return {};
}

std::string RunCsvLog::text(size_t maxBytes)
{
    if (!m_file.is_open())
        return {};
    m_file.flush();
    std::ifstream in(path().toStdString(), std::ios::binary);
    std::ostringstream all;
    all << in.rdbuf();
    std::string text = all.str();
    if (text.size() <= maxBytes)
        return text;
    std::vector<std::string_view> lines;
    for (size_t pos = 0; pos < text.size();) {
        size_t end = text.find('\n', pos);
        end = end == std::string::npos ? text.size() : end + 1;
        lines.emplace_back(text.data() + pos, end - pos);
        pos = end;
    }
    const size_t k = text.size() / maxBytes + 1;
    std::string out(lines.front()); // the header
    for (size_t i = 1; i < lines.size(); ++i)
        if ((i - 1) % k == 0 || i + 1 == lines.size())
            out += lines[i];
    return out;
}
