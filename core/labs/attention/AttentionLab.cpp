#include "labs/attention/AttentionLab.h"

#include "autodiff/Ops.h"
#include "labs/attention/AttentionParams.h"
#include "metrics/Histogram.h"
#include "nn/SoftmaxCrossEntropy.h"
#include "optim/AdamW.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <utility>

namespace reglab {

namespace {

std::vector<int> tokensOf(const SequenceSet& s, Index first, Index count)
{
    const auto begin = s.tokens.begin() + std::ptrdiff_t(first * s.length);
    return std::vector<int>(begin, begin + std::ptrdiff_t(count * s.length));
}
} // namespace

AttentionLab::AttentionLab()
{
    for (ParamSpec& p : attentionParams())
        declare(std::move(p));
}

AttentionLab::~AttentionLab() = default;

std::string AttentionLab::description() const
{
    return "A tiny transformer learns whether A occurs more often than B, while a marker token agrees with the "
           "label in training only. Watch attention lock onto the marker, and an entropy bonus keep it spread.";
}

int AttentionLab::heads() const
{
    return int(num("layers")) * int(num("heads"));
}

std::vector<MetricSpec> AttentionLab::metrics() const
{
    std::vector<MetricSpec> m = {
        {"train_loss", "train loss (cross-entropy)", "", "loss", false},
        {"val_loss", "val loss (cross-entropy)", "", "loss", false},
        {"train_acc", "train accuracy", "", "accuracy", true},
        {"val_acc", "val accuracy", "", "accuracy", true},
        {"attn_entropy", "mean attention entropy", "nats", "entropy", true},
    };
    const int perLayer = int(num("heads"));
    for (int i = 0; i < heads(); ++i) {
        const std::string name = int(num("layers")) > 1
            ? "layer " + std::to_string(i / perLayer + 1) + " head " + std::to_string(i % perLayer + 1)
            : "head " + std::to_string(i + 1);
        m.push_back({"attn_entropy_h" + std::to_string(i), name + " entropy", "nats", "entropy", true});
    }
    MetricSpec ceiling{"attn_entropy_max", "maximum: log T (uniform attention)", "nats", "entropy", true};
    ceiling.reference = true;
    m.push_back(ceiling);
    m.push_back({"cue_attention", "attention on the cue (rows the classifier reads)", "fraction", "cue", false});
    return m;
}

void AttentionLab::onReset(uint64_t seed)
{
    Rng root(seed);
    Rng dataRng = root.split(1), initRng = root.split(2);
    m_task.length = int(num("seq_len"));
    m_task.vocab = int(num("vocab"));
    m_task.cueStrength = num("cue");
    m_task.trainSize = int(num("train_size"));
    m_task.valSize = 1000;
    SequenceSet train, val;
    CueTask::make(m_task, dataRng, train, val);

    AttentionConfig c;
    c.vocab = m_task.vocab;
    c.seqLen = m_task.length;
    c.dModel = std::stoi(choice("d_model"));
    c.layers = int(num("layers"));
    c.heads = int(num("heads"));
    c.layerNorm = num("layer_norm") != 0.0;
    c.ffn = num("ffn") != 0.0;
    c.ffnWidth = 2 * c.dModel;
    c.pooling = choice("pooling") == "first" ? AttentionPooling::First : AttentionPooling::Mean;
    auto model = std::make_unique<AttentionNet<float>>(c, initRng);

    // Decay weight matrices and embeddings; biases and layer-norm gains are left alone.
    ParamGroup<float> weights, others;
    for (Parameter<float>* p : model->parameters())
        (p->isWeight() ? weights : others).params.push_back(p);
    m_opt = std::make_unique<AdamW<float>>(std::vector<ParamGroup<float>>{weights, others});
    m_model = std::move(model);
    m_train = std::move(train);
    m_val = std::move(val);
    m_rng = root.split(3);
    m_order.resize(size_t(m_train.count));
    for (size_t i = 0; i < m_order.size(); ++i)
        m_order[i] = int(i);
    m_cursor = m_order.size(); // shuffle before the first batch
    applyLiveParams();
}

void AttentionLab::applyLiveParams()
{
    m_opt->lr = num("lr");
    m_opt->groups()[0].weightDecay = num("weight_decay");
    m_model->setRegularization(num("entropy_bonus"), num("attn_dropout"));
}

void AttentionLab::onLiveChange(const std::string&) { applyLiveParams(); }

double AttentionLab::onStep(MetricRow* row, bool* logged)
{
    const Index batch = std::min<Index>(Index(num("batch_size")), m_train.count);
    std::vector<int> tokens, labels;
    tokens.reserve(size_t(batch * m_train.length));
    for (Index b = 0; b < batch; ++b) {
        if (m_cursor >= m_order.size()) { // new epoch: Fisher-Yates reshuffle
            for (size_t k = m_order.size(); k > 1; --k)
                std::swap(m_order[k - 1], m_order[m_rng.below(uint32_t(k))]);
            m_cursor = 0;
        }
        const int s = m_order[m_cursor++];
        const auto first = m_train.tokens.begin() + std::ptrdiff_t(s) * m_train.length;
        tokens.insert(tokens.end(), first, first + m_train.length);
        labels.push_back(m_train.labels[size_t(s)]);
    }
    m_model->zeroGrad();
    m_lastLoss = m_model->forwardBackward(tokens, labels, batch, true, m_rng);
    m_opt->step();
    if (stepCount() % int64_t(num("eval_every")) == 0) {
        *row = measure();
        *logged = true;
    }
    return m_lastLoss;
}

AttentionLab::Evaluation AttentionLab::evaluate(const SequenceSet& set, bool attention) const
{
    Evaluation e;
    const double n = double(std::max<Index>(1, set.count));
    if (!attention) {
        const AttentionBatchStats stats = m_model->evaluate(set.tokens, set.labels, set.count);
        e.ce = stats.ce;
        e.accuracy = double(stats.correct) / n;
        return e;
    }
    // One forward pass gives the maps and the logits; the loss is the shared definition's.
    MatF logits;
    AttentionMaps maps;
    m_model->infer(set.tokens, set.count, logits, &maps);
    int correct = 0;
    e.ce = double(SoftmaxCrossEntropy<float>::sumLoss(logits, set.labels.data(), &correct)) / n;
    e.accuracy = double(correct) / n;
    std::vector<uint8_t> onCue(set.tokens.size(), 0);
    for (Index i = 0; i < set.count; ++i)
        onCue[size_t(i * set.length + set.cuePos[size_t(i)])] = 1;
    const AttentionConfig& c = m_model->config();
    // On the marker: the last layer's weight from the rows the classifier reads (row # with
    // first-token pooling, every row with mean pooling), mean over heads.
    const Index reads = c.pooling == AttentionPooling::First ? 0 : -1;
    for (int l = 0; l < c.layers; ++l)
        for (int h = 0; h < c.heads; ++h) {
            e.headEntropy.push_back(maps.meanEntropy(l, h));
            if (l == c.layers - 1)
                e.cueAttention += maps.mass(l, h, onCue, reads) / double(c.heads);
        }
    return e;
}

MetricRow AttentionLab::measure() const
{
    const Evaluation train = evaluate(m_train, false), val = evaluate(m_val, true);
    MetricRow r;
    r.step = stepCount();
    double mean = 0;
    for (double h : val.headEntropy)
        mean += h / double(val.headEntropy.size());
    r.values = {train.ce, val.ce, train.accuracy, val.accuracy, mean};
    r.values.insert(r.values.end(), val.headEntropy.begin(), val.headEntropy.end());
    r.values.push_back(std::log(double(m_val.length)));
    r.values.push_back(val.cueAttention);
    return r;
}

LabViews AttentionLab::views() const
{
    LabViews v;
    v.step = stepCount();
    const Index T = m_val.length, shown = std::min<Index>(kShownSequences, m_val.count);
    MatF logits;
    AttentionMaps maps;
    m_model->infer(tokensOf(m_val, 0, shown), shown, logits, &maps);
    const std::vector<std::string> names = CueTask::tokenNames(m_task.vocab);
    const int perLayer = int(num("heads")), layers = int(num("layers"));
    for (Index s = 0; s < shown; ++s) {
        std::vector<std::string> tokens;
        int nA = 0, nB = 0;
        for (Index p = 0; p < T; ++p) {
            const int tok = m_val.tokens[size_t(s * T + p)];
            tokens.push_back(names[size_t(tok)]);
            nA += CueTask::isA(tok, m_task.vocab);
            nB += CueTask::isB(tok, m_task.vocab);
        }
        const double pA = 1.0 / (1.0 + std::exp(double(logits(s, 0) - logits(s, 1))));
        const int cue = m_val.cuePos[size_t(s)];
        const bool plus = m_val.tokens[size_t(s * T + cue)] == CueTask::kCuePlus;
        const std::string truth = nA > nB ? "more A" : "more B";
        char line[160];
        std::snprintf(line, sizeof line, "%s (A %d, B %d), marker %s %s; predicted %s, %.2f", truth.c_str(), nA, nB,
                      plus ? "+" : "\u2212", plus == (nA > nB) ? "agrees" : "misleads", pA >= 0.5 ? "more A" : "more B",
                      pA >= 0.5 ? pA : 1.0 - pA);
        for (int h = 0; h < layers * perLayer; ++h) {
            GridView g;
            g.id = "attention/" + std::to_string(s) + "/" + std::to_string(h);
            g.title = layers > 1 ? "Layer " + std::to_string(h / perLayer + 1) + ", head " + std::to_string(h % perLayer + 1)
                                 : "Head " + std::to_string(h + 1);
            g.width = g.height = int(T);
            g.xMin = 0, g.xMax = double(T), g.yMin = 0, g.yMax = double(T);
            const float* a = maps.map(s, h / perLayer, h % perLayer); // T x T, row = query
            g.value.assign(a, a + T * T);
            g.xLabels = g.yLabels = tokens;
            g.note = line;
            v.grids.push_back(std::move(g));
        }
    }
    const Evaluation val = evaluate(m_val, true);
    GridView e;
    e.id = "head_entropy";
    char title[96];
    std::snprintf(title, sizeof title, "Mean attention entropy per head (nats; max log T = %.2f)", std::log(double(T)));
    e.title = title;
    e.width = perLayer;
    e.height = layers;
    e.xMin = 0, e.xMax = perLayer, e.yMin = 0, e.yMax = layers;
    for (double h : val.headEntropy)
        e.value.push_back(float(h));
    for (int h = 0; h < perLayer; ++h)
        e.xLabels.push_back("head " + std::to_string(h + 1));
    for (int l = 0; l < layers; ++l)
        e.yLabels.push_back("layer " + std::to_string(l + 1));
    v.grids.push_back(std::move(e));
    for (const Parameter<float>* p : std::as_const(*m_model).parameters())
        if (p->isWeight())
            v.histograms.push_back(makeSymmetricHistogram(p->value.data(), long(p->value.size()), 40, p->name,
                                                          p->name + " weights"));
    return v;
}

namespace {
struct AttentionState : LabState {
    std::vector<MatF> values;
    Optimizer<float>::State opt;
    Rng rng;
    std::vector<int> order;
    size_t cursor = 0;
    double lastLoss = 0;

