#pragma once
#include "optim/Optimizer.h"

namespace reglab {

// SGD with (heavy-ball) momentum, as torch.optim.SGD with dampening 0:
//   g = grad + wd w;  v = momentum v + g;  w -= lr v
template <typename S>
class Sgd : public Optimizer<S> {
public:
    using Optimizer<S>::Optimizer;
    std::string name() const override { return "sgd"; }
    void step() override;
    double momentum = 0.0;
};

} // namespace reglab
