#pragma once
// The files of `reglab run --out DIR`, except the chart images (those need Qt):
//   metrics.csv, summary.json, session.json,
//   model/<name>.npy per tensor and data/train.csv, data/val.csv (labs that are ExportableLab;
//   the data in the format of core/data/CsvDataset.h, so it loads back as a CSV data set).
// Write them into OutputDir::path(), then commit, so a failure leaves nothing.
#include "run/Runner.h"

#include <string>
#include <vector>

namespace reglab {

class RunWriter {
public:
    // "" on success, else one clear sentence. *written gets the paths relative to dir.
    static std::string writeAll(const std::string& dir, const Runner& runner,
                                std::vector<std::string>* written = nullptr);
    static std::string writeMetricsCsv(const std::string& path, const std::vector<MetricSpec>& metrics,
                                       const std::vector<MetricRow>& rows);
    // A tensor name made safe as a file name: anything but [A-Za-z0-9._-] becomes '_'.
    static std::string safeFileStem(const std::string& name);
};

} // namespace reglab
