#include "session/SessionData.h"

#include <limits>

LabDescription LabDescription::of(const reglab::Lab& lab, const reglab::Lab* twin, const std::string& twinLabel)
{
    LabDescription d;
    d.id = lab.id();
    d.title = lab.title();
    d.description = lab.description();
    d.params = lab.params();
    d.values.reserve(d.params.size());
    for (const auto& p : d.params)
        d.values.push_back(lab.value(p.id));
    d.metrics = lab.metrics();
    d.seed = lab.seed();
    d.step = lab.stepCount();
    d.initialRow = lab.initialRow();
    d.events = lab.events();
    d.mainMetricCount = d.metrics.size();
    if (twin) {
        d.twinLabel = twinLabel.empty() ? std::string("twin") : twinLabel;
        const auto twinMetrics = twin->metrics();
        for (reglab::MetricSpec m : twinMetrics) {
            m.id = "twin_" + m.id;
            m.label = "twin: " + d.twinLabel;
            d.metrics.push_back(m);
        }
        d.initialRow = mergeRows(0, &lab.initialRow(), d.mainMetricCount, &twin->initialRow(), twinMetrics.size());
    }
    return d;
}

reglab::MetricRow LabDescription::mergeRows(int64_t step, const reglab::MetricRow* main, size_t mainColumns,
                                            const reglab::MetricRow* twin, size_t twinColumns)
{
    reglab::MetricRow r;
    r.step = step;
    r.values.assign(mainColumns + twinColumns, std::numeric_limits<double>::quiet_NaN());
    for (size_t i = 0; main && i < mainColumns && i < main->values.size(); ++i)
        r.values[i] = main->values[i];
    for (size_t i = 0; twin && i < twinColumns && i < twin->values.size(); ++i)
        r.values[mainColumns + i] = twin->values[i];
    return r;
}

const reglab::ParamSpec* LabDescription::findParam(const std::string& id) const
{
    const int i = paramIndex(id);
    return i < 0 ? nullptr : &params[size_t(i)];
}

int LabDescription::paramIndex(const std::string& id) const
{
    for (size_t i = 0; i < params.size(); ++i)
        if (params[i].id == id)
            return int(i);
    return -1;
}
