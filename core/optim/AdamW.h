#pragma once
#include "optim/Adam.h"

namespace reglab {

// AdamW (Loshchilov & Hutter): Adam whose weight decay is decoupled from the gradient:
// each weight first shrinks by lr * wd, then takes the Adam step, as torch.optim.AdamW.
template <typename S>
class AdamW : public Adam<S> {
public:
    using Adam<S>::Adam;
    std::string name() const override { return "adamw"; }
    void step() override;
};

} // namespace reglab
