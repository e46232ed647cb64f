#include "labs/classify/ClassifyObjective.h"

#include "nn/MeanSquaredError.h"
#include "nn/SoftmaxCrossEntropy.h"

namespace reglab {

template <typename S>
S ClassifyObjective<S>::classes(Sequential<S>& net, const Mat<S>& x, const int* labels, S smoothing, Rng& dropRng,
                                Mat<S>* dlogits)
{
    const Mat<S>& logits = net.forward(x, true, dropRng);
    const S loss = SoftmaxCrossEntropy<S>::loss(logits, labels, dlogits, smoothing);
    net.zeroGrad();
    net.backward(*dlogits);
    return loss;
}

template <typename S>
S ClassifyObjective<S>::regression(Sequential<S>& net, const Mat<S>& x, const Mat<S>& targets, Rng& dropRng,
                                   Mat<S>* dout)
{
    const Mat<S>& out = net.forward(x, true, dropRng);
    const S loss = MeanSquaredError<S>::loss(out, targets, dout);
    net.zeroGrad();
    net.backward(*dout);
    return loss;
}

template class ClassifyObjective<float>;
template class ClassifyObjective<double>;

} // namespace reglab
