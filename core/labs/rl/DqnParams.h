#pragma once
#include "labs/ParamSpec.h"

#include <vector>

namespace reglab {

// The `dqn` lab's parameters, in panel order (DqnLab declares them).
std::vector<ParamSpec> dqnParams();

} // namespace reglab
