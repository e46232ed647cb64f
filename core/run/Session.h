#pragma once
// session.json / .reglab files (DESIGN section 8): lab id, seed, every param value as
// lossless text (ParamSpec::toText), the event log and the steps run. Replaying it (the
// params, reset(seed), the events at their steps) gives the same run bit for bit.
//
//   { "format": "reglab-session", "version": 1, "lab": "classify", "seed": 1,
//     "steps": 5000, "params": { "l2": "0.001", ... },
//     "events": [ { "step": 2000, "param": "dropout", "old": "0", "new": "0.3",
//                   "label": "dropout 0 -> 0.3" } ] }
#include "labs/ParamEvent.h"
#include "run/Json.h"
#include "run/LabFactory.h"
#include "run/RunPlan.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace reglab {

class Session {
public:
    static constexpr int kFormatVersion = 1;

    std::string lab;
    uint64_t seed = 1;
    int64_t steps = 0;
    // Param values at reset, as ParamSpec::toText, in the lab's declaration order.
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<ParamEvent> events;

    // The current requested values of every param of `lab` (before any run).
    static std::vector<std::pair<std::string, std::string>> paramTexts(const Lab& lab);

    Json toJson() const;
    // Atomic: writes a temp file next to `path`, then renames. "" or one clear sentence.
    std::string save(const std::string& path) const;

    // Validates against the lab the factory makes: refuses a newer format version, an
    // unknown lab, unknown params, values the params do not allow and malformed events.
    // Params missing from the file keep their defaults.
    static std::optional<Session> fromJson(const Json& j, const LabFactory& factory, std::string* error);
    static std::optional<Session> parse(const std::string& text, const LabFactory& factory, std::string* error);
    static std::optional<Session> load(const std::string& path, const LabFactory& factory, std::string* error);

    // The run that replays this session: params as --set, events as --at.
    RunPlan toPlan() const;
};

} // namespace reglab
