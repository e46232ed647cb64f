#pragma once
// The contractive autoencoder of the `cae` lab (Rifai et al. 2011): a sigmoid encoder
// h = sigmoid(x W + b) and a tied linear decoder x̂ = h Wᵀ + c, rows as samples. The loss and
// the penalty are built from tape ops (autodiff/Ops), so the tape differentiates the penalty,
// itself a derivative of the encoder, with no op of its own; the plain-Eigen functions give
// the same numbers for the metrics and pictures, without a tape.
#include "Rng.h"
#include "Types.h"
#include "autodiff/Tape.h"
#include "autodiff/Var.h"
#include "nn/Parameter.h"

#include <vector>

namespace reglab {

class ContractiveAe {
public:
    // Glorot-uniform weights (inputs, hidden), zero biases.
    void init(Index inputs, Index hidden, Rng& rng);
    Index inputs() const { return w.value.rows(); }
    Index hidden() const { return w.value.cols(); }
    std::vector<Parameter<double>*> params() { return {&w, &b, &c}; }
    std::vector<MatD> values() const { return {w.value, b.value, c.value}; }
    void setValues(const std::vector<MatD>& v);

    // ---- on the tape: x (n, inputs) -> h (n, hidden) -> x̂ (n, inputs) ----
    static Var<double> encode(Var<double> x, Var<double> W, Var<double> b);
    static Var<double> decode(Var<double> h, Var<double> W, Var<double> c);
    // Mean over the rows of ||J_f(x)||_F² = Σ_j (h_j(1 − h_j))² Σ_i W_ij², the closed form of
    // the encoder's squared Jacobian norm for a sigmoid layer, from h and W.
    static Var<double> contractive(Var<double> h, Var<double> W);
    // Mean over the rows of ||x̂ − target||² (the squared distance, summed over coordinates).
    static Var<double> reconError(Var<double> xhat, Var<double> target);
    // reconError(decode(encode(x)), target) + lambda · contractive: the lab's training loss.
    static Var<double> loss(Tape<double>& tape, Var<double> W, Var<double> b, Var<double> c, const MatD& x,
                            const MatD& target, double lambda);

    // ---- plain Eigen, for metrics and pictures ----
    MatD encode(const MatD& x) const;
    MatD reconstruct(const MatD& x) const;
    // The encoder's Jacobian at one input: (hidden, inputs), J_ji = h_j(1 − h_j) W_ij.
    MatD jacobian(const MatD& xRow) const;
    // ||J_f(x)||_F² of every row, in closed form.
    ColVec<double> jacobianNormSq(const MatD& x) const;

    Parameter<double> w{"encoder.weight", {}, {}, false};
    Parameter<double> b{"encoder.bias", {}, {}, true};
    Parameter<double> c{"decoder.bias", {}, {}, true};
};

} // namespace reglab
