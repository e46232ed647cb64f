#include "lessons/Claim.h"

#include "lessons/JsonFields.h"


namespace reglab {

std::string ClaimPoint::describe() const { return run + " " + metric + " (" + at + ")"; }

bool ClaimCheck::compare(double a, double b) const
{
    if (op == "<")
        return a < b;
    if (op == "<=")
        return a <= b;
    if (op == ">")
        return a > b;
    return a >= b; // ">=": fromJson admits nothing else
}

std::string ClaimCheck::describe() const
{
    std::string rhs = againstNumber ? Json::numberText(number) : other.describe();
    if (!againstNumber && times != 1.0)
        rhs = Json::numberText(times) + " x " + rhs;
    return lhs.describe() + " " + op + " " + rhs;
}

bool Claim::usesTwin() const
{
    for (const ClaimCheck& c : checks)
        if (c.lhs.run == "twin" || (!c.againstNumber && c.other.run == "twin"))
            return true;
    return false;
}

namespace {

bool pointFromJson(const Json& j, ClaimPoint* p, const std::string& where, std::string* error)
{
    if (!j.isObject())
        return jsonFail(error, where + " must be an object");
    if (!onlyKeys(j, {"run", "metric", "at"}, where, error))
        return false;
    if (!stringField(j, "metric", true, &p->metric, where, error))
        return false;
    if (!stringField(j, "run", false, &p->run, where, error))
        return false;
    if (p->run != "main" && p->run != "twin")
        return jsonFail(error, where + ": run must be \"main\" or \"twin\"");
    const Json* at = j.find("at");
    if (at && at->isNumber()) {
        const double s = at->toNumber();
        if (s < 0 || s != double(int64_t(s)))
            return jsonFail(error, where + ": at must be final, best, min, max or a whole step number");
        p->step = int64_t(s);
        p->at = std::to_string(p->step);
        return true;
    }
    if (!stringField(j, "at", false, &p->at, where, error))
        return false;
    if (p->at != "final" && p->at != "best" && p->at != "min" && p->at != "max")
        return jsonFail(error, where + ": at must be final, best, min, max or a step number");
    return true;
}

} // namespace

std::optional<Claim> Claim::fromJson(const Json& j, std::string* error)
{
    if (!j.isObject()) {
        jsonFail(error, "claim must be an object");
        return std::nullopt;
    }
    Claim c;
    if (!onlyKeys(j, {"text", "checks"}, "claim", error) || !stringField(j, "text", true, &c.text, "claim", error))
        return std::nullopt;
    const Json* checks = j.find("checks");
    if (!checks || !checks->isArray() || checks->size() == 0) {
        jsonFail(error, "claim: checks must be a non-empty array");
        return std::nullopt;
    }
    for (size_t i = 0; i < checks->size(); ++i) {
        const Json& cj = checks->at(i);
        const std::string where = "claim check " + std::to_string(i + 1);
        ClaimCheck k;
        if (!cj.isObject()) {
            jsonFail(error, where + " must be an object");
            return std::nullopt;
        }
        if (!onlyKeys(cj, {"run", "metric", "at", "op", "value", "other", "times"}, where, error))
            return std::nullopt;
        Json point = Json::object();
        for (const char* key : {"run", "metric", "at"})
            if (const Json* v = cj.find(key))
                point.set(key, *v);
        if (!pointFromJson(point, &k.lhs, where, error) || !stringField(cj, "op", true, &k.op, where, error))
            return std::nullopt;
        if (k.op != "<" && k.op != "<=" && k.op != ">" && k.op != ">=") {
            jsonFail(error, where + ": op must be <, <=, > or >=");
            return std::nullopt;
        }
        const Json* value = cj.find("value");
        const Json* other = cj.find("other");
        if ((value != nullptr) == (other != nullptr)) {
            jsonFail(error, where + " needs exactly one of value (a number) and other (a run's metric)");
            return std::nullopt;
        }
        if (value) {
            if (!value->isNumber()) {
                jsonFail(error, where + ": value must be a number");
                return std::nullopt;
            }
            k.againstNumber = true;
            k.number = value->toNumber();
        } else if (!pointFromJson(*other, &k.other, where + " other", error)) {
            return std::nullopt;
        }
        if (const Json* t = cj.find("times")) {
            if (!t->isNumber() || k.againstNumber) {
                jsonFail(error, where + ": times must be a number and goes with other");
                return std::nullopt;
            }
            k.times = t->toNumber();
        }
        c.checks.push_back(k);
    }
    return c;
}

namespace {
Json pointJson(const ClaimPoint& p)
{
    Json j = Json::object();
    j.set("run", p.run);
    j.set("metric", p.metric);
    j.set("at", p.step >= 0 ? Json(p.step) : Json(p.at));
    return j;
}
} // namespace

Json Claim::toJson() const
{
    Json j = Json::object();
    j.set("text", text);
    Json list = Json::array();
    for (const ClaimCheck& k : checks) {
        Json c = pointJson(k.lhs);
        c.set("op", k.op);
        if (k.againstNumber) {
            c.set("value", k.number);
        } else {
            c.set("other", pointJson(k.other));
            if (k.times != 1.0)
                c.set("times", k.times);
        }
        list.push(std::move(c));
    }
    j.set("checks", std::move(list));
    return j;
}

} // namespace reglab
