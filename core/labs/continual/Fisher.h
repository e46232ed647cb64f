#pragma once
// The diagonal Fisher information of a classifier's parameters (Kirkpatrick et al. 2017):
//   F_i = mean over inputs x of (d log p(y | x) / d theta_i)^2,
// per-sample gradients squared, then averaged. Which y makes the difference:
//   true Fisher:      y drawn from the model's own predictive distribution p(. | x)
//                     (sampleLabels), an unbiased one-sample estimate of E_y[g^2];
//   empirical Fisher: y the true label of x.
// Templated so the tests check it in double against finite differences; the lab runs float.
#include "Rng.h"
#include "nn/Sequential.h"

#include <vector>

namespace reglab {

template <typename S> class Fisher {
public:
    // One matrix per parameter, in net.parameters() order. Overwrites the parameters'
    // gradients (one backward pass per row of x).
    static std::vector<Mat<S>> diagonal(Sequential<S>& net, const Mat<S>& x, const std::vector<int>& labels);
    // One label per row of x, drawn from the softmax of the net's logits (one uniform each).
    static std::vector<int> sampleLabels(const Sequential<S>& net, const Mat<S>& x, Rng& rng);
};

} // namespace reglab
