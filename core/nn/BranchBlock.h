#pragma once
#include "nn/Sequential.h"

namespace reglab {

// Parallel branches whose outputs are summed (Inception-like), with drop-path
// (Larsson et al. 2017, FractalNet): in training each sample drops each branch with
// probability p; a sample that would lose them all keeps one, drawn at random; the k
// surviving branches are scaled by n / k, so the expected output is the sum of all n
// branches (what evaluation computes) for any p.
// x: (batch, in) -> y: (batch, out), every branch mapping in -> out.
template <typename S>
class BranchBlock : public Layer<S> {
public:
    std::string kind() const override { return "branches"; }
    void addBranch(Sequential<S> branch);
    size_t branchCount() const { return m_branches.size(); }
    Sequential<S>& branch(size_t i) { return m_branches[i]; }
    const Sequential<S>& branch(size_t i) const { return m_branches[i]; }

    void setDropPath(double p) { m_p = p; }
    double dropPath() const { return m_p; }

    Index outputSize(Index inputSize) const override;
    void forward(const Mat<S>& x, Mat<S>& y, bool training, Rng& rng) override;
    void infer(const Mat<S>& x, Mat<S>& y) const override;
    // Evaluation with the branches flagged in `ablated` left out (no rescaling of the
    // others): const and thread-safe, for measuring what the net loses without a branch.
    void inferWithout(const Mat<S>& x, Mat<S>& y, const std::vector<bool>& ablated) const;
    void backward(const Mat<S>& x, const Mat<S>& y, const Mat<S>& dy, Mat<S>* dx) override;
    std::vector<Parameter<S>*> parameters() override;
    std::vector<Buffer<S>*> buffers() override;
    void visit(const std::function<void(Layer<S>&)>& fn) override;
    // The sum of the branches' bounds.
    double lipschitzBound(const std::function<double(const Parameter<S>&)>& sigma) const override;

    // The scales of the last training forward: (batch, branches), 0 for a dropped branch,
    // else n / k; empty when nothing was dropped.
    const Mat<S>& scales() const { return m_scales; }
    // Uses fixed scales instead of drawing them (gradient checks).
    void setFixedScales(const Mat<S>& scales) { m_fixed = scales; }
    // The scales a training forward draws for `rows` samples and n branches at rate p, one
    // rng draw per sample and branch (and one more for a sample that dropped them all).
    static void drawScales(Index rows, Index n, double p, Rng& rng, Mat<S>& scales);

private:
    std::vector<Sequential<S>> m_branches;
    double m_p = 0.0;
    Mat<S> m_scales, m_fixed;
    std::vector<Mat<S>> m_outs; // each branch's output in the last training forward
    Mat<S> m_dBranch;
};

} // namespace reglab
