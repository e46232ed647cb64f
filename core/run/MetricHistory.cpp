#include "run/MetricHistory.h"

#include "data/CsvText.h"
#include "run/CsvWriter.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>

namespace reglab {

std::string metricHistoryText(const std::vector<MetricSpec>& columns, const std::vector<MetricRow>& rows)
{
    std::ostringstream out;
    CsvWriter w(out);
    w.writeMetricHeader(columns);
    for (const MetricRow& r : rows)
        w.writeMetricRow(r);
    return out.str();
}

std::optional<std::vector<MetricRow>> parseMetricHistory(const std::string& text,
                                                         const std::vector<MetricSpec>& columns,
                                                         int64_t lastStep, std::string* error)
{
    auto fail = [&](const std::string& msg) -> std::optional<std::vector<MetricRow>> {
        if (error)
            *error = "the saved metrics " + msg;
        return std::nullopt;
    };
    std::vector<MetricRow> rows;
    std::vector<std::string_view> fields;
    size_t pos = 0;
    int line = 0;
    int64_t previous = -1;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos)
            end = text.size();
        const std::string_view l = csvtext::trim(std::string_view(text).substr(pos, end - pos));
        pos = end + 1;
        ++line;
        if (l.empty())
            continue;
        csvtext::splitFields(l, fields);
        if (fields.size() != columns.size() + 1)
            return fail("have " + std::to_string(fields.size()) + " columns on line " + std::to_string(line) + ", not "
                        + std::to_string(columns.size() + 1) + " (step and this lab's metrics)");
        if (line == 1) {
            bool same = fields[0] == "step";
            for (size_t i = 0; same && i < columns.size(); ++i)
                same = fields[i + 1] == columns[i].id;
            if (!same)
                return fail("are not this lab's metrics (the header differs)");
            continue;
        }
        MetricRow r;
        const auto [p, ec] = std::from_chars(fields[0].data(), fields[0].data() + fields[0].size(), r.step);
        if (ec != std::errc() || p != fields[0].data() + fields[0].size() || r.step < 0 || r.step > lastStep
            || r.step <= previous)
            return fail("have a bad step on line " + std::to_string(line)
                        + " (whole numbers, increasing, up to the session's last step)");
        previous = r.step;
        r.values.resize(columns.size());
        for (size_t i = 0; i < columns.size(); ++i) {
            const std::string_view f = fields[i + 1];
            double v = std::numeric_limits<double>::quiet_NaN();
            if (f == "inf" || f == "-inf")
                v = f[0] == '-' ? -HUGE_VAL : HUGE_VAL;
            else if (!f.empty() && f != "nan" && csvtext::parseNumber(f, v) != csvtext::Num::Ok)
                return fail("have a cell that is not a number on line " + std::to_string(line));
            r.values[i] = v;
        }
        rows.push_back(std::move(r));
    }
    if (line == 0)
        return fail("are empty");
    return rows;
}

} // namespace reglab
