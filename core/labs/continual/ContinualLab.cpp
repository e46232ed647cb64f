#include "labs/continual/ContinualLab.h"

#include "data/Digits.h"
#include "data/PrototypeDigits.h"
#include "data/Split.h"
#include "labs/classify/ClassifyEvaluator.h"
#include "labs/classify/ClassifyObjective.h"
#include "labs/continual/ContinualParams.h"
#include "labs/continual/Fisher.h"
#include "metrics/Histogram.h"
#include "nn/Linear.h"
#include "optim/Sgd.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace reglab {

namespace {

constexpr double kTrainFraction = 2.0 / 3.0;
constexpr int kSide = 8; // 64 inputs as an 8x8 picture
// SGD on the penalty alone is stable while lr * stiffness < 2; the cap keeps it at 1 (the
// step lands on the anchor), leaving room for the loss's own curvature.
constexpr double kStiffnessTimesLr = 1.0;
constexpr double kDivergence = 2.0;

// Task B: the same samples with their inputs shuffled by `perm` (B's input j = A's perm[j]).
Dataset permuted(const Dataset& a, const std::vector<int>& perm)
{
    Dataset b = a;
    for (size_t j = 0; j < perm.size(); ++j)
        b.x.col(Index(j)) = a.x.col(perm[j]);
    b.name = a.name + " (permuted)";
    return b;
}

} // namespace

ContinualLab::ContinualLab()
{
    for (ParamSpec& p : continualParams())
        declare(std::move(p));
}

ContinualLab::~ContinualLab() = default;

std::string ContinualLab::description() const
{
    return "A network learns task A, then task B (A with its inputs permuted), and forgets A. Anchor its weights "
           "where A left them: an L2 anchor holds every weight alike and cannot learn B; elastic weight "
           "consolidation holds only the weights A's Fisher information says matter, and learns B too.";
}

int64_t ContinualLab::defaultSteps() const
{
    const int64_t s = int64_t(num("switch_step"));
    return s > 0 ? int64_t(num("tasks")) * s : 1250;
}

namespace {
int taskIndex(const std::string& name) { return name == "C" ? 2 : name == "B" ? 1 : 0; }
} // namespace

std::string ContinualLab::checkValue(const std::string& id, const ParamValue& v)
{
    if (id == "task" && v.text == "C") {
        // The lab's own switch comes from a run built with 3 tasks: a pending change of
        // `tasks` is the next run's.
        if (!m_switching && value("tasks").number < 3)
            return "task C needs 3 tasks (set tasks to 3 first)";
        // Built, but with 2 tasks: a live switch would come before the reset that makes C.
        if (m_tasks[0].train.size() > 0 && m_tasks[2].train.size() == 0)
            return "task C is made at reset: reset after setting tasks to 3, then choose C";
    }
    if (id == "tasks" && v.number < 3 && asked("task").text == "C") // the lab's own switch to C is undone by reset
        return "2 tasks have no task C (set task to A or B first)";
    return {};
}

std::vector<MetricSpec> ContinualLab::metrics() const
{
    std::vector<MetricSpec> m = {
        {"acc_a", "task A, val accuracy", "", "accuracy", true},
        {"acc_b", "task B, val accuracy", "", "accuracy", true},
    };
    if (num("tasks") >= 3)
        m.push_back({"acc_c", "task C, val accuracy", "", "accuracy", true});
    std::vector<MetricSpec> rest = {
        {"loss", "train loss, task being trained", "", "loss", false},
        {"penalty", "penalty", "", "penalty", false},
        {"anchor_distance", "|θ − θ_A|", "", "anchor_distance", false},
        {"stiffness", "lr·λ·max F (before the cap)", "", "stiffness", false},
    };
    m.insert(m.end(), rest.begin(), rest.end());
    MetricSpec limit{"divergence", "2: divergence", "", "stiffness", false};
    limit.reference = true;
    m.push_back(limit);
    return m;
}

