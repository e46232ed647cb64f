#include "labs/rl/DqnLab.h"

#include "labs/rl/DqnParams.h"
#include "nn/Dropout.h"
#include "nn/HuberLoss.h"
#include "nn/MeanSquaredError.h"
#include "optim/AdamW.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace reglab {

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

int argmax(const MatF& q, Index row)
{
    return q(row, 1) > q(row, 0) ? 1 : 0; // ties go left: deterministic, and floats rarely tie
}

double mean(const std::vector<double>& v)
{
    if (v.empty())
        return kNaN;
    double s = 0;
    for (double x : v)
        s += x;
    return s / double(v.size());
}

void pushWindow(std::vector<double>& window, double v, size_t cap)
{
    window.push_back(v);
    if (window.size() > cap)
        window.erase(window.begin());
}

} // namespace

struct DqnLab::Evaluation {
    double qMax = kNaN, qMean = kNaN, discounted = kNaN, ret = kNaN;
};

DqnLab::DqnLab()
{
    for (ParamSpec& p : dqnParams())
        declare(std::move(p));
}

DqnLab::~DqnLab() = default;

std::string DqnLab::description() const
{
    return "DQN learns to balance a pole on a cart (CartPole-v1) from replayed experience. Its target takes a max "
           "over noisy Q-estimates, so its predicted Q(s0) overshoots the return the policy really obtains; double "
           "DQN lets the online net pick the action and the target net value it, and overshoots less.";
}

std::vector<MetricSpec> DqnLab::metrics() const
{
    auto m = [](std::string id, std::string label, std::string chart, bool higher, bool reference = false) {
        MetricSpec s{std::move(id), std::move(label), "", std::move(chart), higher};
        s.reference = reference;
        return s;
    };
    return {
        m("return", "episode return (mean of the last 10 training episodes)", "return", true),
        m("eval_return", "greedy policy's return", "return", true),
        m("max_return", "500: the time limit", "return", true, true),
        m("q_s0_max", "predicted max_a Q(s0, a)", "q", false),
        m("q_s0_mean", "predicted mean_a Q(s0, a)", "q", false),
        m("g0", "discounted return obtained from s0", "q", true),
        m("overestimation", "max_a Q(s0, a) − obtained return", "overestimation", false),
        m("overestimation_avg", "the same, mean of the last 20 rows", "overestimation", false),
        m("no_bias", "0: no bias", "overestimation", false, true),
        m("td_loss", "TD loss (mean since the last row)", "td_loss", false),
        m("epsilon", "exploration ε", "epsilon", false),
    };
}

double DqnLab::epsilon() const
{
    // Linear from start to end over the decay steps, counted in steps already taken.
    const double t = double(std::max<int64_t>(stepCount() - 1, 0));
    const double f = std::min(1.0, t / num("epsilon_decay"));
    return num("epsilon_start") + f * (num("epsilon_end") - num("epsilon_start"));
}

bool DqnLab::finished() const { return stepCount() >= int64_t(num("env_steps")); }

std::string DqnLab::finishedMessage() const
{
    return "All " + std::to_string(int64_t(num("env_steps")))
        + " environment steps are done. Raise 'Environment steps' to go on.";
}

void DqnLab::onReset(uint64_t seed)
{
    Rng root(seed);
    Rng initRng = root.split(1);
    MlpConfig cfg;
    cfg.inputs = CartPole::kObservations;
    cfg.hidden.assign(size_t(num("hidden_layers")), Index(num("width")));
    cfg.outputs = CartPole::kActions;
    cfg.activation = Activation::ReLU;
    cfg.alwaysAddDropout = true; // dropout is live
    cfg.init = Init::PyTorch;    // as torch.nn.Linear, like the usual DQN code
    m_net = makeMlp<float>(cfg, initRng);
    Rng unused(1);
    m_target = makeMlp<float>(cfg, unused);
    m_target.setModelValues(m_net.modelValues());
    // Weight decay on the weight matrices only (AdamW, decoupled); biases are not decayed.
    ParamGroup<float> weights, biases;
    for (auto* p : m_net.parameters())
        (p->isWeight() ? weights : biases).params.push_back(p);
    m_opt = std::make_unique<AdamW<float>>(std::vector<ParamGroup<float>>{weights, biases});

    m_replay.reset(int(num("buffer_size")), CartPole::kObservations);
    m_envRng = root.split(2);
    m_exploreRng = root.split(3);
    m_sampleRng = root.split(4);
    m_dropoutRng = root.split(5);
    m_env.reset(m_envRng);
    m_episodeReturn = 0;
    m_episodes = 0;
    m_recentReturns.clear();
    m_recentGaps.clear();
    m_lossSum = 0;
    m_lossCount = 0;
    m_updates = 0;
    applyLiveParams();
}

