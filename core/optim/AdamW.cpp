#include "optim/AdamW.h"

namespace reglab {

// The group's decoupled decay (DecoupledWeightDecay's factor) is applied inside Adam's
// pass, to each chunk just before its update: the order torch.optim.AdamW uses.
template <typename S> void AdamW<S>::step() { this->adamUpdate(false, true); }

template class AdamW<float>;
template class AdamW<double>;

} // namespace reglab
