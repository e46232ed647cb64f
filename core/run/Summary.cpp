#include "run/Summary.h"

#include <cmath>

namespace reglab {

namespace {
// JSON has no NaN: readers get null, in memory as well as in the file.
Json finiteOrNull(double v) { return std::isfinite(v) ? Json(v) : Json(); }
} // namespace

void Summary::begin(const std::vector<MetricSpec>& specs)
{
    metrics.clear();
    for (const MetricSpec& spec : specs) {
        MetricSummary m;
        m.id = spec.id;
        m.higherIsBetter = spec.higherIsBetter;
        metrics.push_back(std::move(m));
    }
}

void Summary::add(const MetricRow& row)
{
    for (size_t m = 0; m < metrics.size() && m < row.values.size(); ++m) {
        MetricSummary& s = metrics[m];
        const double v = row.values[m];
        s.final = v;
        if (!std::isfinite(v))
            continue;
        // Strict comparison: ties keep the earliest step.
        const bool better = s.bestStep < 0 || (s.higherIsBetter ? v > s.best : v < s.best);
        if (better) {
            s.best = v;
            s.bestStep = row.step;
        }
    }
}

void Summary::computeMetrics(const std::vector<MetricSpec>& specs, const std::vector<MetricRow>& rows)
{
    begin(specs);
    for (const MetricRow& row : rows)
        add(row);
}

const MetricSummary* Summary::find(const std::string& id) const
{
    for (const auto& m : metrics)
        if (m.id == id)
            return &m;
    return nullptr;
}

Json Summary::toJson() const
{
    Json j = Json::object();
    j.set("lab", lab);
    j.set("seed", seed);
    j.set("steps_requested", stepsRequested);
    j.set("steps", stepsRun);
    j.set("stopped_early", stoppedEarly);
    j.set("diverged", diverged);
    if (diverged)
        j.set("diverged_what", divergedWhat);
    if (diverged && modelStep >= 0) {
        Json model = Json::object();
        model.set("step", modelStep);
        model.set("note", "model/ holds the weights of step " + std::to_string(modelStep)
                              + ", the last finite state before the divergence");
        j.set("model", std::move(model));
    }
    if (earlyStopBestStep >= 0)
        j.set("early_stopping_best_step", earlyStopBestStep);
    Json ms = Json::object();
    for (const auto& m : metrics) {
        Json e = Json::object();
        e.set("final", finiteOrNull(m.final));
        e.set("best", finiteOrNull(m.best));
        e.set("best_step", m.bestStep >= 0 ? Json(m.bestStep) : Json());
        e.set("higher_is_better", m.higherIsBetter);
        ms.set(m.id, std::move(e));
    }
    j.set("metrics", std::move(ms));
    return j;
}

} // namespace reglab
