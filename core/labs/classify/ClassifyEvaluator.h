#pragma once
// The classify lab's measurement of its network on a data set: the loss, and as asked the
// accuracy, dead units and calibration. Rows go through in fixed chunks whose sums are added
// in order, so the numbers are the same at any thread count.
#include "data/Dataset.h"
#include "nn/Sequential.h"

#include <cstddef>

namespace reglab {

class ClassifyEvaluator {
public:
    struct Result {
        double loss = 0, acc = 0;
        double deadUnits = 0;         // when counted: hidden units that output 0 for every input
        double maxLogit = 0, ece = 0; // when calibrated
    };
    struct Options {
        bool countDead = false;
        bool calibrate = false;   // the mean max logit and ECE (classes only)
        const MatF* x = nullptr;  // the inputs to use instead of d.x (noisy ones), same shape
        int ablate = -1;          // the branch of the branch block to leave out (-1: none)
    };

    // branches: how many branches the net's branch block has (0: none).
    ClassifyEvaluator(const Sequential<float>& net, size_t branches) : m_net(net), m_branches(branches) {}

    // Classes (d.y): softmax cross-entropy and accuracy. Targets (d.target not empty): the
    // mean squared error of the single output (nn/MeanSquaredError), accuracy 0.
    Result evaluate(const Dataset& d, const Options& options) const;

private:
    const Sequential<float>& m_net;
    size_t m_branches;
};

} // namespace reglab
