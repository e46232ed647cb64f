#include "run/RunPlan.h"
#include "MessageText.h"

#include <charconv>
#include <cstdint>

namespace reglab {

std::string RunPlan::parseAssignment(const std::string& text, std::string* key, std::string* value)
{
    const size_t eq = text.find('=');
    if (eq == std::string::npos)
        return "'" + shownValue(text) + "' is not of the form name=value";
    if (eq == 0)
        return "'" + shownValue(text) + "' has no parameter name before '='";
    *key = text.substr(0, eq);
    *value = text.substr(eq + 1);
    return {};
}

std::string RunPlan::parseInteger(const std::string& text, const std::string& what, int64_t lo, int64_t hi,
                                  int64_t* out)
{
    const std::string range = hi == INT64_MAX
        ? "a whole number >= " + std::to_string(lo)
        : "a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
    int64_t v = 0;
    const char* end = text.data() + text.size();
    const auto r = std::from_chars(text.data(), end, v);
    if (text.empty() || r.ec == std::errc::invalid_argument || r.ptr != end)
        return what + " must be " + range + ", got '" + shownValue(text) + "'";
    if (r.ec == std::errc::result_out_of_range || v < lo || v > hi)
        return what + " must be " + range + ", got " + shownValue(text);
    *out = v;
    return {};
}

RunPlan RunPlan::twinPlan() const
{
    RunPlan t;
    t.lab = lab;
    t.steps = steps;
    t.seed = seed;
    t.sets = sets;
    t.sets.insert(t.sets.end(), twinSets.begin(), twinSets.end());
    for (const ParamChange& c : changes)
        if (!twinOwns(c.param))
            t.changes.push_back(c);
    t.changes.insert(t.changes.end(), twinChanges.begin(), twinChanges.end());
    return t;
}

bool RunPlan::twinOwns(const std::string& param) const
{
    for (const auto& kv : twinSets)
        if (kv.first == param)
            return true;
    for (const ParamChange& c : twinChanges)
        if (c.param == param)
            return true;
    return false;
}

std::string RunPlan::twinLabel() const
{
    std::string s;
    for (const auto& [k, v] : twinSets)
        s += (s.empty() ? "" : ", ") + k + " " + v;
    for (const ParamChange& c : twinChanges)
        s += (s.empty() ? "" : ", ") + c.param + " " + c.value + " at " + std::to_string(c.step);
    return s;
}

std::string RunPlan::parseChange(const std::string& text, ParamChange* change)
{
    const size_t colon = text.find(':');
    if (colon == std::string::npos)
        return "--at '" + shownValue(text) + "' is not of the form STEP:name=value";
    int64_t step = 0;
    std::string err = parseInteger(text.substr(0, colon), "the step of --at '" + shownValue(text) + "'", 0, INT64_MAX, &step);
    if (!err.empty())
        return err;
    std::string key, value;
    err = parseAssignment(text.substr(colon + 1), &key, &value);
    if (!err.empty())
        return "--at " + err + " (expected STEP:name=value)";
    change->step = step;
    change->param = key;
    change->value = value;
    return {};
}

} // namespace reglab
