#pragma once
#include "nn/Parameter.h"

#include <vector>

namespace reglab {

// Parameters that share optimizer settings, e.g. "decay" (weights) and "no decay" (biases,
// norm scales). weightDecay follows PyTorch: coupled (added to the gradient) for Sgd and
// Adam, decoupled (weights shrunk directly) for AdamW.
template <typename S>
struct ParamGroup {
    std::vector<Parameter<S>*> params;
    double weightDecay = 0.0;
};

} // namespace reglab