void ContinualLab::onReset(uint64_t seed)
{
    if (taskIndex(choice("task")) >= int(num("tasks"))) // before anything changes: a refused reset keeps the lab
        throw std::invalid_argument("task C needs 3 tasks (set tasks to 3, or task to A)");
    Rng root(seed);
    Rng dataRng = root.split(1), initRng = root.split(2);
    Dataset all = choice("dataset") == "digits" ? loadDigits()
                                                : PrototypeDigits::make(int(num("num_points")), num("noise"), dataRng);
    if (all.features() != kSide * kSide)
        throw std::invalid_argument("the continual lab needs 64 inputs");
    DataSplit a = splitTrainVal(all, kTrainFraction, dataRng);
    for (std::vector<int>& perm : m_permutation) { // B's, then C's (drawn after: B is as with 2 tasks)
        perm.resize(size_t(all.features()));
        std::iota(perm.begin(), perm.end(), 0);
        for (size_t k = perm.size(); k > 1; --k)
            std::swap(perm[k - 1], perm[dataRng.below(uint32_t(k))]);
    }
    m_tasks[1] = {permuted(a.train, m_permutation[0]), permuted(a.val, m_permutation[0])};
    m_tasks[2] = num("tasks") >= 3 ? DataSplit{permuted(a.train, m_permutation[1]), permuted(a.val, m_permutation[1])}
                                   : DataSplit{};
    m_tasks[0] = std::move(a);
    m_task = taskIndex(choice("task"));

    MlpConfig cfg;
    cfg.inputs = all.features();
    cfg.hidden.assign(size_t(num("hidden_layers")), Index(num("width")));
    cfg.outputs = all.numClasses;
    cfg.activation = activationFromName(choice("activation"));
    m_net = makeMlp<float>(cfg, initRng);
    m_params = m_net.parameters();
    ParamGroup<float> group;
    group.params = m_params;
    m_opt = std::make_unique<Sgd<float>>(std::vector<ParamGroup<float>>{group});
    m_anchor.anchor.clear();
    m_fisher.clear();
    m_orderRng = root.split(3);
    m_fisherRng = root.split(4);
    m_order.resize(size_t(m_tasks[0].train.size()));
    std::iota(m_order.begin(), m_order.end(), 0);
    m_cursor = m_order.size(); // shuffle before the first batch
    applyLiveParams();
}

void ContinualLab::applyLiveParams()
{
    m_opt->lr = num("lr");
    const std::string& penalty = choice("penalty");
    m_anchor.strength = penalty == "none" ? 0.0 : num("lambda");
    m_anchor.importance = penalty == "ewc" ? m_fisher : std::vector<MatF>{};
    m_anchor.maxStiffness = kStiffnessTimesLr / num("lr");
}

void ContinualLab::onLiveChange(const std::string& id)
{
    if (id == "task") {
        const int to = taskIndex(choice("task"));
        if (to != m_task)
            switchTask(to);
    }
    applyLiveParams();
}

void ContinualLab::switchTask(int to)
{
    const Dataset& left = m_tasks[size_t(m_task)].train;
    const Index n = std::min<Index>(left.size(), Index(num("fisher_samples")));
    const MatF x = left.x.topRows(n); // the training set is in random order already
    std::vector<int> labels = choice("fisher") == "empirical"
        ? std::vector<int>(left.y.begin(), left.y.begin() + n)
        : Fisher<float>::sampleLabels(m_net, x, m_fisherRng);
    std::vector<MatF> f = Fisher<float>::diagonal(m_net, x, labels);
    if (m_fisher.empty())
        m_fisher = std::move(f);
    else
        for (size_t k = 0; k < f.size(); ++k)
            m_fisher[k] += f[k];
    m_anchor.anchor.clear();
    for (auto* p : m_params)
        m_anchor.anchor.push_back(p->value);
    m_task = to;
}

