#include "run/SweepCsv.h"

#include "run/CsvWriter.h"

#include <algorithm>
#include <sstream>

namespace reglab {

std::string sweepCsv(const std::string& param, const std::vector<MetricSpec>& metrics, std::vector<SweepPoint> points)
{
    std::sort(points.begin(), points.end(), [](const SweepPoint& a, const SweepPoint& b) { return a.index < b.index; });
    std::ostringstream out;
    CsvWriter csv(out);
    std::vector<std::string> header{param, "seed"};
    for (const MetricSpec& m : metrics)
        header.push_back(m.id);
    csv.writeHeader(header);
    for (const SweepPoint& p : points) {
        if (!p.done)
            continue;
        out << CsvWriter::field(p.value) << ',' << p.seed;
        for (double v : p.finals)
            out << ',' << CsvWriter::number(v);
        out << '\n';
    }
    return out.str();
}

} // namespace reglab
