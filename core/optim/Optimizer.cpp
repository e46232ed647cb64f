#include "optim/Optimizer.h"

#include <stdexcept>

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

template <typename S> void Optimizer<S>::setState(const State& s)
{
    std::vector<const Mat<S>*> values;
    for (auto& g : m_groups)
        for (auto* p : g.params)
            values.push_back(&p->value);
    // Buffers are per parameter, perParam of them each, in parameter order (ensureBuffers).
    bool fits = s.t >= 0 && (s.buffers.empty() || (!values.empty() && s.buffers.size() % values.size() == 0));
    const size_t perParam = values.empty() ? 0 : s.buffers.size() / values.size();
    for (size_t k = 0; fits && k < s.buffers.size(); ++k)
        fits = s.buffers[k].rows() == values[k / perParam]->rows() && s.buffers[k].cols() == values[k / perParam]->cols();
    if (!fits)
        throw std::invalid_argument("the saved optimizer state belongs to another network");
    m_t = s.t;
    m_buffers = s.buffers;
}

template class Optimizer<float>;
template class Optimizer<double>;

} // namespace reglab
