#pragma once
// Judges a Claim on a run as it goes: fed every metric row of the main run and of the twin
// (the rows metrics.csv gets), it keeps just the values the checks name, so memory is flat
// and the verdict's numbers are exactly those of the CSV.
#include "labs/MetricSpec.h"
#include "lessons/Claim.h"
#include "run/Json.h"

#include <string>
#include <vector>

namespace reglab {

class ClaimTracker {
public:
    explicit ClaimTracker(Claim claim);

    // The metric columns of a run ("main" or "twin"), before its rows. "" or one sentence
    // (a check names a metric the run does not have).
    std::string begin(const std::string& run, const std::vector<MetricSpec>& metrics);
    void add(const std::string& run, const MetricRow& row);

    const Claim& claim() const { return m_claim; }
    bool holds() const;
    // {"holds", "text", "checks": [{"metric", "run", "at", "op", "value", "other",
    //  "against", "holds"}...]}: value is the left side, other the right (after times).
    Json verdict() const;

private:
    struct Tracked {
        ClaimPoint point;
        int column = -1;
        bool higherIsBetter = false;
        bool seen = false;
        double final = 0, min = 0, max = 0, atStep = 0;
        bool hasAtStep = false;
        double value() const; // NaN when nothing was seen
    };
    Tracked* track(const ClaimPoint& p);
    const Tracked& find(const ClaimPoint& p) const;

    Claim m_claim;
    std::vector<Tracked> m_points; // one per distinct point named by the checks
};

} // namespace reglab
