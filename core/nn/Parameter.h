#pragma once
#include "Types.h"

#include <string>

namespace reglab {

// A trainable tensor and its gradient. `isBias` lets regularizers and optimizer groups
// treat biases differently (DESIGN: "don't decay biases").
template <typename S>
struct Parameter {
    std::string name; // "layer0.weight"
    Mat<S> value;
    Mat<S> grad;      // same shape as value; backward accumulates into it
    bool isBias = false;
};

} // namespace reglab
