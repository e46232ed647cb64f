#include "run/LabJson.h"

namespace reglab {

namespace {

const char* typeName(ParamType t)
{
    switch (t) {
    case ParamType::Float: return "float";
    case ParamType::Int: return "int";
    case ParamType::Bool: return "bool";
    case ParamType::Choice: return "choice";
    case ParamType::Path: return "path";
    case ParamType::Points: return "points";
    }
    return "?";
}

Json typedValue(const ParamSpec& s, const ParamValue& v)
{
    switch (s.type) {
    case ParamType::Bool: return Json(v.number != 0.0);
    case ParamType::Choice:
    case ParamType::Path:
    case ParamType::Points: return Json(v.text);
    default: return Json(v.number);
    }
}

} // namespace

Json describeLabJson(Lab& lab)
{
    try {
        lab.reset(1); // metric columns may depend on the built model (one weight norm per layer)
    } catch (const std::exception&) {
        // Defaults that cannot build a lab still describe its params; metrics as declared.
    }
    Json j = Json::object();
    j.set("id", lab.id());
    j.set("title", lab.title());
    j.set("description", lab.description());
    Json params = Json::array();
    for (const ParamSpec& s : lab.params()) {
        Json p = Json::object();
        p.set("id", s.id);
        p.set("label", s.label);
        p.set("short_label", s.shortLabel);
        p.set("group", s.group);
        p.set("tooltip", s.tooltip);
        p.set("type", typeName(s.type));
        if (s.type == ParamType::Float || s.type == ParamType::Int) {
            p.set("min", s.min);
            p.set("max", s.max);
        }
        if (s.type == ParamType::Float)
            p.set("log_scale", s.logScale);
        if (s.type == ParamType::Choice) {
            Json c = Json::array();
            for (const auto& name : s.choices)
                c.push(name);
            p.set("choices", std::move(c));
        }
        p.set("default", typedValue(s, s.defaultValue));
        p.set("default_text", s.toText(s.defaultValue));
        p.set("live", s.live);
        p.set("allowed", s.allowedText());
        params.push(std::move(p));
    }
    j.set("params", std::move(params));
    Json metrics = Json::array();
    for (const MetricSpec& m : lab.metrics()) {
        Json o = Json::object();
        o.set("id", m.id);
        o.set("label", m.label);
        o.set("unit", m.unit);
        o.set("chart", m.chart);
        o.set("higher_is_better", m.higherIsBetter);
        metrics.push(std::move(o));
    }
    j.set("metrics", std::move(metrics));
    return j;
}


} // namespace reglab
