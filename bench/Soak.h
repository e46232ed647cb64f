#pragma once
#include <cstdint>
#include <string>

// Endurance (issue 12): the classify lab trains in its worker thread at full speed while a
// driver makes random live changes (learning rate, L2, dropout, batch size), resets, adds
// and drops a twin and rolls back, until the main run has made `steps` steps in all or
// `maxSeconds` have passed. Returns one JSON line; *ok is false when a run stopped moving
// for 30 s, the last rows were not finite, or resident memory at the end was more than
// `slackMb` above what it was after the first tenth of the steps.
std::string runSoak(int argc, char** argv, int64_t steps, double maxSeconds, double slackMb, bool* ok);
