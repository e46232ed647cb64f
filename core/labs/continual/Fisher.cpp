#include "labs/continual/Fisher.h"

#include "nn/SoftmaxCrossEntropy.h"

#include <cmath>
#include <stdexcept>

namespace reglab {

template <typename S>
std::vector<Mat<S>> Fisher<S>::diagonal(Sequential<S>& net, const Mat<S>& x, const std::vector<int>& labels)
{
    if (Index(labels.size()) != x.rows() || x.rows() == 0)
        throw std::invalid_argument("the Fisher needs one label per input, and at least one input");
    std::vector<Parameter<S>*> params = net.parameters();
    std::vector<Mat<S>> f;
    for (auto* p : params)
        f.push_back(Mat<S>::Zero(p->value.rows(), p->value.cols()));
    Rng unused(1); // evaluation mode: no dropout draws
    Mat<S> row, dlogits;
    for (Index i = 0; i < x.rows(); ++i) {
        row = x.row(i);
        const Mat<S>& logits = net.forward(row, false, unused);
        // Batch of one: dlogits is the gradient of -log p(y | x), whose square is that of log p.
        SoftmaxCrossEntropy<S>::loss(logits, &labels[size_t(i)], &dlogits);
        net.zeroGrad();
        net.backward(dlogits);
        for (size_t k = 0; k < params.size(); ++k)
            f[k].array() += params[k]->grad.array().square();
    }
    for (auto& m : f)
        m /= S(x.rows());
    return f;
}

template <typename S> std::vector<int> Fisher<S>::sampleLabels(const Sequential<S>& net, const Mat<S>& x, Rng& rng)
{
    Mat<S> logits, scratch;
    net.infer(x, logits, scratch);
    std::vector<int> labels(size_t(x.rows()));
    for (Index i = 0; i < logits.rows(); ++i) {
        const double m = double(logits.row(i).maxCoeff());
        double total = 0;
        for (Index c = 0; c < logits.cols(); ++c)
            total += std::exp(double(logits(i, c)) - m);
        double u = rng.uniform() * total;
        int label = int(logits.cols()) - 1;
        for (Index c = 0; c < logits.cols(); ++c) {
            u -= std::exp(double(logits(i, c)) - m);
            if (u < 0) {
                label = int(c);
                break;
            }
        }
        labels[size_t(i)] = label;
    }
    return labels;
}

template class Fisher<float>;
template class Fisher<double>;

} // namespace reglab