void ContinualLab::nextBatch(Index batch)
{
    const Dataset& d = m_tasks[size_t(m_task)].train;
    batch = std::min<Index>(batch, d.size());
    m_xb.resize(batch, d.features());
    m_yb.resize(size_t(batch));
    for (Index i = 0; i < batch; ++i) {
        if (m_cursor >= m_order.size()) { // new epoch: Fisher-Yates reshuffle
            for (size_t k = m_order.size(); k > 1; --k)
                std::swap(m_order[k - 1], m_order[m_orderRng.below(uint32_t(k))]);
            m_cursor = 0;
        }
        const int s = m_order[m_cursor++];
        m_xb.row(i) = d.x.row(s);
        m_yb[size_t(i)] = d.y[size_t(s)];
    }
}

double ContinualLab::onStep(MetricRow* row, bool* logged)
{
    nextBatch(Index(num("batch_size")));
    Rng noDropout(1);
    const float loss = ClassifyObjective<float>::classes(m_net, m_xb, m_yb.data(), 0.0f, noDropout, &m_dlogits);
    m_anchor.addGradient(m_params);
    m_opt->step();

    const int64_t step = stepCount(), at = int64_t(num("switch_step"));
    if (step == at && m_task == 0 && choice("task") == "A")
        setByLab("task", ParamValue::ofChoice("B")); // applied (and marked) at the next step boundary
    else if (at > 0 && step == 2 * at && num("tasks") >= 3 && m_task == 1 && choice("task") == "B") {
        m_switching = true;
        setByLab("task", ParamValue::ofChoice("C"));
        m_switching = false;
    }
    if (step % int64_t(num("eval_every")) == 0) {
        *row = measure();
        *logged = true;
    }
    return double(loss) + double(m_anchor.penalty(m_params));
}

MetricRow ContinualLab::measure() const
{
    ClassifyEvaluator eval(m_net, 0);
    MetricRow r;
    r.step = stepCount();
    r.values.push_back(eval.evaluate(m_tasks[0].val, {}).acc);
    r.values.push_back(eval.evaluate(m_tasks[1].val, {}).acc);
    if (num("tasks") >= 3)
        r.values.push_back(eval.evaluate(m_tasks[2].val, {}).acc);
    r.values.push_back(eval.evaluate(m_tasks[size_t(m_task)].train, {}).loss);
    r.values.push_back(double(m_anchor.penalty(m_params)));
    double d2 = 0;
    for (size_t k = 0; k < m_anchor.anchor.size(); ++k)
        d2 += double((m_params[k]->value - m_anchor.anchor[k]).squaredNorm());
    r.values.push_back(std::sqrt(d2));
    r.values.push_back(num("lr") * m_anchor.maxUncappedStiffness());
    r.values.push_back(kDivergence);
    return r;
}

LabViews ContinualLab::views() const
{
    LabViews v;
    v.step = stepCount();
    // Per input pixel: the Fisher of its first-layer weights, summed over the hidden units.
    GridView g;
    g.id = "importance";
    g.title = "Fisher of the first-layer weights, per input";
    g.width = g.height = kSide;
    g.value.assign(size_t(kSide * kSide), 0.0f);
    if (!m_fisher.empty()) {
        const MatF& w = m_fisher[0]; // layer0.weight: (inputs, hidden)
        for (Index p = 0; p < w.rows() && p < kSide * kSide; ++p)
            g.value[size_t(p)] = w.row(p).sum();
        const float top = *std::max_element(g.value.begin(), g.value.end());
        int zero = 0;
        for (float f : g.value)
            zero += f <= 1e-6f * top;
        g.note = std::to_string(zero) + " of 64 inputs carry (almost) no Fisher: their weights are free for the next task";
    } else {
        g.note = "no Fisher yet: it is measured at the switch";
    }
    v.grids.push_back(std::move(g));

    for (auto* p : m_net.parameters())
        if (p->isWeight())
            v.histograms.push_back(makeSymmetricHistogram(p->value.data(), long(p->value.size()), 40, p->name,
                                                          p->name + " weights"));
    return v;
}

