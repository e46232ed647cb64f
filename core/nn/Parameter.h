#pragma once
#include "Types.h"

#include <string>

namespace reglab {

// A trainable tensor and its gradient. `isBias` and `isNorm` let regularizers and optimizer
// groups treat biases and normalization parameters (BatchNorm's scale and shift) apart from
// weight matrices (DESIGN: "don't decay biases", decay groups).
template <typename S>
struct Parameter {
    std::string name; // "layer0.weight"
    Mat<S> value;
    Mat<S> grad;      // same shape as value; backward accumulates into it
    bool isBias = false;
    bool isNorm = false;
    // A weight matrix: what weight norms, spectral norms and histograms are about.
    bool isWeight() const { return !isBias && !isNorm; }
};

// Model state that gradients do not train (BatchNorm's running statistics). It is saved,
// restored (rollback, early stopping) and exported with the parameters.
template <typename S>
struct Buffer {
    std::string name; // "bn0.running_mean"
    Mat<S> value;
};

} // namespace reglab
