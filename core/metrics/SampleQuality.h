#pragma once
// How well generated 2D samples match a target (the GAN lab's metrics):
//   modes_covered  modes that received at least `minShare` of the samples within 3 sigma
//   high_quality   share of samples within 3 sigma of some mode
//   mode_kl        KL(p || uniform) of the high-quality samples' histogram over modes, p_k
//                  their share at mode k (0 = all modes equally; log K = one mode only, and
//                  the value when no sample is near any mode)
//   swd            sliced Wasserstein-1 distance between two sample sets of equal size: the
//                  mean over fixed, evenly spaced directions of the 1D Wasserstein distance
//                  of the projections (sorted, paired)
#include "Types.h"
#include "data/GanTarget.h"

namespace reglab {

struct ModeStats {
    int modesCovered = 0;
    double highQuality = 0.0;
    double modeKl = 0.0;
};

// samples: (n, 2). Needs a target with modes (throws std::invalid_argument otherwise).
ModeStats modeStats(const MatF& samples, const GanTarget& target, double minShare = 0.01);

// a, b: (n, 2), the same n (throws std::invalid_argument otherwise); `directions` angles
// k pi / directions, k = 0 .. directions - 1.
double slicedWasserstein(const MatF& a, const MatF& b, int directions = 64);

} // namespace reglab
