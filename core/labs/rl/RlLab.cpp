#include "labs/rl/RlLab.h"

#include "Parallel.h"
#include "labs/ParamBuilders.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace reglab {

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kHistogramBins = 40;
} // namespace

RlLab::RlLab()
{
    declare(choiceParam("method", "Method", "method", "Learner", {"q", "double-q"}, "q", false,
                        "q: Q-learning, whose target max_b Q(B, b) is a maximum of noisy estimates (biased "
                        "upward). double-q: two tables; each update takes the argmax from one and the value "
                        "from the other (van Hasselt 2010), and the policy acts on their sum."));
    declare(intParam("b_actions", "Actions in B", "B actions", "Environment", 1, 100, 10, false,
                     "How many actions B has, each ending the episode with a reward from N(mean, 1). More "
                     "actions: a larger maximum of their noisy estimates, a stronger bias."));
    declare(floatParam("reward_mean", "Mean reward from B", "mean", "Environment", -1, 1, -0.1, false, true,
                       "The mean of B's rewards (sd 1). Below 0, going left from A is a mistake."));
    declare(floatParam("epsilon", "Exploration ε", "ε", "Learner", 0, 1, 0.1, false, true,
                       "ε-greedy: a random action with probability ε. The optimal policy still goes left from "
                       "A with probability ε/2."));
    declare(floatParam("alpha", "Step size α", "α", "Learner", 0.001, 1, 0.1, true, true,
                       "Q(s, a) += α (target − Q(s, a))."));
    declare(intParam("runs", "Runs", "runs", "Measurement", 1000, 10000, 10000, false,
                     "Independent runs, each with its own tables and random stream; the charts show the "
                     "share of runs going left and the mean over runs."));
    declare(intParam("episodes", "Episodes", "episodes", "Measurement", 10, 10000, 300, true,
                     "The run stops after this many episodes."));
}

std::string RlLab::description() const
{
    return "Sutton & Barto's chain: from A, left leads to B, whose many actions pay a noisy reward of mean "
           "−0.1 by default. Q-learning's max over noisy estimates makes left look good and it goes left far more than "
           "the optimal 5%; double Q-learning does not.";
}

std::vector<MetricSpec> RlLab::metrics() const
{
    auto m = [](std::string id, std::string label, std::string unit, std::string chart, bool reference) {
        MetricSpec s{std::move(id), std::move(label), std::move(unit), std::move(chart), false};
        s.reference = reference;
        s.stepLabel = "episode";
        return s;
    };
    return {
        m("left_pct", "% left from A (this episode)", "%", "left", false),
        m("left_pct_avg", "% left from A (mean of the last 10 episodes)", "%", "left", false),
        m("optimum_left_pct", "optimum: ε/2", "%", "left", true),
        m("q_a_left", "Q(A, left) (mean over runs)", "", "q", false),
        m("max_q_b", "max_b Q(B, b) (mean over runs)", "", "q", false),
        m("true_q_a_left", "true Q(A, left): the mean reward", "", "q", true),
    };
}

ChainMdp::Settings RlLab::settings() const
{
    ChainMdp::Settings s;
    s.bActions = int(num("b_actions"));
    s.rewardMean = num("reward_mean");
    s.epsilon = num("epsilon");
    s.alpha = num("alpha");
    s.method = choice("method") == "double-q" ? ChainMdp::Method::DoubleQ : ChainMdp::Method::Q;
    return s;
}

void RlLab::onReset(uint64_t seed)
{
    const int runs = int(num("runs"));
    m_columns = ChainMdp::columns(int(num("b_actions")));
    m_q1.assign(size_t(runs) * size_t(m_columns), 0.0);
    m_q2.assign(m_q1.size(), 0.0);
    const Rng root(seed);
    m_rngs.clear();
    for (int r = 0; r < runs; ++r)
        m_rngs.push_back(root.split(uint64_t(r) + 1)); // a run's numbers never depend on the others'
    m_recent.clear();
}

bool RlLab::finished() const { return stepCount() >= int64_t(num("episodes")); }

std::string RlLab::finishedMessage() const
{
    return "All " + std::to_string(int64_t(num("episodes"))) + " episodes are done. Raise 'Episodes' to go on.";
}

double RlLab::value(int run, int column) const
{
    const size_t i = size_t(run) * size_t(m_columns) + size_t(column);
    return choice("method") == "double-q" ? 0.5 * (m_q1[i] + m_q2[i]) : m_q1[i];
}

