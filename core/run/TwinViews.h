#pragma once
// How a run's pictures and its twin's share one LabViews (as TwinColumns does for the
// metrics): the twin's go beside the main ones, same kinds, ids twin_<id>, titled by what
// differs. Its data points are the main run's (the same data), so only its own point sets
// (perRun: generated samples) are added, and its profiles (perRun) titled "Twin: <label>".
#include "labs/LabViews.h"

#include <string>

namespace reglab {

LabViews withTwinViews(LabViews main, LabViews twin, const std::string& twinLabel);

} // namespace reglab
