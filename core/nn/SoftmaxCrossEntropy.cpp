#include "nn/SoftmaxCrossEntropy.h"

#include <cmath>

namespace reglab {

namespace {
// Loss of one row of logits and its log-sum-exp (stable: shifted by the row max).
template <typename S, typename Row> S rowLoss(const Row& z, int y, S smoothing, Index classes, S* lseOut)
{
    const S m = z.maxCoeff();
    const S lse = m + std::log((z.array() - m).exp().sum());
    *lseOut = lse;
    const S l = lse - z(y);
    return smoothing > S(0) ? (S(1) - smoothing) * l + smoothing * (lse - z.sum() / S(classes)) : l;
}
} // namespace

template <typename S>
S SoftmaxCrossEntropy<S>::sumLoss(const Mat<S>& logits, const int* labels, int* correct, S smoothing)
{
    S total = 0, lse;
    int hits = 0;
    for (Index i = 0; i < logits.rows(); ++i) {
        total += rowLoss(logits.row(i), labels[i], smoothing, logits.cols(), &lse);
        Index arg;
        logits.row(i).maxCoeff(&arg);
        hits += arg == labels[i];
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
    S total = 0, lse;
    for (Index i = 0; i < n; ++i) {
        total += rowLoss(logits.row(i), labels[i], smoothing, k, &lse);
        if (dlogits) {
            // d/dz = softmax(z) - target, target = (1 - eps) e_y + eps / k
            auto d = dlogits->row(i);
            d = (logits.row(i).array() - lse).exp().matrix();
            d.array() -= smoothing / S(k);
            d(labels[i]) -= S(1) - smoothing;
            d /= S(n);
        }
    }
    return total / S(n);
}

template struct SoftmaxCrossEntropy<float>;
template struct SoftmaxCrossEntropy<double>;

} // namespace reglab