double RlLab::onStep(MetricRow* row, bool* logged)
{
    const ChainMdp::Settings s = settings();
    const int n = runs();
    std::vector<uint8_t> left(size_t(n), 0);
    // Each run writes its own tables and flag: the same numbers at any thread count. An
    // episode costs roughly 200 flops plus a pass over B's actions.
    parallelFor(n, 256, 200.0 + 20.0 * m_columns, [&](int64_t begin, int64_t end) {
        for (int64_t r = begin; r < end; ++r) {
            const size_t off = size_t(r) * size_t(m_columns);
            left[size_t(r)] = ChainMdp::episode(s, m_q1.data() + off, m_q2.data() + off, m_rngs[size_t(r)]);
        }
    });
    int count = 0;
    for (uint8_t l : left)
        count += l;
    m_recent.push_back(100.0 * count / n);
    if (m_recent.size() > size_t(kWindow))
        m_recent.erase(m_recent.begin());
    *row = measure();
    *logged = true;
    return 0.0; // no loss: rewards are bounded draws, nothing can diverge
}

MetricRow RlLab::measure() const
{
    double qLeft = 0, maxB = 0;
    const int nb = m_columns - ChainMdp::kColumnsA;
    for (int r = 0; r < runs(); ++r) {
        qLeft += value(r, ChainMdp::kLeft);
        double best = value(r, ChainMdp::kColumnsA);
        for (int b = 1; b < nb; ++b)
            best = std::max(best, value(r, ChainMdp::kColumnsA + b));
        maxB += best;
    }
    double avg = kNaN;
    if (!m_recent.empty()) {
        avg = 0;
        for (double v : m_recent)
            avg += v;
        avg /= double(m_recent.size());
    }
    MetricRow row;
    row.step = stepCount();
    row.values = {m_recent.empty() ? kNaN : m_recent.back(),
                  avg,
                  100.0 * num("epsilon") / 2,
                  qLeft / runs(),
                  maxB / runs(),
                  num("reward_mean")};
    return row;
}

LabViews RlLab::views() const
{
    LabViews v;
    v.step = stepCount();
    // Q(A, left) across runs, the twin's drawn over it. The tail above Q(A, right) ~ 0 is
    // the runs whose greedy action is still left (the true value is the mean reward). A
    // strip of B's mean Q was tried and said nothing the charts do not.
    HistogramView h;
    h.id = "q_a_left";
    h.title = "Q(A, left) across runs";
    h.valueLabel = "Q(A, left)";
    std::vector<double> q;
    for (int r = 0; r < runs(); ++r)
        q.push_back(value(r, ChainMdp::kLeft));
    if (!q.empty()) {
        std::sort(q.begin(), q.end());
        h.lo = std::min(q.front(), num("reward_mean")) - 1e-3;
        h.hi = std::max(q.back(), 0.0) + 1e-3;
        h.counts.assign(kHistogramBins, 0);
        for (double x : q) {
            const int bin = std::clamp(int((x - h.lo) / (h.hi - h.lo) * kHistogramBins), 0, kHistogramBins - 1);
            h.counts[size_t(bin)] += 1;
        }
        for (int rank : kPercentileRanks)
            h.percentiles.push_back(q[size_t(std::lround(rank / 100.0 * double(q.size() - 1)))]);
    }
    v.histograms.push_back(std::move(h));
    return v;
}

namespace {
struct RlState : LabState {
    std::vector<double> q1, q2, recent;
    std::vector<Rng> rngs;
    void archive(StateArchive& a) override
    {
        a.io(q1);
        a.io(q2);
        a.io(recent);
        uint64_t n = rngs.size();
        a.io(n);
        if (a.reading() && n != rngs.size())
            throw std::invalid_argument("the saved training state has " + std::to_string(n) + " runs where "
                                        + std::to_string(rngs.size()) + " belong");
        for (Rng& r : rngs)
            a.io(r);
    }
};
} // namespace

std::unique_ptr<LabState> RlLab::onSaveState() const
{
    auto s = std::make_unique<RlState>();
    s->q1 = m_q1;
    s->q2 = m_q2;
    s->recent = m_recent;
    s->rngs = m_rngs;
    return s;
}

void RlLab::onRestoreState(const LabState& state)
{
    const auto* s = dynamic_cast<const RlState*>(&state);
    if (!s)
        throw std::invalid_argument("this saved state belongs to another lab; reset instead");
    if (s->q1.size() != m_q1.size() || s->q2.size() != m_q2.size() || s->rngs.size() != m_rngs.size()
        || s->recent.size() > size_t(kWindow))
        throw std::invalid_argument("the saved training state does not fit this lab's runs");
    m_q1 = s->q1;
    m_q2 = s->q2;
    m_recent = s->recent;
    m_rngs = s->rngs;
}

} // namespace reglab
