#pragma once
#include <cstdint>
#include <string>

namespace reglab {

// A live change as applied: at the boundary before step `step + 1` the parameter went from
// oldValue to newValue. Charts mark it; session files replay it.
struct ParamEvent {
    int64_t step = 0;
    std::string param;           // ParamSpec::id
    std::string label;           // "L2 0 -> 0.001"
    std::string oldValue, newValue; // ParamSpec::format() text
    // The lab changed it itself (continual: the task switch at its step), not the user or a
    // schedule: the UI shows the new value in its panel.
    bool byLab = false;
};

// Rolling back to the state at `step` keeps the events applied before it. An event at
// `step` itself was applied after that state was saved (at the boundary before step + 1),
// so it goes, and is logged again if the value is still asked for. The lab and the charts
// both use this one rule.
inline bool eventSurvivesRollback(const ParamEvent& e, int64_t step) { return e.step < step; }

} // namespace reglab
