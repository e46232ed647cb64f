#include "lessons/ClaimTracker.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace reglab {

namespace {
bool samePoint(const ClaimPoint& a, const ClaimPoint& b)
{
    return a.run == b.run && a.metric == b.metric && a.at == b.at;
}
Json finiteOrNull(double v) { return std::isfinite(v) ? Json(v) : Json(); }
} // namespace

ClaimTracker::ClaimTracker(Claim claim) : m_claim(std::move(claim))
{
    for (const ClaimCheck& c : m_claim.checks) {
        track(c.lhs);
        if (!c.againstNumber)
            track(c.other);
    }
}

ClaimTracker::Tracked* ClaimTracker::track(const ClaimPoint& p)
{
    for (Tracked& t : m_points)
        if (samePoint(t.point, p))
            return &t;
    Tracked t;
    t.point = p;
    m_points.push_back(t);
    return &m_points.back();
}

const ClaimTracker::Tracked& ClaimTracker::find(const ClaimPoint& p) const
{
    for (const Tracked& t : m_points)
        if (samePoint(t.point, p))
            return t;
    throw std::logic_error("claim point not tracked");
}

std::string ClaimTracker::begin(const std::string& run, const std::vector<MetricSpec>& metrics)
{
    for (Tracked& t : m_points) {
        if (t.point.run != run)
            continue;
        t = Tracked{t.point};
        for (size_t i = 0; i < metrics.size(); ++i)
            if (metrics[i].id == t.point.metric) {
                t.column = int(i);
                t.higherIsBetter = metrics[i].higherIsBetter;
            }
        if (t.column < 0)
            return "the claim names the metric '" + t.point.metric + "', which the " + run + " run does not have";
    }
    return {};
}

void ClaimTracker::add(const std::string& run, const MetricRow& row)
{
    for (Tracked& t : m_points) {
        if (t.point.run != run || t.column < 0 || size_t(t.column) >= row.values.size())
            continue;
        const double v = row.values[size_t(t.column)];
        t.final = v;
        if (!t.seen) {
            t.min = t.max = v;
        } else if (std::isfinite(v)) {
            // NaN never wins a min or a max (a diverged tail is not a "best").
            if (!std::isfinite(t.min) || v < t.min)
                t.min = v;
            if (!std::isfinite(t.max) || v > t.max)
                t.max = v;
        }
        t.seen = true;
        if (t.point.step >= 0 && row.step <= t.point.step) {
            t.atStep = v; // the row of that step, or the last one before it
            t.hasAtStep = true;
        }
    }
}

double ClaimTracker::Tracked::value() const
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (!seen)
        return nan;
    if (point.step >= 0)
        return hasAtStep ? atStep : nan;
    if (point.at == "final")
        return final;
    if (point.at == "min")
        return min;
    if (point.at == "max")
        return max;
    return higherIsBetter ? max : min; // best
}

bool ClaimTracker::holds() const
{
    for (const ClaimCheck& c : m_claim.checks) {
        const double a = find(c.lhs).value();
        const double b = c.againstNumber ? c.number : c.times * find(c.other).value();
        if (!std::isfinite(a) || !std::isfinite(b) || !c.compare(a, b))
            return false;
    }
    return true;
}

Json ClaimTracker::verdict() const
{
    Json checks = Json::array();
    for (const ClaimCheck& c : m_claim.checks) {
        const double a = find(c.lhs).value();
        const double b = c.againstNumber ? c.number : c.times * find(c.other).value();
        Json j = Json::object();
        j.set("metric", c.lhs.metric);
        j.set("run", c.lhs.run);
        j.set("at", c.lhs.step >= 0 ? Json(c.lhs.step) : Json(c.lhs.at));
        j.set("op", c.op);
        j.set("value", finiteOrNull(a));
        j.set("other", finiteOrNull(b));
        j.set("against", c.describe());
        j.set("holds", std::isfinite(a) && std::isfinite(b) && c.compare(a, b));
        checks.push(std::move(j));
    }
    Json v = Json::object();
    v.set("holds", holds());
    v.set("text", m_claim.text);
    v.set("checks", std::move(checks));
    return v;
}

} // namespace reglab
