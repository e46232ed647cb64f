#pragma once
// A lesson's claim as data (DESIGN section 11): a list of comparisons of metric values, all
// of which must hold. Each compares one point of a run's metric ("the twin's val_loss at the
// end") with a number or with another point, optionally scaled ("< 0.9 x the main run's").
//
//   {"metric": "val_loss", "run": "twin", "at": "final", "op": "<",
//    "other": {"run": "main", "metric": "val_loss", "at": "final"}, "times": 0.9}
//   {"metric": "train_loss", "run": "main", "at": "final", "op": "<", "value": 0.05}
//
// `at` is final (the run's last metrics.csv row), best (min or max as the metric says),
// min, max, or a step number (the row of that step, or the last row before it).
#include "run/Json.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace reglab {

struct ClaimPoint {
    std::string run = "main"; // "main" or "twin"
    std::string metric;
    std::string at = "final"; // final | best | min | max | a step number
    int64_t step = -1;        // when `at` is a step

    std::string describe() const; // "twin val_loss (final)"
};

struct ClaimCheck {
    ClaimPoint lhs;
    std::string op; // <, <=, >, >=
    bool againstNumber = false;
    double number = 0;  // when againstNumber
    ClaimPoint other;   // otherwise
    double times = 1.0; // the other side is scaled by this

    bool compare(double a, double b) const;
    std::string describe() const; // "twin val_loss (final) < 0.9 x main val_loss (final)"
};

struct Claim {
    std::string text;
    std::vector<ClaimCheck> checks;

    bool usesTwin() const;
    // Strict: unknown keys, a bad op or point, an empty check list are errors.
    static std::optional<Claim> fromJson(const Json& j, std::string* error);
    Json toJson() const;
};

} // namespace reglab
