#include "optim/Optimizer.h"

namespace reglab {

template <typename S> void Optimizer<S>::ensureBuffers(int perParam)
{
    size_t count = 0;
    for (auto& g : m_groups)
        count += g.params.size();
    if (m_buffers.size() == count * size_t(perParam))
        return;
    m_buffers.clear();
    for (auto& g : m_groups)
        for (auto* p : g.params)
            for (int i = 0; i < perParam; ++i)
                m_buffers.push_back(Mat<S>::Zero(p->value.rows(), p->value.cols()));
}

template class Optimizer<float>;
template class Optimizer<double>;

} // namespace reglab
