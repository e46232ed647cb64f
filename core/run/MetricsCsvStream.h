#pragma once
// metrics.csv written as the run goes (`step,<metric ids...>`, one row per logged step), so
// the rows of a run of any length never pile up in memory. With a twin, the twin's metrics
// follow as `twin_<id>` columns; a row has empty cells for a run that did not log that step.
#include "labs/MetricSpec.h"

#include <fstream>
#include <string>
#include <vector>

namespace reglab {

class MetricsCsvStream {
public:
    // Creates the file and writes the header. "" or one clear sentence.
    std::string open(const std::string& path, const std::vector<MetricSpec>& metrics,
                     const std::vector<MetricSpec>* twinMetrics = nullptr);
    bool isOpen() const { return m_file.is_open(); }
    void write(const MetricRow& row);
    // One row of a run with a twin: either side may be missing (nullptr).
    void writePair(int64_t step, const MetricRow* main, const MetricRow* twin);
    // Flushes and closes. "" or one clear sentence (a full disk shows here).
    std::string close();

private:
    std::ofstream m_file;
    std::string m_path;
    size_t m_mainColumns = 0, m_twinColumns = 0;
};

} // namespace reglab
