#include "run/TwinColumns.h"
#include <cmath>
#include <algorithm>

#include <limits>

namespace reglab {

std::vector<MetricSpec> twinColumns(const std::vector<MetricSpec>& main, const std::vector<MetricSpec>& twin,
                                    const std::string& twinLabel)
{
    std::vector<MetricSpec> all = main;
    for (MetricSpec m : twin) {
        m.id = "twin_" + m.id;
        m.label = "twin: " + twinLabel;
        all.push_back(m);
    }
    return all;
}

MetricRow mergeTwinRows(int64_t step, const MetricRow* main, size_t mainColumns, const MetricRow* twin,
                        size_t twinColumns)
{
    MetricRow r;
    r.step = step;
    r.values.assign(mainColumns + twinColumns, std::numeric_limits<double>::quiet_NaN());
    for (size_t i = 0; main && i < mainColumns && i < main->values.size(); ++i)
        r.values[i] = main->values[i];
    for (size_t i = 0; twin && i < twinColumns && i < twin->values.size(); ++i)
        r.values[mainColumns + i] = twin->values[i];
    return r;
}

void forEachTwinStep(const std::vector<MetricRow>& main, const std::vector<MetricRow>& twin,
                     const std::function<void(int64_t, const MetricRow*, const MetricRow*)>& fn)
{
    size_t i = 0, k = 0;
    while (i < main.size() || k < twin.size()) {
        const MetricRow* a = i < main.size() ? &main[i] : nullptr;
        const MetricRow* b = k < twin.size() ? &twin[k] : nullptr;
        if (a && b && a->step == b->step) {
            fn(a->step, a, b);
            ++i, ++k;
        } else if (a && (!b || a->step < b->step)) {
            fn(a->step, a, nullptr);
            ++i;
        } else {
            fn(b->step, nullptr, b);
            ++k;
        }
    }
}

std::vector<MetricRow> mergeTwinHistories(const std::vector<MetricRow>& main, size_t mainColumns,
                                          const std::vector<MetricRow>& twin, size_t twinColumns)
{
    std::vector<MetricRow> out;
    forEachTwinStep(main, twin, [&](int64_t step, const MetricRow* a, const MetricRow* b) {
        out.push_back(mergeTwinRows(step, a, mainColumns, b, twinColumns));
    });
    return out;
}

std::pair<std::optional<MetricRow>, std::optional<MetricRow>> splitTwinRow(const MetricRow& row, size_t mainColumns)
{
    auto part = [&](size_t from, size_t to) -> std::optional<MetricRow> {
        MetricRow r;
        r.step = row.step;
        r.values.assign(row.values.begin() + long(std::min(from, row.values.size())),
                        row.values.begin() + long(std::min(to, row.values.size())));
        if (std::all_of(r.values.begin(), r.values.end(), [](double v) { return std::isnan(v); }))
            return std::nullopt;
        return r;
    };
    return {part(0, mainColumns), part(mainColumns, row.values.size())};
}

} // namespace reglab
