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
};

} // namespace reglab
