#include "optim/Adam.h"

#include <cmath>

namespace reglab {

template <typename S> void Adam<S>::adamUpdate(bool coupledDecay)
{
    ++this->m_t;
    this->ensureBuffers(2);
    const S b1 = S(beta1), b2 = S(beta2), e = S(eps);
    const S bc1 = S(1) - S(std::pow(beta1, double(this->m_t)));
    const S bc2 = S(1) - S(std::pow(beta2, double(this->m_t)));
    const S stepSize = S(this->lr) / bc1;
    const S sqrtBc2 = std::sqrt(bc2);
    this->forEachParam([&](Parameter<S>& p, double wd, size_t k) {
        Mat<S>& m = this->m_buffers[2 * k];
        Mat<S>& v = this->m_buffers[2 * k + 1];
        auto g = p.grad.array();
        if (coupledDecay && wd != 0.0) {
            const auto gd = g + S(wd) * p.value.array();
            m.array() = b1 * m.array() + (S(1) - b1) * gd;
            v.array() = b2 * v.array() + (S(1) - b2) * gd.square();
        } else {
            m.array() = b1 * m.array() + (S(1) - b1) * g;
            v.array() = b2 * v.array() + (S(1) - b2) * g.square();
        }
        p.value.array() -= stepSize * m.array() / (v.array().sqrt() / sqrtBc2 + e);
    });
}

template <typename S> void Adam<S>::step() { adamUpdate(true); }

template class Adam<float>;
template class Adam<double>;

} // namespace reglab
