#include "run/SweepCsv.h"

#include "run/CsvWriter.h"

#include <algorithm>
#include <sstream>

namespace reglab {

std::string sweepCsv(const std::string& param, const std::vector<MetricSpec>& metrics, std::vector<SweepPoint> points,
                     const std::string& by)
{
    std::sort(points.begin(), points.end(), [](const SweepPoint& a, const SweepPoint& b) { return a.index < b.index; });
    std::ostringstream out;
    CsvWriter csv(out);
    // A param named like a metric (continual's `penalty`) gets a column of its own name.
    auto column = [&](const std::string& id) {
        const bool clash = std::any_of(metrics.begin(), metrics.end(), [&](const MetricSpec& m) { return m.id == id; });
        return clash ? "param_" + id : id;
    };
    std::vector<std::string> header{column(param), "seed"};
    if (!by.empty())
        header.insert(header.begin(), column(by));
    for (const MetricSpec& m : metrics)
        header.push_back(m.id);
    csv.writeHeader(header);
    for (const SweepPoint& p : points) {
        if (!p.done)
            continue;
        if (!by.empty())
            out << CsvWriter::field(p.curve) << ',';
        out << CsvWriter::field(p.value) << ',' << p.seed;
        for (double v : p.finals)
            out << ',' << CsvWriter::number(v);
        out << '\n';
    }
    return out.str();
}

} // namespace reglab
