#pragma once
// The backward rule of every OpKind, written with the differentiable ops of Ops.h so that
// a sweep run with createGraph records a graph that can be differentiated again.
#include "autodiff/Tape.h"
#include "autodiff/Var.h"

namespace reglab {

// Given the upstream gradient g of node `node` (g has the node's shape), sets grads[k] to
// the gradient for the node's k-th parent (same shape as that parent) when need[k] is true.
template <typename S>
void backwardRule(Tape<S>& tape, int node, Var<S> g, const bool need[2], Var<S> grads[2]);

} // namespace reglab
