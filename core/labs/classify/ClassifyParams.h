#pragma once
// The parameters of the `classify` lab, in panel order, with their tooltips.
#include "labs/ParamSpec.h"

#include <vector>

namespace reglab {

std::vector<ParamSpec> classifyParams();

} // namespace reglab
