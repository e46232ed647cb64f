#pragma once
#include "labs/ParamSpec.h"

#include <vector>

namespace reglab {

// The attention lab's parameters, as a table (AttentionLab declares them).
std::vector<ParamSpec> attentionParams();

} // namespace reglab
