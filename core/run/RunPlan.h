#pragma once
// What a headless run should do, as typed on the command line or read from a session:
// the lab, --set values (applied before reset), --at changes, steps and seed. Plain text
// values; Runner::validate() checks them against the lab's ParamSpecs before training.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace reglab {

// `--at STEP:k=v`: set k to v at the boundary after step STEP (before step STEP + 1).
struct ParamChange {
    int64_t step = 0;
    std::string param;
    std::string value;
};

struct RunPlan {
    static constexpr int64_t kDefaultSteps = 1000;
    // Seeds are stored as JSON numbers (doubles), so they stay at or below 2^53.
    static constexpr uint64_t kMaxSeed = uint64_t(1) << 53;

    std::string lab;
    std::vector<std::pair<std::string, std::string>> sets; // in order; a later one wins
    std::vector<ParamChange> changes;
    int64_t steps = kDefaultSteps;
    uint64_t seed = 1;

    // The twin (DESIGN section 5): the same run with these params set differently
    // (`--twin k=v`) and these changes of its own (`--twin-at STEP:k=v`). An --at change
    // goes to both runs unless the twin sets that param itself.
    std::vector<std::pair<std::string, std::string>> twinSets;
    std::vector<ParamChange> twinChanges;
    bool hasTwin() const { return !twinSets.empty() || !twinChanges.empty(); }
    // True when the twin sets `param` itself (twinSets or twinChanges): changes of it made
    // to the main run do not reach the twin.
    bool twinOwns(const std::string& param) const;
    // The plan the twin runs, alone or beside this one: sets + twinSets, and the changes
    // of this plan that the twin does not override, then its own. No twin of its own.
    RunPlan twinPlan() const;
    // What differs in the twin, for legends and file names: "dropout 0.3, l2 0.001".
    std::string twinLabel() const;

    // "k=v" -> key, value. "" on success, else one clear sentence.
    static std::string parseAssignment(const std::string& text, std::string* key, std::string* value);
    // "STEP:k=v" -> change. "" on success, else one clear sentence.
    static std::string parseChange(const std::string& text, ParamChange* change);
    // A whole number in [lo, hi] (no sign tricks, no "1e3", no trailing text). what names
    // it in the message ("--steps").
    static std::string parseInteger(const std::string& text, const std::string& what, int64_t lo, int64_t hi,
                                    int64_t* out);
};

} // namespace reglab
