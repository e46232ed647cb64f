#include "lessons/JsonFields.h"
#include "MessageText.h"

namespace reglab {

bool jsonFail(std::string* error, const std::string& message)
{
    if (error)
        *error = message;
    return false;
}

bool onlyKeys(const Json& j, std::initializer_list<const char*> allowed, const std::string& where, std::string* error)
{
    for (const auto& [key, value] : j.members()) {
        bool known = false;
        for (const char* a : allowed)
            known = known || key == a;
        if (!known)
            return jsonFail(error, where + ": unknown key '" + shownValue(key) + "'");
    }
    return true;
}

bool stringField(const Json& j, const char* key, bool required, std::string* out, const std::string& where,
                 std::string* error)
{
    const Json* v = j.find(key);
    if (!v)
        return required ? jsonFail(error, where + ": '" + key + "' is missing") : true;
    if (!v->isString())
        return jsonFail(error, where + ": '" + key + "' must be a string");
    *out = v->toString();
    return true;
}

} // namespace reglab
