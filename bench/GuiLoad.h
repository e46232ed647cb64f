#pragma once
#include <string>

// Opens the main window offscreen with the classify lab training at full speed for
// `seconds`, and returns one JSON line: the GUI thread's event-loop latency (p50/p99/max of
// the delay of events posted at 200 Hz), chart repaints per second, and training steps/s.
std::string runGuiLoad(int argc, char** argv, double seconds, int threads);
