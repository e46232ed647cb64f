#pragma once
// One tunable knob of a lab (DESIGN section 3). The UI builds its controls from these, the
// CLI parses --set with them, the session file stores their values.
#include <optional>
#include <string>
#include <vector>

namespace reglab {

enum class ParamType { Float, Int, Bool, Choice, Path, Points };

// A parameter's value: a number for Float/Int/Bool (0 or 1), a name for Choice, a file
// path for Path (empty = none), the text of data/LabelledPoints for Points (drawn data).
struct ParamValue {
    double number = 0.0;
    std::string text;

    static ParamValue ofNumber(double v) { return ParamValue{v, {}}; }
    static ParamValue ofChoice(std::string name) { return ParamValue{0.0, std::move(name)}; }
    bool operator==(const ParamValue& o) const { return number == o.number && text == o.text; }
    bool operator!=(const ParamValue& o) const { return !(*this == o); }
};

// When a parameter matters only for some values of another one (momentum: SGD only). The UI
// greys the control out otherwise and says why; labs and the CLI still accept any value.
struct ParamCondition {
    std::string param;               // the id of the parameter it depends on; empty: always enabled
    std::vector<std::string> values; // that parameter's values, as toText() writes them ("sgd", "true")
};

struct ParamSpec {
    std::string id;          // stable key: CLI, session files, settings ("l2")
    std::string label;       // control label ("L2 (coupled)")
    std::string shortLabel;  // chart markers ("L2 0 -> 0.001")
    std::string group;       // panel section ("Data", "Network", "Optimizer", "Regularization")
    std::string tooltip;     // one or two sentences that explain the control
    ParamType type = ParamType::Float;
    double min = 0.0, max = 1.0;   // Float/Int range, inclusive
    bool logScale = false;         // Float: slider moves in log space; 0 is allowed as "off"
    std::vector<std::string> choices; // Choice: allowed names
    ParamValue defaultValue;
    bool live = true;              // false: takes effect only at the next reset
    ParamCondition enabledWhen;    // empty param: always enabled

    // Parses user text ("0.001", "1e-3", "true", "spiral"). On failure returns nullopt and
    // sets *error to one clear sentence naming the parameter and what is allowed.
    std::optional<ParamValue> parse(const std::string& text, std::string* error) const;
    // "" if v is allowed, else one clear sentence.
    std::string validate(const ParamValue& v) const;
    // Human text of a value: "0.001", "on"/"off", "spiral", "3".
    std::string format(const ParamValue& v) const;
    // Lossless text that parse() reads back to the same value (session files, CLI echo).
    std::string toText(const ParamValue& v) const;
    // What is allowed, for messages and --help: "a number in [0, 1]", "one of: a, b".
    std::string allowedText() const;
    // "" when enabledWhen holds for `control` (the spec it names) at `controlValue`, else why
    // not, in one sentence: "Used only when Optimizer is sgd (now adam)."
    std::string disabledReason(const ParamSpec& control, const ParamValue& controlValue) const;
};

} // namespace reglab
