#pragma once
#include "labs/ParamSpec.h"

#include <vector>

namespace reglab {

// The continual lab's parameters, in panel order.
std::vector<ParamSpec> continualParams();

} // namespace reglab
