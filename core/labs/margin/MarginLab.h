#pragma once
// The `margin` lab (issue 13, L11): the implicit bias of gradient descent (Soudry et al.
// 2018). Logistic regression without a bias, trained by full-batch gradient descent (or
// SGD, one point a step) on linearly separable 2D data, never converges: |w| grows like
// log t, but its direction turns toward the hard-margin SVM's, which the lab computes
// exactly (HardMarginSvm). Nothing penalizes |w|: the optimizer itself regularizes.
// Steps run in double (|w| ~ log t and a loss ~ 1/t over millions of steps), rows are
// logged at log-spaced steps, and the charts start with a log step axis.
#include "Rng.h"
#include "data/MarginSets.h"
#include "labs/Lab.h"
#include "labs/margin/HardMarginSvm.h"

namespace reglab {

class MarginLab : public Lab {
public:
    MarginLab();

    std::string id() const override { return "margin"; }
    std::string title() const override { return "Implicit bias (max margin)"; }
    std::string description() const override;
    std::vector<MetricSpec> metrics() const override;
    LabViews views() const override;
    int64_t defaultSteps() const override { return 100000; }

    // The step size in use: step_factor / sigma_max(X).
    double stepSize() const { return num("step_factor") / m_sigmaMax; }
    const HardMarginSvm& svm() const { return m_svm; }
    const Eigen::Vector2d& weights() const { return m_w; }
    // The mean logistic loss at w, and its gradient (the step uses these).
    double lossAt(const Eigen::Vector2d& w) const { return lossAndGradient(w, nullptr); }
    Eigen::Vector2d gradientAt(const Eigen::Vector2d& w) const
    {
        Eigen::Vector2d g;
        lossAndGradient(w, &g);
        return g;
    }
    // Whether a row is logged at step t (every step up to 10, then `rows_per_decade`
    // log-spaced steps a decade).
    bool logsAt(int64_t t) const;

protected:
    void onReset(uint64_t seed) override;
    void onLiveChange(const std::string&) override {}
    double onStep(MetricRow* row, bool* logged) override;
    MetricRow measure() const override;
    std::unique_ptr<LabState> onSaveState() const override;
    void onRestoreState(const LabState& state) override;

private:
    double lossAndGradient(const Eigen::Vector2d& w, Eigen::Vector2d* grad) const;

    MarginSet m_data;
    MatD m_targets; // (y + 1) / 2, for the binary cross-entropy on logits
    HardMarginSvm m_svm;
    double m_sigmaMax = 1;
    Eigen::Vector2d m_w = Eigen::Vector2d::Zero();
    Rng m_rng; // SGD's choice of point
};

} // namespace reglab