void DqnLab::applyLiveParams()
{
    m_opt->lr = num("lr");
    m_opt->groups()[0].weightDecay = num("weight_decay");
    for (auto* d : m_net.dropoutLayers())
        d->setRate(num("dropout"));
}

void DqnLab::onLiveChange(const std::string&) { applyLiveParams(); }

MatF DqnLab::qValues(const MatF& obs) const
{
    MatF q, scratch;
    m_net.infer(obs, q, scratch);
    return q;
}

std::vector<float> DqnLab::tdTargets(const MatF& next, const std::vector<float>& rewards,
                                     const std::vector<float>& terminals) const
{
    MatF qTarget, qOnline, scratch;
    m_target.infer(next, qTarget, scratch);
    const bool isDouble = num("double_dqn") != 0;
    if (isDouble)
        m_net.infer(next, qOnline, scratch);
    const float gamma = float(num("gamma"));
    std::vector<float> y(rewards.size());
    for (Index i = 0; i < next.rows(); ++i) {
        // DQN: the target net both picks and values the action, so its noise selects its own
        // upward errors. Double DQN: the online net picks, the target net values.
        const int a = argmax(isDouble ? qOnline : qTarget, i);
        y[size_t(i)] = rewards[size_t(i)] + gamma * (1.0f - terminals[size_t(i)]) * qTarget(i, a);
    }
    return y;
}

double DqnLab::update()
{
    const int batch = int(num("batch_size"));
    m_replay.sample(batch, m_sampleRng, m_s, m_next, m_actions, m_rewards, m_terminals);
    const std::vector<float> y = tdTargets(m_next, m_rewards, m_terminals);
    const MatF& out = m_net.forward(m_s, true, m_dropoutRng);
    // Only the taken action's Q is fitted: the other column's target is its own output.
    m_targets = out;
    for (int i = 0; i < batch; ++i)
        m_targets(i, m_actions[size_t(i)]) = y[size_t(i)];
    const float loss = choice("loss") == "mse" ? MeanSquaredError<float>::loss(out, m_targets, &m_dout)
                                               : HuberLoss<float>::loss(out, m_targets, &m_dout);
    m_net.zeroGrad();
    m_net.backward(m_dout);
    m_opt->step();
    ++m_updates;
    return double(loss);
}

void DqnLab::updateTarget(bool updated)
{
    const double tau = num("tau");
    if (tau > 0) {
        if (!updated)
            return;
        auto online = m_net.parameters();
        auto target = m_target.parameters();
        for (size_t k = 0; k < online.size(); ++k)
            target[k]->value = float(tau) * online[k]->value + float(1 - tau) * target[k]->value;
    } else if (stepCount() % int64_t(num("target_every")) == 0) {
        // Counted in environment steps, whether or not this one trained (train_every > 1).
        m_target.setModelValues(m_net.modelValues());
    }
}

double DqnLab::onStep(MetricRow* row, bool* logged)
{
    float s[CartPole::kObservations], next[CartPole::kObservations];
    m_env.observe(s);
    // One uniform draw every step, so the stream's position never depends on the net.
    int action;
    if (m_exploreRng.uniform() < epsilon()) {
        action = int(m_exploreRng.below(CartPole::kActions));
    } else {
        m_obs.resize(1, CartPole::kObservations);
        for (int j = 0; j < CartPole::kObservations; ++j)
            m_obs(0, j) = s[j];
        m_net.infer(m_obs, m_q, m_scratch);
        action = argmax(m_q, 0);
    }
    const double reward = m_env.step(action);
    m_env.observe(next);
    // Only a fall is terminal; at the time limit the target still bootstraps from s'.
    m_replay.add(s, action, float(reward), next, m_env.terminated());
    m_episodeReturn += reward;
    if (m_env.done()) {
        pushWindow(m_recentReturns, m_episodeReturn, kWindow);
        ++m_episodes;
        m_episodeReturn = 0;
        m_env.reset(m_envRng);
    }

    double loss = 0;
    bool updated = false;
    const int64_t step = stepCount();
    if (step >= int64_t(num("learning_starts")) && m_replay.size() >= int(num("batch_size"))
        && step % int64_t(num("train_every")) == 0) {
        loss = update();
        m_lossSum += loss;
        ++m_lossCount;
        updated = true;
    }
    updateTarget(updated);
    if (step % int64_t(num("eval_every")) == 0) {
        *row = measure();
        *logged = true;
        pushWindow(m_recentGaps, row->values[6], kGapWindow);
        m_lossSum = 0;
        m_lossCount = 0;
    }
    return loss;
}