    void archive(StateArchive& a) override
    {
        a.io(values);
        opt.archive(a);
        a.io(rng);
        a.permutation(order);
        a.index(cursor, order.size());
        a.io(lastLoss);
    }
};
} // namespace

std::unique_ptr<LabState> AttentionLab::onSaveState() const
{
    auto s = std::make_unique<AttentionState>();
    for (const Parameter<float>* p : std::as_const(*m_model).parameters())
        s->values.push_back(p->value);
    s->opt = m_opt->state();
    s->rng = m_rng;
    s->order = m_order;
    s->cursor = m_cursor;
    s->lastLoss = m_lastLoss;
    return s;
}

void AttentionLab::onRestoreState(const LabState& state)
{
    const auto* s = dynamic_cast<const AttentionState*>(&state);
    if (!s)
        throw std::invalid_argument("this saved state belongs to another lab; reset instead");
    const std::vector<Parameter<float>*> params = m_model->parameters();
    if (params.size() != s->values.size())
        throw std::invalid_argument("this saved state belongs to another model shape; reset instead");
    for (size_t i = 0; i < params.size(); ++i)
        params[i]->value = s->values[i];
    m_opt->setState(s->opt);
    m_rng = s->rng;
    m_order = s->order;
    m_cursor = s->cursor;
    m_lastLoss = s->lastLoss;
    applyLiveParams();
}

std::vector<NamedTensor> AttentionLab::tensors() const
{
    std::vector<NamedTensor> out;
    for (const Parameter<float>* p : std::as_const(*m_model).parameters())
        out.push_back({p->name, p->value, p->isBias});
    return out;
}

} // namespace reglab
