#include "labs/ParamBuilders.h"

namespace reglab {

ParamSpec floatParam(std::string id, std::string label, std::string shortLabel, std::string group, double lo,
                     double hi, double def, bool log, bool live, std::string tip)
{
    ParamSpec p;
    p.id = std::move(id);
    p.label = std::move(label);
    p.shortLabel = std::move(shortLabel);
    p.group = std::move(group);
    p.type = ParamType::Float;
    p.min = lo;
    p.max = hi;
    p.logScale = log;
    p.defaultValue = ParamValue::ofNumber(def);
    p.live = live;
    p.tooltip = std::move(tip);
    return p;
}

ParamSpec intParam(std::string id, std::string label, std::string shortLabel, std::string group, int lo, int hi,
                   int def, bool live, std::string tip)
{
    ParamSpec p = floatParam(std::move(id), std::move(label), std::move(shortLabel), std::move(group), lo, hi, def,
                             false, live, std::move(tip));
    p.type = ParamType::Int;
    return p;
}

ParamSpec boolParam(std::string id, std::string label, std::string shortLabel, std::string group, bool def,
                    bool live, std::string tip)
{
    ParamSpec p = floatParam(std::move(id), std::move(label), std::move(shortLabel), std::move(group), 0, 1, def,
                             false, live, std::move(tip));
    p.type = ParamType::Bool;
    return p;
}

ParamSpec choiceParam(std::string id, std::string label, std::string shortLabel, std::string group,
                      std::vector<std::string> choices, std::string def, bool live, std::string tip)
{
    ParamSpec p;
    p.id = std::move(id);
    p.label = std::move(label);
    p.shortLabel = std::move(shortLabel);
    p.group = std::move(group);
    p.type = ParamType::Choice;
    p.choices = std::move(choices);
    p.defaultValue = ParamValue::ofChoice(std::move(def));
    p.live = live;
    p.tooltip = std::move(tip);
    return p;
}

ParamSpec pathParam(std::string id, std::string label, std::string shortLabel, std::string group, std::string tip)
{
    ParamSpec p = choiceParam(std::move(id), std::move(label), std::move(shortLabel), std::move(group), {}, "", false,
                              std::move(tip));
    p.type = ParamType::Path;
    return p;
}

ParamSpec onlyWhen(ParamSpec p, std::string param, std::vector<std::string> values)
{
    p.enabledWhen = ParamCondition{std::move(param), std::move(values)};
    return p;
}

} // namespace reglab

namespace reglab {

ParamSpec pointsParam(std::string id, std::string label, std::string shortLabel, std::string group, std::string tip)
{
    ParamSpec p = pathParam(std::move(id), std::move(label), std::move(shortLabel), std::move(group), std::move(tip));
    p.type = ParamType::Points;
    p.live = true; // a drawn point joins the running data set (ConvNetJS), logged as an event
    return p;
}

} // namespace reglab
