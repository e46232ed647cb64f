#pragma once
// The benchmark workloads of shared/bench/README.md, run on RegLab's engine. Each returns
// the JSON line the reference scripts print (same keys), so the two compare side by side.
#include <string>

std::string runW1Playground(int steps, int threads);
std::string runW2MlpMedium(int epochs, int threads);
std::string runW3Gan2d(int gsteps, int threads);
std::string runW4Attention(int steps, int threads);
