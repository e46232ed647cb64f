#pragma once
// Helpers for the lab tests: a lab with some params set and reset, a metric's column, and
// a run that collects the logged rows (the step-0 row first).
#include "labs/LabRegistry.h"

#include <QtTest>
#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace labrun {

using Sets = std::vector<std::pair<std::string, std::string>>;

inline std::unique_ptr<reglab::Lab> makeLab(const std::string& id, const Sets& sets, uint64_t seed = 1)
{
    auto lab = reglab::createLab(id);
    for (const auto& [k, v] : sets) {
        const std::string err = lab->setText(k, v);
        if (!err.empty())
            qFatal("%s", err.c_str());
    }
    lab->reset(seed);
    return lab;
}

inline int column(const reglab::Lab& lab, const std::string& id)
{
    const auto m = lab.metrics();
    for (size_t i = 0; i < m.size(); ++i)
        if (m[i].id == id)
            return int(i);
    return -1;
}

// The value of column `column` at `step`: that step's row, or the last one before it.
inline double valueAt(const std::vector<reglab::MetricRow>& rows, int column, int64_t step)
{
    double v = std::nan("");
    for (const reglab::MetricRow& r : rows)
        if (r.step <= step)
            v = r.values[size_t(column)];
    return v;
}

// Until `steps` steps, the lab finishes or the loss stops being finite.
inline std::vector<reglab::MetricRow> run(reglab::Lab& lab, int steps)
{
    std::vector<reglab::MetricRow> rows{lab.initialRow()};
    for (int i = 0; i < steps && !lab.finished(); ++i) {
        reglab::StepResult r = lab.step();
        if (r.logged)
            rows.push_back(r.row);
        if (r.nonFinite)
            break;
    }
    return rows;
}

} // namespace labrun
