#include "labs/doubledescent/DoubleDescentLab.h"

#include "Parallel.h"
#include "metrics/Statistics.h"
#include "labs/LogRows.h"
#include "labs/ParamBuilders.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace reglab {

namespace {
constexpr int kTestPoints = 2000;

RandomFeatures::Ridge ridgeFromName(const std::string& name)
{
    return name == "gcv" ? RandomFeatures::Ridge::Gcv
        : name == "fixed" ? RandomFeatures::Ridge::Fixed
                          : RandomFeatures::Ridge::None;
}
} // namespace

DoubleDescentLab::DoubleDescentLab()
{
    declare(intParam("n", "Training points n", "n", "Data", 10, 400, 100, false,
                     "Noisy samples of the linear teacher y = x·β + σε (|β| = 1, x ~ N(0, I_d))."));
    declare(intParam("d", "Input dimension d", "d", "Data", 1, 100, 10, false, "The dimension of the inputs x."));
    declare(floatParam("noise", "Label noise σ", "σ", "Data", 0, 2, 0.2, false, true,
                       "The training labels' noise (the test error is measured against the noiseless teacher). "
                       "With more noise the second descent stays above the first minimum."));
    declare(intParam("max_ratio", "Widest p / n", "p/n max", "Model", 1, 50, 20, false,
                     "The run widens the model one feature a step up to this multiple of n."));
    declare(choiceParam("ridge", "Ridge", "ridge", "Regularization", {"none", "gcv", "fixed"}, "none", true,
                        "none: the min-norm least-squares fit (through the SVD). gcv: ridge whose λ minimises "
                        "generalized cross-validation, in closed form from the same SVD. fixed: λ below."));
    declare(onlyWhen(floatParam("lambda", "Ridge λ", "λ", "Regularization", 1e-9, 100, 1e-3, true, true,
                                "The ridge penalty λ|a|² of the fixed ridge."),
                     "ridge", {"fixed"}));
    declare(intParam("trials", "Trials", "trials", "Measurement", 1, 100, 30, false,
                     "Independent draws of data, teacher, noise and features; the charts show medians over them."));
    declare(intParam("rows_per_decade", "Widths per decade", "rows/decade", "Measurement", 5, 100, 20, true,
                     "Fits are made at this many log-spaced widths a decade (and at p = n, the peak)."));
}

std::string DoubleDescentLab::description() const
{
    return "Random ReLU features fitted in closed form: the test error falls, peaks where the model can "
           "interpolate the training data (width p = n), and falls again beyond; tuned ridge removes the peak.";
}

std::vector<MetricSpec> DoubleDescentLab::metrics() const
{
    auto m = [](std::string id, std::string label, std::string chart) {
        MetricSpec s{std::move(id), std::move(label), "", std::move(chart), false};
        s.logSteps = s.logValues = true;
        s.stepLabel = "width p (features)";
        return s;
    };
    std::vector<MetricSpec> out = {
        m("test_error", "test error vs the teacher (median)", "error"),
        m("train_error", "train error (median)", "error"),
        m("coef_norm", "|a| (median)", "norm"),
        m("condition_number", "condition number of the features", "condition"),
    };
    return out;
}

void DoubleDescentLab::onReset(uint64_t seed)
{
    const int n = int(num("n")), d = int(num("d"));
    m_maxWidth = int(num("max_ratio")) * n;
    Rng root(seed);
    m_trials.clear();
    for (int k = 0; k < int(num("trials")); ++k) {
        Rng rng = root.split(uint64_t(k) + 1);
        m_trials.emplace_back(n, d, m_maxWidth, kTestPoints, rng);
    }
    onLiveChange("noise");
}

void DoubleDescentLab::onLiveChange(const std::string& id)
{
    if (id == "noise")
        for (RandomFeatures& t : m_trials)
            t.setSigma(num("noise"));
}

bool DoubleDescentLab::finished() const { return stepCount() >= m_maxWidth; }

std::string DoubleDescentLab::finishedMessage() const
{
    return "The widest model (p = " + std::to_string(m_maxWidth) + ") is fitted. Raise 'Widest p / n' and reset "
           "to go further.";
}

bool DoubleDescentLab::logsAt(int64_t p) const
{
    if (p <= 0)
        return false;
    if (p == int64_t(num("n")) || p <= 3)
        return true;
    return startsLogSlice(p, num("rows_per_decade"));
}

double DoubleDescentLab::onStep(MetricRow* row, bool* logged)
{
    if (logsAt(stepCount())) {
        *row = measure();
        *logged = true;
        return row->values[1]; // the training error
    }
    return 0.0;
}

MetricRow DoubleDescentLab::measure() const
{
    MetricRow r;
    r.step = stepCount();
    const double sigma = num("noise");
    if (r.step <= 0) { // no features yet: predicting 0, the error is |beta|^2 + sigma^2
        const double nan = std::numeric_limits<double>::quiet_NaN();
        r.values = {1.0, 1 + sigma * sigma, 0.0, nan};
        return r;
    }
    const size_t k = m_trials.size();
    std::vector<double> test(k), train(k), norm(k), cond(k);
    const auto ridge = ridgeFromName(choice("ridge"));
    const int p = int(std::min<int64_t>(r.step, m_maxWidth));
    // Trials in parallel, each into its own slot: the same numbers at any thread count.
    parallelFor(int64_t(k), 1, 1e6, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) {
            const RandomFeatures::Fit f = m_trials[size_t(i)].fit(p, ridge, num("lambda"));
            test[size_t(i)] = f.testError;
            train[size_t(i)] = f.trainError;
            norm[size_t(i)] = f.coefNorm;
            cond[size_t(i)] = f.conditionNumber;
        }
    });
    r.values = {median(test), median(train), median(norm), median(cond)};
    return r;
}

namespace {
// Nothing but the step changes as the run goes (each width is fitted afresh): the base
// part (step, params) is the whole state.
struct DoubleDescentState : LabState {
    void archive(StateArchive&) override {}
};
} // namespace

std::unique_ptr<LabState> DoubleDescentLab::onSaveState() const { return std::make_unique<DoubleDescentState>(); }

} // namespace reglab
