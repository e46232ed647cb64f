#pragma once
#include "labs/ParamSpec.h"

#include <vector>

namespace reglab {

// The cae lab's parameters, in panel order.
std::vector<ParamSpec> caeParams();

} // namespace reglab
