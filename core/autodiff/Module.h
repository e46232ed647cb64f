#pragma once
// The bridge between nn/ Parameters and the tape (DESIGN section 10). A lab that trains on
// the tape (GAN, attention, contractive AE) keeps its weights as Parameter objects, so it
// uses the same optimizers, regularizers, initializers, saved states and .npy exports as
// the nn/ labs. Each step it binds them as tape leaves, builds the loss, and backward()
// adds the tape's gradients into Parameter::grad (+=, as nn/ backward does).
//
//   tape.clear();
//   module.bind(tape);
//   Var<float> y = forwardOnTape(module, net, tape.constant(x), /*training*/ true, rng);
//   module.backward(softmaxCrossEntropy(y, labels));
//   optimizer.step();
#include "Rng.h"
#include "autodiff/Tape.h"
#include "autodiff/Var.h"
#include "nn/Parameter.h"
#include "nn/Sequential.h"

#include <vector>

namespace reglab {

template <typename S>
class Module {
public:
    Module() = default;
    explicit Module(std::vector<Parameter<S>*> params) : m_params(std::move(params)) {}

    const std::vector<Parameter<S>*>& params() const { return m_params; }
    void setParams(std::vector<Parameter<S>*> params) { m_params = std::move(params); m_vars.clear(); }

    // Records every parameter as a leaf (requires grad) on the tape. Call after tape.clear().
    void bind(Tape<S>& tape);
    Tape<S>* tape() const { return m_tape; }
    // The leaf of a bound parameter; throws std::invalid_argument for one not in params().
    Var<S> var(const Parameter<S>& p) const;
    const std::vector<Var<S>>& vars() const { return m_vars; }

    // d y / d param for the 1x1 node y, added into each Parameter::grad.
    void backward(Var<S> y);
    // The same gradients as tape nodes, without touching Parameter::grad; with createGraph
    // they can be differentiated again (penalties on gradients).
    std::vector<Var<S>> gradients(Var<S> y, bool createGraph) const;

private:
    std::vector<Parameter<S>*> m_params;
    std::vector<Var<S>> m_vars;
    Tape<S>* m_tape = nullptr;
};

// The forward pass of an nn/ Sequential on the tape, layer by layer: Linear as x W + b,
// activations as their tape ops, Dropout with the mask nn/Dropout would draw from the same
// rng (so both engines drop the same units). The net's parameters must be bound in m.
// x: (batch, in) -> (batch, out)
template <typename S>
Var<S> forwardOnTape(const Module<S>& m, const Sequential<S>& net, Var<S> x, bool training, Rng& rng);

} // namespace reglab
