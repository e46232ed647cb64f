#include "run/MetricsCsvStream.h"

#include "run/CsvWriter.h"

namespace reglab {

std::string MetricsCsvStream::open(const std::string& path, const std::vector<MetricSpec>& metrics,
                                   const std::vector<MetricSpec>* twinMetrics)
{
    m_path = path;
    m_file.open(path, std::ios::trunc);
    if (!m_file)
        return "cannot create '" + path + "'";
    std::vector<MetricSpec> columns = metrics;
    m_mainColumns = metrics.size();
    m_twinColumns = twinMetrics ? twinMetrics->size() : 0;
    if (twinMetrics)
        for (MetricSpec m : *twinMetrics) {
            m.id = "twin_" + m.id;
            columns.push_back(m);
        }
    CsvWriter(m_file).writeMetricHeader(columns);
    return {};
}

void MetricsCsvStream::write(const MetricRow& row)
{
    if (m_file.is_open())
        CsvWriter(m_file).writeMetricRow(row);
}

void MetricsCsvStream::writePair(int64_t step, const MetricRow* main, const MetricRow* twin)
{
    if (!m_file.is_open())
        return;
    std::string line = std::to_string(step);
    auto cells = [&](const MetricRow* row, size_t columns) {
        for (size_t i = 0; i < columns; ++i) {
            line += ',';
            if (row && i < row->values.size())
                line += CsvWriter::number(row->values[i]);
        }
    };
    cells(main, m_mainColumns);
    cells(twin, m_twinColumns);
    m_file << line << '\n';
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
