#pragma once
// Optimizers update parameters from their gradients. Hyperparameters are public fields so
// they can change between any two steps (the lab sets them at step boundaries). Per-
// parameter state is indexed by position (group order), never keyed by pointer.
#include "optim/ParamGroup.h"

#include <string>
#include <vector>

namespace reglab {

template <typename S>
class Optimizer {
public:
    explicit Optimizer(std::vector<ParamGroup<S>> groups) : m_groups(std::move(groups)) {}
    virtual ~Optimizer() = default;
    virtual std::string name() const = 0;
    // One update from the current gradients.
    virtual void step() = 0;

    std::vector<ParamGroup<S>>& groups() { return m_groups; }
    int64_t stepCount() const { return m_t; }

    // Everything the optimizer remembers (moments, step count), for checkpoints.
    struct State {
        int64_t t = 0;
        std::vector<Mat<S>> buffers;
        // Both directions of a StateArchive (sessions keep the training state).
        template <typename Archive> void archive(Archive& a)
        {
            a.io(t);
            a.io(buffers);
        }
    };
    State state() const { return {m_t, m_buffers}; }
    // Throws std::invalid_argument when the buffers do not fit the parameters (a state
    // from another network, or a damaged file).
    void setState(const State& s);

    double lr = 1e-3;

protected:
    // Calls fn(param, groupWeightDecay, bufferIndex) for every parameter in order.
    template <typename Fn> void forEachParam(Fn fn)
    {
        size_t k = 0;
        for (auto& g : m_groups)
            for (auto* p : g.params)
                fn(*p, g.weightDecay, k++);
    }
    // Makes sure `perParam` zero-initialised buffers exist per parameter.
    void ensureBuffers(int perParam);

    std::vector<ParamGroup<S>> m_groups;
    std::vector<Mat<S>> m_buffers; // perParam consecutive buffers per parameter
    int64_t m_t = 0;
};

} // namespace reglab
