#pragma once
// "Prototype digits": a synthetic stand-in for MNIST in continual-learning demos. Ten
// classes, 64 inputs (an 8x8 picture) of which 32 are always zero, like the blank border of
// MNIST digits; a permuted copy of it (PermutedTask) is a second task that uses other inputs.
//
// The generator: 32 active inputs are drawn once (a fixed random subset of the 64), then ten
// prototypes, each active input of each uniform in [0, 1]. A sample of class c is prototype c
// plus N(0, noise^2) on every active input, clamped to [0, 1]; the other 32 inputs are 0.
// Classes are balanced (sample i has class i mod 10, then the set is shuffled).
#include "Dataset.h"
#include "Rng.h"

namespace reglab {

class PrototypeDigits {
public:
    static constexpr int kInputs = 64, kActive = 32, kClasses = 10;

    // `count` samples, all drawn from rng (the active inputs, the prototypes, then the samples).
    static Dataset make(int count, double noise, Rng& rng);
};

} // namespace reglab
