#include "optim/Adam.h"

#include "Parallel.h"
#include "regularizers/DecoupledWeightDecay.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace reglab {

namespace {
// Each parameter is updated in chunks small enough that its value, grad and moments stay
// in L1 between the statements (one pass over memory instead of four), and the chunks
// run in parallel. Elementwise: the result does not depend on the split.
constexpr Index kChunk = 2048;
} // namespace

template <typename S> void Adam<S>::adamUpdate(bool coupledDecay, bool decoupledDecay)
{
    ++this->m_t;
    this->ensureBuffers(2);
    const S b1 = S(beta1), b2 = S(beta2), e = S(eps);
    const S bc1 = S(1) - S(std::pow(beta1, double(this->m_t)));
    const S bc2 = S(1) - S(std::pow(beta2, double(this->m_t)));
    const S stepSize = S(this->lr) / bc1;
    const S sqrtBc2 = std::sqrt(bc2);
    using Arr = Eigen::Array<S, Eigen::Dynamic, 1>;
    // All chunks of all parameters in one parallel region (one fork a step, not one a tensor).
    struct Chunk {
        Parameter<S>* p;
        size_t k;
        double wd;
        Index begin, size;
    };
    std::vector<Chunk> chunks;
    this->forEachParam([&](Parameter<S>& p, double wd, size_t k) {
        for (Index b = 0; b < p.value.size(); b += kChunk)
            chunks.push_back({&p, k, wd, b, std::min(kChunk, p.value.size() - b)});
    });
    parallelFor(int64_t(chunks.size()), 1, 16.0 * double(kChunk), [&](int64_t first, int64_t last) {
        for (int64_t c = first; c < last; ++c) {
            const Chunk& ch = chunks[size_t(c)];
            const Index b = ch.begin, n = ch.size;
            Eigen::Map<Arr> w(ch.p->value.data() + b, n), m(this->m_buffers[2 * ch.k].data() + b, n),
                v(this->m_buffers[2 * ch.k + 1].data() + b, n);
            const Eigen::Map<const Arr> g(ch.p->grad.data() + b, n);
            if (decoupledDecay && ch.wd != 0.0)
                w *= DecoupledWeightDecay<S>::factor(this->lr, ch.wd);
            if (coupledDecay && ch.wd != 0.0) {
                const auto gd = g + S(ch.wd) * w;
                m = b1 * m + (S(1) - b1) * gd;
                v = b2 * v + (S(1) - b2) * gd.square();
            } else {
                m = b1 * m + (S(1) - b1) * g;
                v = b2 * v + (S(1) - b2) * g.square();
            }
            w -= stepSize * m / (v.sqrt() / sqrtBc2 + e);
        }
    });
}

template <typename S> void Adam<S>::step() { adamUpdate(true, false); }

template class Adam<float>;
template class Adam<double>;

} // namespace reglab
