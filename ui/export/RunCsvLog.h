#pragma once
// Every metric row of the current run, appended to a temporary metrics.csv as the rows
// arrive (main and twin columns, in the format `reglab run` writes), so "Export all" saves
// the full-resolution history while the charts keep only a decimated copy and memory stays
// flat. A rollback cuts the file back to its step; a new run starts a new file.
#include "labs/MetricSpec.h"

#include <QString>
#include <QTemporaryDir>

#include <fstream>
#include <vector>

class RunCsvLog {
public:
    // A new run with these columns (twin_<id> ones included); forgets the old rows.
    void start(const std::vector<reglab::MetricSpec>& metrics);
    void add(const std::vector<reglab::MetricRow>& rows);
    // Keeps the rows up to `step` (a rollback).
    void truncateAfter(int64_t step);
    // Copies the rows so far to `path` (atomically). "" or one clear sentence.
    QString saveTo(const QString& path);
    int64_t rowCount() const { return m_rows; }
    // The rows so far as metrics.csv text (a session's history). Beyond `maxBytes`, every
    // k-th row is kept (the first and last always): the curves keep their shape.
    std::string text(size_t maxBytes);

private:
    QString path() const;

    QTemporaryDir m_dir;
    std::ofstream m_file;
    int64_t m_rows = 0;
};
