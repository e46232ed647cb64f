#pragma once
// metrics.csv written as the run goes (`step,<metric ids...>`, one row per logged step), so
// the rows of a run of any length never pile up in memory.
#include "labs/MetricSpec.h"

#include <fstream>
#include <string>
#include <vector>

namespace reglab {

class MetricsCsvStream {
public:
    // Creates the file and writes the header. "" or one clear sentence.
    std::string open(const std::string& path, const std::vector<MetricSpec>& metrics);
    bool isOpen() const { return m_file.is_open(); }
    void write(const MetricRow& row);
    // Flushes and closes. "" or one clear sentence (a full disk shows here).
    std::string close();

private:
    std::ofstream m_file;
    std::string m_path;
};

} // namespace reglab
