#pragma once
// The attention lab's tiny transformer on the autodiff tape (AttentionConfig says its shape):
// the second engine of DESIGN section 10. The lab trains with the fused nn/AttentionNet; this
// one, built from the tape's sequence ops, starts from the same weights and must give the
// same loss and gradients (tst_attention), and anything that needs second order (a penalty
// on a gradient) can build on it. Its weights are Parameters, bound as tape leaves (Module).
//
// A batch of B sequences is a (B*T, d) matrix, sequence b in rows [b*T, (b+1)*T).
#include "Rng.h"
#include "autodiff/Module.h"
#include "autodiff/Tape.h"
#include "nn/AttentionConfig.h"
#include "nn/Parameter.h"

#include <deque>
#include <vector>

namespace reglab {

template <typename S>
class TapeTransformer {
public:
    // What one forward pass recorded on the tape.
    struct Pass {
        Var<S> logits;                 // (B, classes)
        Var<S> ce, entropy, loss;      // 1x1: cross-entropy, mean attention entropy H, CE - weight*H
        std::vector<Var<S>> attention; // layer-major, one per head: (B*T, T), before dropout
    };

    TapeTransformer() = default;
    // Throws std::invalid_argument when config.check() is not empty.
    TapeTransformer(const AttentionConfig& config, Rng& initRng);

    const AttentionConfig& config() const { return m_c; }
    // Live settings (entropyWeight, attnDropout) may change between passes; not the shape.
    AttentionConfig& config() { return m_c; }
    std::vector<Parameter<S>*> parameters();
    std::vector<const Parameter<S>*> parameters() const;

    // Records the model on `tape` (clear it first): binds the parameters, embeds `tokens`
    // (batch * seqLen ids), and with `labels` (one per sequence) the losses; without, only
    // logits and attention. training: attention dropout with masks drawn from rng.
    // Binding changes no weight, so evaluation (const) may record a pass on its own tape.
    Pass forward(Tape<S>& tape, const std::vector<int>& tokens, Index batch, const std::vector<int>* labels,
                 bool training, Rng& rng) const;
    // Adds d pass.loss / d parameter into every Parameter::grad. The pass must be the last
    // one recorded.
    void backward(const Pass& pass) { m_module.backward(pass.loss); }

private:
    Parameter<S>& newParam(const std::string& name, Index rows, Index cols, bool isBias = false, bool isNorm = false);
    Var<S> p(const Parameter<S>* q) const { return m_module.var(*q); }
    Var<S> norm(Var<S> x, const Parameter<S>* g, const Parameter<S>* b) const;

    struct Block {
        Parameter<S>*lnG = nullptr, *lnB = nullptr, *wq, *bq, *wk, *bk, *wv, *bv, *wo, *bo;
        Parameter<S>*ffnG = nullptr, *ffnB = nullptr, *w1 = nullptr, *b1 = nullptr, *w2 = nullptr, *b2 = nullptr;
    };

    AttentionConfig m_c;
    std::deque<Parameter<S>> m_params; // a deque: the pointers below stay valid as it grows
    Parameter<S>*m_tok = nullptr, *m_pos = nullptr, *m_finalG = nullptr, *m_finalB = nullptr, *m_headW = nullptr,
    *m_headB = nullptr;
    std::vector<Block> m_blocks;
    mutable Module<S> m_module; // bound to the tape of the last pass
};

} // namespace reglab
