#include "optim/Sgd.h"

namespace reglab {

template <typename S> void Sgd<S>::step()
{
    ++this->m_t;
    const S lr = S(this->lr), mu = S(momentum);
    if (mu == S(0)) {
        this->forEachParam([&](Parameter<S>& p, double wd, size_t) {
            if (wd != 0.0)
                p.value -= lr * (p.grad + S(wd) * p.value);
            else
                p.value -= lr * p.grad;
        });
        return;
    }
    this->ensureBuffers(1);
    this->forEachParam([&](Parameter<S>& p, double wd, size_t k) {
        Mat<S>& v = this->m_buffers[k];
        if (wd != 0.0)
            v = mu * v + p.grad + S(wd) * p.value;
        else
            v = mu * v + p.grad;
        p.value -= lr * v;
    });
}

template class Sgd<float>;
template class Sgd<double>;

} // namespace reglab
