#include "run/MetricsCsvStream.h"

#include "run/CsvWriter.h"

namespace reglab {

std::string MetricsCsvStream::open(const std::string& path, const std::vector<MetricSpec>& metrics)
{
    m_path = path;
    m_file.open(path, std::ios::trunc);
    if (!m_file)
        return "cannot create '" + path + "'";
    CsvWriter(m_file).writeMetricHeader(metrics);
    return {};
}

void MetricsCsvStream::write(const MetricRow& row)
{
    if (m_file.is_open())
        CsvWriter(m_file).writeMetricRow(row);
}

std::string MetricsCsvStream::close()
{
    if (!m_file.is_open())
        return {};
    m_file.close();
    if (!m_file)
        return "cannot write '" + m_path + "' (disk full?)";
    return {};
}

} // namespace reglab
