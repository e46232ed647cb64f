#pragma once
#include <string>
#include <utility>
#include <vector>

// Opens the main window offscreen with the classify lab (params from `sets`, k=v) training
// at full speed for `seconds`, and returns one JSON line: the GUI thread's event-loop
// latency (p50/p99/max of the delay of events posted at 200 Hz), chart repaints per second,
// training steps/s and the views (decision grid, histograms) the window received.
// `twin`: a twin with these sets trains beside the run (issue 12: 30 redraws/s with a twin).
std::string runGuiLoad(int argc, char** argv, double seconds, int threads,
                       const std::vector<std::pair<std::string, std::string>>& sets = {},
                       const std::vector<std::pair<std::string, std::string>>& twin = {});
