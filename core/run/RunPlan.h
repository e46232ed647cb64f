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
