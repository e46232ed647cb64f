#pragma once
// Comma-separated output: DIR/metrics.csv (`step,<metric ids...>`) and the data files.
// Numbers are written in their shortest exact form (they read back bit for bit), NaN as
// `nan` and infinities as `inf` / `-inf`, which NumPy, pandas and spreadsheets read.
#include "labs/MetricSpec.h"

#include <ostream>
#include <string>
#include <vector>

namespace reglab {

class CsvWriter {
public:
    explicit CsvWriter(std::ostream& out) : m_out(out) {}

    // Text fields, quoted only when they contain a comma, quote or line break.
    void writeHeader(const std::vector<std::string>& names);
    void writeRow(const std::vector<double>& values);
    // `step,<values...>`
    void writeMetricRow(const MetricRow& row);
    // The metrics.csv header: `step,<ids...>`.
    void writeMetricHeader(const std::vector<MetricSpec>& metrics);

    static std::string number(double v);
    static std::string number(float v); // shortest text that reads back to the same float
    static std::string field(const std::string& text);

private:
    std::ostream& m_out;
};

} // namespace reglab
