#pragma once
#include "nn/Layer.h"

namespace reglab {

// Batch normalization (Ioffe & Szegedy 2015) with ghost batches (Hoffer et al. 2017).
// Training: the batch's rows are cut into G = max(1, B / max(2, ghost)) contiguous ghost
// groups (sizes differ by at most one, so none is smaller than `ghost`); each group is
// normalised by its own mean and biased variance, xhat = (x - mean) / sqrt(var + eps),
// and y = gamma * xhat + beta. ghost = 0 (or >= B) is plain batch norm. Running statistics
// follow every group as in PyTorch, r <- (1 - momentum) r + momentum stat (unbiased variance),
// and evaluation normalises with them (so does training on a single sample, which has no
// batch statistics: then the layer is that affine map, and backward treats it as one).
// x: (batch, n) -> y: (batch, n); gamma, beta: (1, n); running mean and variance: (1, n)
template <typename S>
class BatchNorm : public Layer<S> {
public:
    BatchNorm(Index n, const std::string& name);
    std::string kind() const override { return "batchnorm"; }
    void forward(const Mat<S>& x, Mat<S>& y, bool training, Rng& rng) override;
    void infer(const Mat<S>& x, Mat<S>& y) const override;
    void backward(const Mat<S>& x, const Mat<S>& y, const Mat<S>& dy, Mat<S>* dx) override;
    std::vector<Parameter<S>*> parameters() override { return {&m_gamma, &m_beta}; }
    std::vector<Buffer<S>*> buffers() override { return {&m_runningMean, &m_runningVar}; }
    // Evaluation mode is the affine map gamma (x - mean) / sqrt(var + eps) + beta.
    double lipschitzBound(const std::function<double(const Parameter<S>&)>& sigma) const override;

    // Rows per ghost group; 0 means the whole batch.
    void setGhostBatch(Index rows) { m_ghost = rows; }
    Index ghostBatch() const { return m_ghost; }
    // The first row of each group of a batch of `rows` rows, then `rows` (group g is
    // [starts[g], starts[g + 1])).
    static std::vector<Index> groupStarts(Index rows, Index ghost);

    Parameter<S>& gamma() { return m_gamma; }
    Parameter<S>& beta() { return m_beta; }
    const Buffer<S>& runningMean() const { return m_runningMean; }
    const Buffer<S>& runningVar() const { return m_runningVar; }

    double momentum = 0.1;
    double eps = 1e-5;

private:
    Parameter<S> m_gamma, m_beta;
    Buffer<S> m_runningMean, m_runningVar;
    Index m_ghost = 0;
    // From the last training forward, for backward.
    std::vector<Index> m_starts;
    Mat<S> m_xhat;   // (batch, n)
    Mat<S> m_invStd; // (groups, n)
    bool m_affine = false; // the last forward used the running statistics
};

} // namespace reglab
