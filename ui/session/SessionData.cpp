#include "session/SessionData.h"

#include "run/TwinColumns.h"

LabDescription LabDescription::of(const reglab::Lab& lab, const reglab::Lab* twin, const std::string& twinLabel)
{
    LabDescription d;
    d.id = lab.id();
    d.title = lab.title();
    d.description = lab.description();
    d.params = lab.params();
    d.values.reserve(d.params.size());
    for (const auto& p : d.params) {
        d.values.push_back(lab.value(p.id));
        d.asked.push_back(lab.asked(p.id));
    }
    d.metrics = lab.metrics();
    d.seed = lab.seed();
    d.defaultSteps = lab.defaultSteps();
    d.step = lab.stepCount();
    d.initialRow = lab.initialRow();
    d.events = lab.events();
    d.mainMetricCount = d.metrics.size();
    if (twin) {
        d.twinLabel = twinLabel.empty() ? std::string("twin") : twinLabel;
        const auto twinMetrics = twin->metrics();
        d.metrics = reglab::twinColumns(d.metrics, twinMetrics, d.twinLabel);
        d.initialRow = reglab::mergeTwinRows(0, &lab.initialRow(), d.mainMetricCount, &twin->initialRow(),
                                             twinMetrics.size());
    }
    return d;
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
