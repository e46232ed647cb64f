#include "lessons/Lesson.h"

#include "lessons/JsonFields.h"
#include "MessageText.h"

namespace reglab {

namespace {

// A param value as the lab reads it: strings as they are, numbers in their shortest exact
// form, booleans as true/false.
bool valueText(const Json& v, std::string* out)
{
    if (v.isString())
        *out = v.toString();
    else if (v.isNumber())
        *out = Json::numberText(v.toNumber());
    else if (v.isBool())
        *out = v.toBool() ? "true" : "false";
    else
        return false;
    return true;
}

bool paramsFromJson(const Json* j, std::vector<std::pair<std::string, std::string>>* out, const std::string& where,
                    std::string* error)
{
    if (!j)
        return true;
    if (!j->isObject())
        return jsonFail(error, where + " must be an object of name: value");
    for (const auto& [key, value] : j->members()) {
        std::string text;
        if (!valueText(value, &text))
            return jsonFail(error, where + ": '" + shownValue(key) + "' must be a number, a string or true/false");
        out->emplace_back(key, text);
    }
    return true;
}

bool changesFromJson(const Json* j, std::vector<ParamChange>* out, const std::string& where, std::string* error)
{
    if (!j)
        return true;
    if (!j->isArray())
        return jsonFail(error, where + " must be an array of {step, param, value}");
    for (size_t i = 0; i < j->size(); ++i) {
        const Json& c = j->at(i);
        const std::string w = where + " entry " + std::to_string(i + 1);
        ParamChange pc;
        if (!c.isObject() || !onlyKeys(c, {"step", "param", "value"}, w, error))
            return c.isObject() ? false : jsonFail(error, w + " must be an object");
        const Json* step = c.find("step");
        if (!step || !step->isNumber() || step->toNumber() < 0 || step->toNumber() > 1e9
            || step->toNumber() != double(int64_t(step->toNumber())))
            return jsonFail(error, w + ": step must be a whole number in [0, 1e9]");
        pc.step = int64_t(step->toNumber());
        if (!stringField(c, "param", true, &pc.param, w, error))
            return false;
        const Json* value = c.find("value");
        if (!value || !valueText(*value, &pc.value))
            return jsonFail(error, w + ": value must be a number, a string or true/false");
        out->push_back(pc);
    }
    return true;
}

Json changesJson(const std::vector<ParamChange>& changes)
{
    Json j = Json::array();
    for (const ParamChange& c : changes)
        j.push(Json::object({{"step", Json(c.step)}, {"param", Json(c.param)}, {"value", Json(c.value)}}));
    return j;
}

} // namespace

bool Lesson::looksLikeId(const std::string& name)
{
    // L1 ... L99, and a variant letter: L15b (a second lesson on the same claim).
    std::string digits = name.substr(std::min<size_t>(1, name.size()));
    if (!digits.empty() && digits.back() >= 'a' && digits.back() <= 'z')
        digits.pop_back();
    if (name.empty() || name[0] != 'L' || digits.empty() || digits.size() > 2 || digits[0] == '0')
        return false;
    for (char c : digits)
        if (c < '0' || c > '9')
            return false;
    return true;
}

std::optional<Lesson> Lesson::fromJson(const Json& j, std::string* error)
{
    Lesson l;
    auto fail = [&](const std::string& m) {
        jsonFail(error, m);
        return std::nullopt;
    };
    if (!j.isObject())
        return fail("a lesson must be a JSON object");
    if (!stringField(j, "id", true, &l.id, "lesson", error))
        return std::nullopt;
    const std::string where = "lesson " + shownValue(l.id);
    if (!looksLikeId(l.id))
        return fail(where + ": id must look like L1 ... L99, or L15b");
    if (!onlyKeys(j, {"id", "title", "lab", "params", "seed", "steps", "at", "twin", "text", "claim", "frontier"}, where, error)
        || !stringField(j, "title", true, &l.title, where, error) || !stringField(j, "lab", true, &l.lab, where, error)
        || !stringField(j, "text", true, &l.text, where, error))
        return std::nullopt;
    if (!paramsFromJson(j.find("params"), &l.params, where + " params", error)
        || !changesFromJson(j.find("at"), &l.at, where + " at", error))
        return std::nullopt;
    if (const Json* s = j.find("seed")) {
        if (!s->isNumber() || s->toNumber() < 0 || s->toNumber() > double(RunPlan::kMaxSeed)
            || s->toNumber() != double(int64_t(s->toNumber())))
            return fail(where + ": seed must be a whole number in [0, 2^53]");
        l.seed = uint64_t(s->toNumber());
    }
    if (const Json* s = j.find("steps")) {
        if (!s->isNumber() || s->toNumber() < 1 || s->toNumber() > 1e9 || s->toNumber() != double(int64_t(s->toNumber())))
            return fail(where + ": steps must be a whole number in [1, 1e9]");
        l.steps = int64_t(s->toNumber());
    }
    if (const Json* t = j.find("twin")) {
        if (!t->isObject() || !onlyKeys(*t, {"params", "at"}, where + " twin", error))
            return t->isObject() ? std::nullopt : fail(where + ": twin must be an object {params, at}");
        if (!paramsFromJson(t->find("params"), &l.twinParams, where + " twin params", error)
            || !changesFromJson(t->find("at"), &l.twinAt, where + " twin at", error))
            return std::nullopt;
        if (!l.hasTwin())
            return fail(where + ": the twin must differ in at least one param");
    }
    const Json* claim = j.find("claim");
    if (!claim)
        return fail(where + ": 'claim' is missing");
    std::string claimError;
    auto c = Claim::fromJson(*claim, &claimError);
    if (!c)
        return fail(where + ": " + claimError);
    l.claim = *c;
    if (l.claim.usesTwin() && !l.hasTwin())
        return fail(where + ": the claim compares with the twin, but the lesson has none");
    if (const Json* f = j.find("frontier")) {
        l.frontier = LessonFrontier::fromJson(*f, where, error);
        if (!l.frontier)
            return std::nullopt;
    }
    return l;
}

std::optional<Lesson> Lesson::parse(const std::string& text, std::string* error)
{
    std::string err;
    auto j = Json::parse(text, &err);
    if (!j) {
        jsonFail(error, "the lesson is not valid JSON: " + err);
        return std::nullopt;
    }
    return fromJson(*j, error);
}

RunPlan Lesson::plan() const
{
    RunPlan p;
    p.lab = lab;
    p.sets = params;
    p.changes = at;
    p.steps = steps;
    p.seed = seed;
    p.twinSets = twinParams;
    p.twinChanges = twinAt;
    return p;
}

void Lesson::setPlan(const RunPlan& p)
{
    lab = p.lab;
    params = p.sets;
    at = p.changes;
    steps = p.steps;
    seed = p.seed;
    twinParams = p.twinSets;
    twinAt = p.twinChanges;
}

Json Lesson::toJson() const
{
    Json j = Json::object();
    j.set("id", id);
    j.set("title", title);
    j.set("lab", lab);
    j.set("params", Json::textObject(params));
    j.set("seed", seed);
    j.set("steps", steps);
    j.set("at", changesJson(at));
    if (hasTwin())
        j.set("twin", Json::object({{"params", Json::textObject(twinParams)}, {"at", changesJson(twinAt)}}));
    j.set("text", text);
    j.set("claim", claim.toJson());
    if (frontier)
        j.set("frontier", frontier->toJson());
    return j;
}

} // namespace reglab
