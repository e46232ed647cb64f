#pragma once
// A layer of a Sequential network: a pair of forward/backward functions with the shapes
// in a comment, llm.c style. Buffers live in the layer, so a training step allocates
// nothing once the batch size is stable.
#include "Rng.h"
#include "Types.h"
#include "nn/Parameter.h"

#include <functional>
#include <string>
#include <vector>

namespace reglab {

template <typename S>
class Layer {
public:
    virtual ~Layer() = default;
    virtual std::string kind() const = 0;
    virtual Index outputSize(Index inputSize) const { return inputSize; }

    // x: (batch, in) -> y: (batch, out). `training` enables dropout-like noise, drawn from rng.
    virtual void forward(const Mat<S>& x, Mat<S>& y, bool training, Rng& rng) = 0;
    // Evaluation-mode forward that touches no layer state, so several threads may call it
    // at once on different rows.
    virtual void infer(const Mat<S>& x, Mat<S>& y) const = 0;
    // Given the x and y of the last forward and dy = dL/dy, accumulates parameter gradients
    // and writes dx = dL/dx when dx is not null.
    virtual void backward(const Mat<S>& x, const Mat<S>& y, const Mat<S>& dy, Mat<S>* dx) = 0;

    virtual std::vector<Parameter<S>*> parameters() { return {}; }
    virtual std::vector<Buffer<S>*> buffers() { return {}; }
    // Calls fn on this layer and on every layer inside it (parallel branches).
    virtual void visit(const std::function<void(Layer<S>&)>& fn) { fn(*this); }

    // An upper bound of the layer's Lipschitz constant in evaluation mode, given the
    // spectral norm of each weight matrix (sigma). Activations used here are 1-Lipschitz.
    virtual double lipschitzBound(const std::function<double(const Parameter<S>&)>& /*sigma*/) const
    {
        return 1.0;
    }
};

} // namespace reglab