DqnLab::Evaluation DqnLab::evaluate(int episodes, CartPoleView* view) const
{
    // Starts drawn from the seed and the step: the same for a run and its twin, and no
    // stream of the training moves.
    Rng rng = Rng(seed()).split(6).split(uint64_t(stepCount()) + 1);
    std::vector<CartPole> envs(static_cast<size_t>(episodes));
    for (CartPole& e : envs)
        e.reset(rng);
    const double gamma = num("gamma");
    std::vector<double> discounted(size_t(episodes), 0.0), ret(size_t(episodes), 0.0), weight(size_t(episodes), 1.0);
    Evaluation ev;
    double qMax = 0, qMean = 0;
    MatF obs(episodes, CartPole::kObservations), q, scratch;
    for (int t = 0; t <= CartPole::kMaxSteps; ++t) {
        bool any = false;
        for (const CartPole& e : envs)
            any = any || !e.done();
        if (!any)
            break;
        for (int e = 0; e < episodes; ++e) {
            float o[CartPole::kObservations];
            envs[size_t(e)].observe(o);
            for (int j = 0; j < CartPole::kObservations; ++j)
                obs(e, j) = o[j];
        }
        m_net.infer(obs, q, scratch);
        if (t == 0)
            for (int e = 0; e < episodes; ++e) {
                qMax += std::max(q(e, 0), q(e, 1));
                qMean += 0.5 * (q(e, 0) + q(e, 1));
            }
        for (int e = 0; e < episodes; ++e) {
            CartPole& env = envs[size_t(e)];
            if (env.done())
                continue;
            const int a = argmax(q, e);
            if (view && e == 0) {
                view->x.push_back(float(env.state()[0]));
                view->theta.push_back(float(env.state()[2]));
                view->action.push_back(int8_t(a));
            }
            const double r = env.step(a);
            ret[size_t(e)] += r;
            discounted[size_t(e)] += weight[size_t(e)] * r;
            weight[size_t(e)] *= gamma;
            if (view && e == 0 && env.done()) {
                view->x.push_back(float(env.state()[0]));
                view->theta.push_back(float(env.state()[2]));
            }
        }
    }
    double g = 0, total = 0;
    for (int e = 0; e < episodes; ++e) {
        g += discounted[size_t(e)];
        total += ret[size_t(e)];
    }
    ev.qMax = qMax / episodes;
    ev.qMean = qMean / episodes;
    ev.discounted = g / episodes;
    ev.ret = total / episodes;
    return ev;
}

MetricRow DqnLab::measure() const
{
    const Evaluation ev = evaluate(int(num("eval_episodes")), nullptr);
    const double gap = ev.qMax - ev.discounted;
    std::vector<double> gaps = m_recentGaps;
    pushWindow(gaps, gap, kGapWindow);
    MetricRow row;
    row.step = stepCount();
    row.values = {mean(m_recentReturns),
                  ev.ret,
                  double(CartPole::kMaxSteps),
                  ev.qMax,
                  ev.qMean,
                  ev.discounted,
                  gap,
                  mean(gaps),
                  0.0,
                  m_lossCount > 0 ? m_lossSum / m_lossCount : kNaN,
                  epsilon()};
    return row;
}