namespace {
struct ContinualState : LabState {
    std::vector<MatF> model;
    Optimizer<float>::State opt;
    int task = 0;
    std::vector<MatF> anchor, fisher;
    Rng orderRng, fisherRng;
    std::vector<int> order;
    size_t cursor = 0;

    void archive(StateArchive& a) override
    {
        a.io(model);
        a.io(opt.t);
        a.io(opt.buffers);
        a.io(task);
        if (task < 0 || task > 2)
            throw std::invalid_argument("the saved task is not A, B or C");
        // Empty before the first switch; then one matrix per parameter, of its shape.
        a.io(anchor);
        a.io(fisher);
        for (const auto* list : {&anchor, &fisher}) {
            bool fits = list->empty() || list->size() == model.size();
            for (size_t i = 0; fits && i < list->size(); ++i)
                fits = (*list)[i].rows() == model[i].rows() && (*list)[i].cols() == model[i].cols();
            if (!fits)
                throw std::invalid_argument("the saved anchor or Fisher belongs to another network");
        }
        if (anchor.empty() != fisher.empty())
            throw std::invalid_argument("the saved anchor and Fisher do not go together");
        a.io(orderRng);
        a.io(fisherRng);
        a.permutation(order);
        a.index(cursor, order.size());
    }
};
} // namespace

std::unique_ptr<LabState> ContinualLab::onSaveState() const
{
    auto s = std::make_unique<ContinualState>();
    s->model = m_net.modelValues();
    s->opt = m_opt->state();
    s->task = m_task;
    s->anchor = m_anchor.anchor;
    s->fisher = m_fisher;
    s->orderRng = m_orderRng;
    s->fisherRng = m_fisherRng;
    s->order = m_order;
    s->cursor = m_cursor;
    return s;
}

void ContinualLab::onRestoreState(const LabState& state)
{
    const auto* s = dynamic_cast<const ContinualState*>(&state);
    if (!s)
        throw std::invalid_argument("this saved state belongs to another lab; reset instead");
    if (s->order.size() != m_order.size())
        throw std::invalid_argument("this saved state belongs to another data set; reset instead");
    // The params just put back are the state's: its task count must be the one the data were made for.
    if ((num("tasks") >= 3) != (m_tasks[2].train.size() > 0) || s->task >= taskCount())
        throw std::invalid_argument("this saved state has another number of tasks than this lab; reset instead");
    m_net.setModelValues(s->model);
    m_opt->setState(s->opt);
    m_task = s->task;
    m_anchor.anchor = s->anchor;
    m_fisher = s->fisher;
    m_orderRng = s->orderRng;
    m_fisherRng = s->fisherRng;
    m_order = s->order;
    m_cursor = s->cursor;
    // Back before an automatic switch: it is to happen again at its step, not at once.
    const int64_t at = int64_t(num("switch_step"));
    // The lab's own change (setByLab): what the user asked for stays what a reset starts from.
    if (stepCount() < at && m_task == 0 && value("task").text != "A") // B, or C after an automatic B then C
        setByLab("task", ParamValue::ofChoice("A"));
    else if (stepCount() < 2 * at && m_task == 1 && value("task").text == "C")
        setByLab("task", ParamValue::ofChoice("B"));
    applyLiveParams();
}

std::vector<NamedTensor> ContinualLab::tensors() const
{
    std::vector<NamedTensor> out;
    for (auto* p : m_net.parameters())
        out.push_back({p->name, p->value, !p->isWeight()});
    for (size_t k = 0; k < m_fisher.size() && k < m_params.size(); ++k)
        out.push_back({m_params[k]->name + ".fisher", m_fisher[k], m_params[k]->isBias});
    return out;
}

} // namespace reglab
