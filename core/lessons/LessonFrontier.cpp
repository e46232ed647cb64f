#include "lessons/LessonFrontier.h"

#include "lessons/JsonFields.h"
#include "MessageText.h"

#include <algorithm>

namespace reglab {

std::optional<LessonFrontier> LessonFrontier::fromJson(const Json& j, const std::string& where, std::string* error)
{
    LessonFrontier f;
    const std::string w = where + " frontier";
    if (!j.isObject()) {
        jsonFail(error, w + " must be an object");
        return std::nullopt;
    }
    if (!onlyKeys(j, {"text", "param", "values", "by", "curves", "x", "y", "seeds", "dominant", "tolerance"}, w, error)
        || !stringField(j, "text", true, &f.text, w, error) || !stringField(j, "param", true, &f.param, w, error)
        || !stringField(j, "values", true, &f.values, w, error) || !stringField(j, "by", true, &f.by, w, error)
        || !stringField(j, "x", true, &f.x, w, error) || !stringField(j, "y", true, &f.y, w, error)
        || !stringField(j, "dominant", true, &f.dominant, w, error))
        return std::nullopt;
    const Json* curves = j.find("curves");
    if (!curves || !curves->isArray() || curves->size() < 2) {
        jsonFail(error, w + ": curves must be a list of at least two values of '" + shownValue(f.by) + "'");
        return std::nullopt;
    }
    for (const Json& c : curves->items()) {
        if (!c.isString()) {
            jsonFail(error, w + ": curves must be strings");
            return std::nullopt;
        }
        f.curves.push_back(c.toString());
    }
    if (std::find(f.curves.begin(), f.curves.end(), f.dominant) == f.curves.end()) {
        jsonFail(error, w + ": dominant '" + shownValue(f.dominant) + "' is not one of the curves");
        return std::nullopt;
    }
    if (const Json* s = j.find("seeds")) {
        if (!s->isNumber() || s->toNumber() < 1 || s->toNumber() > 50 || s->toNumber() != double(int(s->toNumber()))) {
            jsonFail(error, w + ": seeds must be a whole number in [1, 50]");
            return std::nullopt;
        }
        f.seeds = int(s->toNumber());
    }
    if (const Json* t = j.find("tolerance")) {
        if (!t->isNumber() || !(t->toNumber() >= 0) || t->toNumber() > 1) {
            jsonFail(error, w + ": tolerance must be a number in [0, 1]");
            return std::nullopt;
        }
        f.tolerance = t->toNumber();
    }
    return f;
}

Json LessonFrontier::toJson() const
{
    Json c = Json::array();
    for (const std::string& s : curves)
        c.push(Json(s));
    Json j = Json::object({{"text", Json(text)}, {"param", Json(param)}, {"values", Json(values)}, {"by", Json(by)},
                           {"curves", c}, {"x", Json(x)}, {"y", Json(y)}, {"seeds", Json(seeds)},
                           {"dominant", Json(dominant)}});
    if (tolerance > 0)
        j.set("tolerance", tolerance);
    return j;
}

} // namespace reglab
