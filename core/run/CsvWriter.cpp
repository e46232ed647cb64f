#include "run/CsvWriter.h"

#include <charconv>
#include <cmath>

namespace reglab {

std::string CsvWriter::number(double v)
{
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v); // shortest round-trip, locale-free
    return std::string(buf, r.ptr);
}

std::string CsvWriter::number(float v)
{
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

std::string CsvWriter::field(const std::string& text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string q = "\"";
    for (const char c : text) {
        if (c == '"')
            q += '"';
        q += c;
    }
    return q + '"';
}

void CsvWriter::writeHeader(const std::vector<std::string>& names)
{
    std::string line;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i)
            line += ',';
        line += field(names[i]);
    }
    m_out << line << '\n';
}

void CsvWriter::writeRow(const std::vector<double>& values)
{
    std::string line;
    for (size_t i = 0; i < values.size(); ++i) {
        if (i)
            line += ',';
        line += number(values[i]);
    }
    m_out << line << '\n';
}

void CsvWriter::writeMetricHeader(const std::vector<MetricSpec>& metrics)
{
    std::vector<std::string> names{"step"};
    for (const auto& m : metrics)
        names.push_back(m.id);
    writeHeader(names);
}

void CsvWriter::writeMetricRow(const MetricRow& row)
{
    std::string line = std::to_string(row.step);
    for (const double v : row.values) {
        line += ',';
        line += number(v);
    }
    m_out << line << '\n';
}

} // namespace reglab
