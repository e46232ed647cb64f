#pragma once
// The parameters of the `gan` lab, in panel order, with their tooltips.
#include "labs/ParamSpec.h"

#include <vector>

namespace reglab {

std::vector<ParamSpec> ganParams();

} // namespace reglab