LabViews DqnLab::views() const
{
    LabViews v;
    v.step = stepCount();
    CartPoleView c;
    c.id = "cartpole";
    c.title = "Greedy policy";
    c.xLimit = CartPole::kXThreshold;
    c.thetaLimit = CartPole::kThetaThreshold;
    const Evaluation ev = evaluate(1, &c);
    const int steps = int(c.action.size());
    c.note = std::to_string(steps) + " steps" + (steps >= CartPole::kMaxSteps ? " (the limit)" : " (it falls)")
        + "; predicted Q(s0) " + std::to_string(int(std::lround(ev.qMax))) + ", discounted return "
        + std::to_string(int(std::lround(ev.discounted)));
    v.cartPoles.push_back(std::move(c));
    return v;
}

namespace {
struct DqnState : LabState {
    std::vector<MatF> online, target;
    Optimizer<float>::State opt;
    ReplayBuffer replay;
    std::vector<double> env; // x, x_dot, theta, theta_dot
    int envSteps = 0;
    Rng envRng, exploreRng, sampleRng, dropoutRng;
    double episodeReturn = 0, lossSum = 0;
    int episodes = 0, lossCount = 0;
    int64_t updates = 0;
    std::vector<double> recentReturns, recentGaps;

    void archive(StateArchive& a) override
    {
        a.io(online);
        a.io(target);
        if (online.size() != target.size())
            throw std::invalid_argument("the saved online and target nets differ in shape");
        a.io(opt.t);
        a.io(opt.buffers);
        replay.archive(a);
        a.io(env);
        a.io(envSteps);
        if (env.size() != 4 || envSteps < 0 || envSteps > CartPole::kMaxSteps)
            throw std::invalid_argument("the saved cart-pole state is not one");
        a.io(envRng);
        a.io(exploreRng);
        a.io(sampleRng);
        a.io(dropoutRng);
        a.io(episodeReturn);
        a.io(lossSum);
        a.io(episodes);
        a.io(lossCount);
        a.io(updates);
        a.io(recentReturns);
        a.io(recentGaps);
        if (recentReturns.size() > size_t(DqnLab::kWindow) || recentGaps.size() > size_t(DqnLab::kGapWindow))
            throw std::invalid_argument("the saved windows of returns are too long");
    }
};
} // namespace

std::unique_ptr<LabState> DqnLab::onSaveState() const
{
    auto s = std::make_unique<DqnState>();
    s->online = m_net.modelValues();
    s->target = m_target.modelValues();
    s->opt = m_opt->state();
    s->replay = m_replay;
    s->env.assign(m_env.state().begin(), m_env.state().end());
    s->envSteps = m_env.steps();
    s->envRng = m_envRng;
    s->exploreRng = m_exploreRng;
    s->sampleRng = m_sampleRng;
    s->dropoutRng = m_dropoutRng;
    s->episodeReturn = m_episodeReturn;
    s->lossSum = m_lossSum;
    s->episodes = m_episodes;
    s->lossCount = m_lossCount;
    s->updates = m_updates;
    s->recentReturns = m_recentReturns;
    s->recentGaps = m_recentGaps;
    return s;
}

void DqnLab::onRestoreState(const LabState& state)
{
    const auto* s = dynamic_cast<const DqnState*>(&state);
    if (!s)
        throw std::invalid_argument("this saved state belongs to another lab; reset instead");
    if (s->replay.capacity() != m_replay.capacity())
        throw std::invalid_argument("the saved replay buffer has another size; reset instead");
    // setModelValues and setState refuse values of another shape; put back what was
    // already restored, so a refused state changes nothing.
    const std::vector<MatF> online = m_net.modelValues(), target = m_target.modelValues();
    const Optimizer<float>::State opt = m_opt->state();
    try {
        m_net.setModelValues(s->online);
        m_target.setModelValues(s->target);
        m_opt->setState(s->opt);
    } catch (...) {
        m_net.setModelValues(online);
        m_target.setModelValues(target);
        m_opt->setState(opt);
        throw;
    }
    m_replay = s->replay;
    m_env.setState({s->env[0], s->env[1], s->env[2], s->env[3]}, s->envSteps);
    m_envRng = s->envRng;
    m_exploreRng = s->exploreRng;
    m_sampleRng = s->sampleRng;
    m_dropoutRng = s->dropoutRng;
    m_episodeReturn = s->episodeReturn;
    m_lossSum = s->lossSum;
    m_episodes = s->episodes;
    m_lossCount = s->lossCount;
    m_updates = s->updates;
    m_recentReturns = s->recentReturns;
    m_recentGaps = s->recentGaps;
    applyLiveParams();
}

} // namespace reglab
