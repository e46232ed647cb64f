#pragma once
// Cutting a data set into a training part and a validation part.
#include "Dataset.h"
#include "Rng.h"

namespace reglab {

// Shuffles the samples with rng (Fisher-Yates, rng.below) and gives the first
// round(trainFraction * n) to train and the rest to val, clamped so each part has at least one
// sample. Not stratified. Both parts keep name, numClasses, featureNames and classNames, and
// each sample its label or target.
// Throws std::invalid_argument when the set has fewer than 2 samples or trainFraction is not in
// [0, 1].
DataSplit splitTrainVal(const Dataset& data, double trainFraction, Rng& rng);

} // namespace reglab
