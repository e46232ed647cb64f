#include "ParamSpec.h"
#include "MessageText.h"
#include "data/LabelledPoints.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

namespace reglab {

namespace {
std::string formatNumber(double v)
{
    std::ostringstream os;
    os.precision(6);
    os << v;
    return os.str();
}
std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}
} // namespace

std::string ParamSpec::allowedText() const
{
    switch (type) {
    case ParamType::Float:
        return "a number in [" + formatNumber(min) + ", " + formatNumber(max) + "]";
    case ParamType::Int:
        return "a whole number in [" + formatNumber(min) + ", " + formatNumber(max) + "]";
    case ParamType::Bool:
        return "true or false";
    case ParamType::Path:
        return "a file path";
    case ParamType::Points:
        return "points 'x,y,class;x,y,class,v;...' (v: validation; at most " + std::to_string(kMaxLabelledPoints)
            + ", classes 0-" + std::to_string(kMaxPointClasses - 1) + ")";
    case ParamType::Choice: {
        std::string s = "one of: ";
        for (size_t i = 0; i < choices.size(); ++i)
            s += (i ? ", " : "") + choices[i];
        return s;
    }
    }
    return {};
}

std::string ParamSpec::validate(const ParamValue& v) const
{
    const std::string what = "'" + shownValue(id) + "' must be " + allowedText();
    switch (type) {
    case ParamType::Float:
    case ParamType::Int:
        if (!std::isfinite(v.number) || v.number < min || v.number > max)
            return what + ", got " + formatNumber(v.number);
        if (type == ParamType::Int && v.number != std::floor(v.number))
            return what + ", got " + formatNumber(v.number);
        return {};
    case ParamType::Bool:
        return (v.number == 0.0 || v.number == 1.0) ? std::string() : what;
    case ParamType::Choice:
        if (std::find(choices.begin(), choices.end(), v.text) == choices.end())
            return what + ", got '" + shownValue(v.text) + "'";
        return {};
    case ParamType::Path:
        return {}; // whether the file is usable is the lab's call (Lab::checkValue)
    case ParamType::Points: {
        std::string err;
        if (!parseLabelledPoints(v.text, &err))
            return "'" + shownValue(id) + "': " + err;
        return {};
    }
    }
    return {};
}

std::optional<ParamValue> ParamSpec::parse(const std::string& raw, std::string* error) const
{
    const std::string text = raw;
    auto fail = [&](const std::string& msg) -> std::optional<ParamValue> {
        if (error)
            *error = msg;
        return std::nullopt;
    };
    ParamValue v;
    if (type == ParamType::Choice || type == ParamType::Path || type == ParamType::Points) {
        v = ParamValue::ofChoice(text);
    } else if (type == ParamType::Bool) {
        const std::string t = lower(text);
        if (t == "true" || t == "on" || t == "1" || t == "yes")
            v = ParamValue::ofNumber(1.0);
        else if (t == "false" || t == "off" || t == "0" || t == "no")
            v = ParamValue::ofNumber(0.0);
        else
            return fail("'" + id + "' must be true or false, got '" + shownValue(text) + "'");
    } else {
        if (text.empty())
            return fail("'" + id + "' needs a value: " + allowedText());
        // from_chars ignores the C locale, so "0.001" reads the same under a decimal-comma
        // locale (Qt switches the process to the user's locale).
        double d = 0;
        const char* first = text.data() + (text[0] == '+' ? 1 : 0);
        const auto r = std::from_chars(first, text.data() + text.size(), d);
        if (r.ec != std::errc() || r.ptr != text.data() + text.size())
            return fail("'" + id + "' must be " + allowedText() + ", got '" + shownValue(text) + "' (not a number)");
        v = ParamValue::ofNumber(d);
    }
    const std::string err = validate(v);
    if (!err.empty())
        return fail(err);
    return v;
}

std::string ParamSpec::format(const ParamValue& v) const
{
    switch (type) {
    case ParamType::Bool:
        return v.number != 0.0 ? "on" : "off";
    case ParamType::Choice:
    case ParamType::Path:
        return v.text;
    case ParamType::Points: {
        const auto points = parseLabelledPoints(v.text, nullptr);
        return std::to_string(points ? points->size() : 0); // "drawn points 401 -> 402"
    }
    case ParamType::Int:
        return std::to_string(int64_t(v.number));
    case ParamType::Float:
        return formatNumber(v.number);
    }
    return {};
}

std::string ParamSpec::toText(const ParamValue& v) const
{
    switch (type) {
    case ParamType::Bool:
        return v.number != 0.0 ? "true" : "false";
    case ParamType::Choice:
    case ParamType::Path:
    case ParamType::Points:
        return v.text;
    default: {
        char buf[64];
        const auto r = std::to_chars(buf, buf + sizeof buf, v.number); // shortest round-trip
        return std::string(buf, r.ptr);
    }
    }
}

std::string ParamSpec::disabledReason(const ParamSpec& control, const ParamValue& controlValue) const
{
    if (enabledWhen.param.empty() || control.id != enabledWhen.param)
        return {};
    const std::string now = control.toText(controlValue);
    const auto& allowed = enabledWhen.values;
    if (std::find(allowed.begin(), allowed.end(), now) != allowed.end())
        return {};
    const std::string name = control.label.empty() ? control.id : control.label;
    if (control.type == ParamType::Bool) // "when Early stopping is on", not "is true"
        return "Used only when " + name + " is " + (allowed.size() == 1 && allowed[0] == "false" ? "off" : "on") + ".";
    std::string which;
    for (size_t i = 0; i < allowed.size(); ++i)
        which += (i == 0 ? "" : i + 1 == allowed.size() ? " or " : ", ") + allowed[i];
    return "Used only when " + name + " is " + which + " (now " + control.format(controlValue) + ").";
}

} // namespace reglab
