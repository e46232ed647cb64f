#pragma once
// One training step's objective of the classify lab on a batch: the forward pass in training
// mode, the loss, and the gradient of every parameter of the net (zeroed first). Templated so
// the gradient tests run the very same path in double; the lab runs it in float.
#include "Rng.h"
#include "nn/Sequential.h"

namespace reglab {

template <typename S> class ClassifyObjective {
public:
    // Classes: softmax cross-entropy against labels (one per row of x), with label smoothing.
    static S classes(Sequential<S>& net, const Mat<S>& x, const int* labels, S smoothing, Rng& dropRng,
                     Mat<S>* dlogits);
    // Regression: the mean squared error (nn/MeanSquaredError) of the single output against
    // targets (batch, 1).
    static S regression(Sequential<S>& net, const Mat<S>& x, const Mat<S>& targets, Rng& dropRng, Mat<S>* dout);
};

} // namespace reglab
