#pragma once
// A lesson's frontier (issue 14, L16): a sweep of one param for each value of a second one
// (one curve each), drawn as one final metric against another, and the claim that one
// curve's frontier dominates the others'. `reglab sweep L16 --frontier` and the lesson's
// "Draw the frontier..." button run it.
//
//   "frontier": {"text": "EWC's frontier dominates the L2 anchor's",
//                "param": "lambda", "values": "0.01:1000:21log",
//                "by": "penalty", "curves": ["l2-anchor", "ewc"],
//                "x": "acc_a", "y": "acc_b", "seeds": 3, "dominant": "ewc", "tolerance": 0.01}
//
// tolerance (optional, default 0): the noise of one metric value; points within it count as
// ties (run/Frontier).
#include "run/Json.h"

#include <optional>
#include <string>
#include <vector>

namespace reglab {

struct LessonFrontier {
    std::string text;
    std::string param;
    std::string values; // as --values takes them
    std::string by;
    std::vector<std::string> curves;
    std::string x, y; // metric ids
    int seeds = 3;
    std::string dominant; // one of curves
    double tolerance = 0;

    // Strict, like the rest of a lesson; param names, values and metrics are checked
    // against the lab when the sweep is prepared.
    static std::optional<LessonFrontier> fromJson(const Json& j, const std::string& where, std::string* error);
    Json toJson() const;
};

} // namespace reglab
