#pragma once
// Spectral-norm regularization (Yoshida & Miyato 2017): adds (lambda / 2) sum_l sigma(W_l)^2
// to the loss, sigma the largest singular value of a layer's weight matrix, whose gradient
// is lambda sigma u v^T (u, v its singular vectors). sigma, u and v come from power
// iteration whose vectors persist across steps (one iteration a step tracks sigma as W
// moves, as in Miyato et al. 2018); they are model state, saved and restored with it.
//
// `hard` adds the constraint form: after each update W <- W / max(1, sigma(W)), so every
// layer is at most 1-Lipschitz. Biases are never touched (they do not stretch inputs).
#include "Rng.h"
#include "regularizers/Regularizer.h"

namespace reglab {

template <typename S>
class SpectralNorm : public Regularizer<S> {
public:
    std::string id() const override { return "spectral_penalty"; }

    // Random unit vectors for every weight matrix of `params` (biases are skipped).
    void init(const std::vector<Parameter<S>*>& params, Rng& rng);
    // One power-iteration step for every matrix, from the vectors of the last one.
    void iterate(const std::vector<Parameter<S>*>& params);
    // The estimates of the last iterate(), one per weight matrix.
    const std::vector<S>& sigmas() const { return m_sigma; }

    S penalty(const std::vector<Parameter<S>*>& params) const override;
    void addGradient(const std::vector<Parameter<S>*>& params) const override;
    // The hard constraint, after the optimizer step: one more power step on the new
    // weights, then each matrix whose sigma exceeds 1 is scaled down to 1.
    void project(const std::vector<Parameter<S>*>& params);

    // The spectral norm of every weight matrix of `params` (in order), each refined by power
    // steps from the stored vectors, on copies (the state is unchanged), until it moves by
    // less than `tolerance` (relative) or after `maxIterations`: a function of the weights
    // to that tolerance, whatever vectors it starts from. The network multiplies (chains)
    // or adds (parallel branches) them into its Lipschitz bound (Layer::lipschitzBound).
    std::vector<double> refinedSigmas(const std::vector<const Parameter<S>*>& params, int maxIterations,
                                      double tolerance = 1e-9) const;

    struct State {
        std::vector<ColVec<S>> u, v;
        std::vector<S> sigma;
        // Both directions of a StateArchive (sessions keep the training state).
        template <typename Archive> void archive(Archive& a)
        {
            a.io(u);
            a.io(v);
            a.io(sigma);
        }
    };
    State state() const { return {m_u, m_v, m_sigma}; }
    void setState(const State& s);

    bool hard = false;

private:
    std::vector<ColVec<S>> m_u, m_v; // u: (in), v: (out) for W: (in, out)
    std::vector<S> m_sigma;
};

} // namespace reglab
