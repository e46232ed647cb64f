#include "run/Session.h"
#include "MessageText.h"

#include "run/AtomicFile.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace reglab {

namespace {

// A JSON number that is a whole number in [lo, hi].
bool wholeNumber(const Json* j, double lo, double hi, double* out)
{
    if (!j || !j->isNumber())
        return false;
    const double v = j->toNumber();
    if (v != std::floor(v) || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

} // namespace

std::vector<std::pair<std::string, std::string>> Session::paramTexts(const Lab& lab)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const ParamSpec& s : lab.params())
        out.emplace_back(s.id, s.toText(lab.value(s.id)));
    return out;
}

Json Session::toJson() const
{
    Json j = Json::object();
    j.set("format", "reglab-session");
    j.set("version", kFormatVersion);
    j.set("lab", lab);
    j.set("seed", seed);
    j.set("steps", steps);
    j.set("params", Json::textObject(params));
    Json ev = Json::array();
    for (const ParamEvent& e : events) {
        Json o = Json::object();
        o.set("step", e.step);
        o.set("param", e.param);
        o.set("old", e.oldValue);
        o.set("new", e.newValue);
        o.set("label", e.label);
        ev.push(std::move(o));
    }
    j.set("events", std::move(ev));
    return j;
}

std::string Session::save(const std::string& path) const
{
    return AtomicFile::write(path, toJson().dump(true));
}

std::optional<Session> Session::fromJson(const Json& j, const LabFactory& factory, std::string* error)
{
    auto fail = [&](const std::string& msg) -> std::optional<Session> {
        if (error)
            *error = msg;
        return std::nullopt;
    };
    if (!j.isObject())
        return fail("a session must be a JSON object");
    if (const Json* f = j.find("format"); f && f->toString() != "reglab-session")
        return fail("this is not a RegLab session (\"format\" is not \"reglab-session\")");

    double version = 0;
    if (!wholeNumber(j.find("version"), 1, 1e9, &version))
        return fail("the session has no valid \"version\" (a whole number >= 1)");
    if (version > kFormatVersion)
        return fail("the session has format version " + Json::numberText(version)
                    + ", newer than this RegLab reads (" + std::to_string(kFormatVersion) + "); update RegLab");

    Session s;
    const Json* labJ = j.find("lab");
    if (!labJ || !labJ->isString() || labJ->toString().empty())
        return fail("the session names no lab (\"lab\" must be a lab id)");
    s.lab = labJ->toString();
    const std::unique_ptr<Lab> lab = factory ? factory(s.lab) : nullptr;
    if (!lab)
        return fail("the session is for an unknown lab '" + shownValue(s.lab) + "' (see: reglab list)");

    double seed = 0;
    if (!wholeNumber(j.find("seed"), 0, double(RunPlan::kMaxSeed), &seed))
        return fail("the session's \"seed\" must be a whole number in [0, 2^53]");
    s.seed = uint64_t(seed);
    double steps = 0;
    if (!wholeNumber(j.find("steps"), 0, 9e15, &steps))
        return fail("the session's \"steps\" must be a whole number >= 0");
    s.steps = int64_t(steps);

    // Every param of the lab, in its order: the file's value, or the default when absent.
    const Json* paramsJ = j.find("params");
    if (paramsJ && !paramsJ->isObject())
        return fail("the session's \"params\" must be an object of name: value");
    if (paramsJ) {
        for (const auto& [id, v] : paramsJ->members()) {
            const ParamSpec* spec = lab->findParam(id);
            if (!spec)
                return fail("the session sets an unknown parameter '" + shownValue(id) + "' of lab '" + s.lab + "'");
            if (!v.isString())
                return fail("the session's value of '" + id + "' must be text, e.g. \""
                            + spec->toText(spec->defaultValue) + "\"");
            std::string err;
            if (!spec->parse(v.toString(), &err))
                return fail("the session's value of " + err);
        }
    }
    for (const ParamSpec& spec : lab->params()) {
        const Json* v = paramsJ ? paramsJ->find(spec.id) : nullptr;
        s.params.emplace_back(spec.id, v ? v->toString() : spec.toText(spec.defaultValue));
    }

    const Json* eventsJ = j.find("events");
    if (eventsJ && !eventsJ->isArray())
        return fail("the session's \"events\" must be an array");
    int64_t lastStep = 0;
    for (size_t i = 0; eventsJ && i < eventsJ->size(); ++i) {
        const Json& e = eventsJ->at(i);
        const std::string where = "event " + std::to_string(i + 1) + " of the session";
        if (!e.isObject())
            return fail(where + " is not an object");
        ParamEvent ev;
        double step = 0;
        if (!wholeNumber(e.find("step"), 0, 9e15, &step))
            return fail(where + " has no valid \"step\" (a whole number >= 0)");
        ev.step = int64_t(step);
        if (ev.step >= s.steps)
            return fail(where + " is at step " + std::to_string(ev.step) + ", not before the session's end (step "
                        + std::to_string(s.steps) + ")");
        if (ev.step < lastStep)
            return fail(where + " is out of order (events must be sorted by step)");
        lastStep = ev.step;
        const Json* paramJ = e.find("param");
        ev.param = paramJ ? paramJ->toString() : std::string();
        const ParamSpec* spec = lab->findParam(ev.param);
        if (!spec)
            return fail(where + " changes an unknown parameter '" + shownValue(ev.param) + "' of lab '" + s.lab + "'");
        if (!spec->live)
            return fail(where + " changes '" + ev.param + "', which cannot change during a run");
        const Json* newJ = e.find("new");
        if (!newJ || !newJ->isString())
            return fail(where + " has no \"new\" value (text)");
        std::string err;
        if (!spec->parse(newJ->toString(), &err))
            return fail(where + ": " + err);
        ev.newValue = newJ->toString();
        if (const Json* oldJ = e.find("old"))
            ev.oldValue = oldJ->toString();
        if (const Json* labelJ = e.find("label"))
            ev.label = labelJ->toString();
        s.events.push_back(std::move(ev));
    }
    return s;
}

std::optional<Session> Session::parse(const std::string& text, const LabFactory& factory, std::string* error)
{
    std::string err;
    const auto j = Json::parse(text, &err);
    if (!j) {
        if (error)
            *error = "the session is not valid JSON: " + err;
        return std::nullopt;
    }
    return fromJson(*j, factory, error);
}

std::optional<Session> Session::load(const std::string& path, const LabFactory& factory, std::string* error)
{
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        if (error)
            *error = "cannot open the session file '" + shownValue(path, 200) + "'";
        return std::nullopt;
    }
    std::ostringstream text;
    text << f.rdbuf();
    std::string err;
    auto s = parse(text.str(), factory, &err);
    if (!s && error)
        *error = "'" + shownValue(path, 200) + "': " + err;
    return s;
}

RunPlan Session::toPlan() const
{
    RunPlan p;
    p.lab = lab;
    p.seed = seed;
    p.steps = steps;
    p.sets = params;
    for (const ParamEvent& e : events)
        p.changes.push_back({e.step, e.param, e.newValue});
    return p;
}

} // namespace reglab
