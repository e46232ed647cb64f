#include "nn/SoftmaxCrossEntropy.h"

#include <cmath>

namespace reglab {

namespace {
// log-sum-exp of one row, stable.
template <typename S, typename Row> S logSumExp(const Row& r, S& maxOut)
{
    const S m = r.maxCoeff();
    maxOut = m;
    return m + std::log((r.array() - m).exp().sum());
}
} // namespace

template <typename S>
S SoftmaxCrossEntropy<S>::sumLoss(const Mat<S>& logits, const int* labels, int* correct, S smoothing)
{
    const Index n = logits.rows(), k = logits.cols();
    S total = 0;
    int hits = 0;
    for (Index i = 0; i < n; ++i) {
        const auto row = logits.row(i);
        S m;
        const S lse = logSumExp<S>(row, m);
        const int y = labels[i];
        S l = lse - row(y);
        if (smoothing > S(0))
            l = (S(1) - smoothing) * l + smoothing * (lse - row.sum() / S(k));
        total += l;
        Index arg;
        row.maxCoeff(&arg);
        hits += arg == y;
    }
    if (correct)
        *correct = hits;
    return total;
}

template <typename S>
S SoftmaxCrossEntropy<S>::loss(const Mat<S>& logits, const int* labels, Mat<S>* dlogits, S smoothing)
{
    const Index n = logits.rows(), k = logits.cols();
    if (dlogits)
        dlogits->resize(n, k);
    S total = 0;
    for (Index i = 0; i < n; ++i) {
        const auto row = logits.row(i);
        S m;
        const S lse = logSumExp<S>(row, m);
        const int y = labels[i];
        S l = lse - row(y);
        if (smoothing > S(0))
            l = (S(1) - smoothing) * l + smoothing * (lse - row.sum() / S(k));
        total += l;
        if (dlogits) {
            // d/dz = softmax(z) - target, target = (1 - eps) e_y + eps / k
            auto d = dlogits->row(i);
            d = (row.array() - lse).exp().matrix();
            d.array() -= smoothing / S(k);
            d(y) -= S(1) - smoothing;
            d /= S(n);
        }
    }
    return total / S(n);
}

template struct SoftmaxCrossEntropy<float>;
template struct SoftmaxCrossEntropy<double>;

} // namespace reglab
