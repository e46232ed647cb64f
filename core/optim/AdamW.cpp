#include "optim/AdamW.h"

#include "regularizers/DecoupledWeightDecay.h"

namespace reglab {

template <typename S> void AdamW<S>::step()
{
    for (auto& g : this->m_groups)
        DecoupledWeightDecay<S>::apply(g.params, this->lr, g.weightDecay);
    this->adamUpdate(false);
}

template class AdamW<float>;
template class AdamW<double>;

} // namespace reglab
