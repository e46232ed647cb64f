#pragma once
// A lab as JSON for `reglab describe`: its params (type, range, choices, default, live) and
// metric columns, so scripts and notebooks can drive it without reading C++.
#include "labs/Lab.h"
#include "run/Json.h"

namespace reglab {

// Resets the lab with seed 1 first (the metric columns may depend on the built model).
Json describeLabJson(Lab& lab);

} // namespace reglab
