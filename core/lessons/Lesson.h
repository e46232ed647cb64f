#pragma once
// A lesson (DESIGN sections 4 and 11): a preset of a lab, scheduled changes, an optional
// twin and a claim, read from JSON (resources/lessons/Lnn.json). Core reads the text; the
// app embeds the files as Qt resources and hands them over as strings.
//
//   {"id": "L5", "title": "Dropout", "lab": "classify",
//    "params": {"dataset": "spiral", "noise": 0.4, "width": 96},
//    "seed": 1, "steps": 4000,
//    "at": [{"step": 2000, "param": "l2", "value": 0.001}],
//    "twin": {"params": {"dropout": 0.3}, "at": []},
//    "text": "What to do, what to watch, why.",
//    "claim": {"text": "...", "checks": [...]},
//    "frontier": {...}}   (optional: lessons/LessonFrontier)
#include "lessons/Claim.h"
#include "lessons/LessonFrontier.h"
#include "run/RunPlan.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace reglab {

struct Lesson {
    std::string id, title, lab, text;
    std::vector<std::pair<std::string, std::string>> params; // values as text, in file order
    uint64_t seed = 1;
    int64_t steps = RunPlan::kDefaultSteps;
    std::vector<ParamChange> at;
    std::vector<std::pair<std::string, std::string>> twinParams;
    std::vector<ParamChange> twinAt;
    Claim claim;
    std::optional<LessonFrontier> frontier; // a sweep drawn as a trade-off (L16)

    bool hasTwin() const { return !twinParams.empty() || !twinAt.empty(); }
    // The run of this lesson: preset as --set, schedule as --at, the twin's params.
    RunPlan plan() const;
    // The inverse: lab, preset, seed, steps, schedule and twin taken from `p` (a lesson's
    // plan changed on the command line); id, title, text and claim stay.
    void setPlan(const RunPlan& p);
    Json toJson() const;

    // Strict: unknown keys, a missing id/title/lab/text/claim or a malformed value are
    // refused with one sentence that says where. Param names and values are checked
    // against the lab when the lesson runs (Runner::validate).
    static std::optional<Lesson> fromJson(const Json& j, std::string* error);
    static std::optional<Lesson> parse(const std::string& text, std::string* error);
    // Lesson ids look like L1 ... L99, with an optional variant letter (L15b).
    static bool looksLikeId(const std::string& name);
};

} // namespace reglab
