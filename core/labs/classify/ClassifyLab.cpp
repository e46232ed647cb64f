#include "labs/classify/ClassifyLab.h"

#include "data/CsvDataset.h"
#include "data/Digits.h"
#include "data/LabelledPoints.h"
#include "data/RegressionSets.h"
#include "data/Split.h"
#include "data/ToySets.h"
#include "labs/classify/ClassifyObjective.h"
#include "labs/classify/ClassifyParams.h"
#include "labs/classify/ClassifyViews.h"
#include "metrics/Histogram.h"
#include "nn/BatchNorm.h"
#include "nn/BranchBlock.h"
#include "nn/Dropout.h"
#include "nn/Linear.h"
#include "optim/Adam.h"
#include "optim/AdamW.h"
#include "optim/Sgd.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace reglab {

namespace {

constexpr int kMaxGrid = 120, kMinGrid = 40;
// The decision grid costs 2 * params flops a cell; a 6x512 net at 120 x 120 cells would
// spend ~40 GFLOP a picture. Cells are cut so a picture stays near this many flops.
constexpr double kGridFlops = 1e9;
constexpr int kHistogramBins = 40;
// The network view's maps: at most this many cells a side, fewer for big nets so a view
// stays near kNetworkFlops.
constexpr int kNetworkMaxSide = 24, kNetworkMinSide = 8;
constexpr double kNetworkFlops = 2e8;
constexpr int kShownImages = 24;
constexpr int kLipschitzIterations = 200; // at most, per measurement (from the tracked vectors, a few suffice)
// The branch block's branches, by depth (Linear + activation pairs each).
const std::vector<int> kBranchDepths = {1, 2, 3};

} // namespace

ClassifyLab::ClassifyLab()
{
    for (ParamSpec& p : classifyParams())
        declare(std::move(p));
}

ClassifyLab::~ClassifyLab() = default;

std::string ClassifyLab::description() const
{
    return "A multilayer perceptron classifies 2D toy sets, handwritten digits or your CSV, or fits Playground's "
           "regression sets. Switch L1, L2, weight decay, dropout, batch norm, drop-path, label smoothing, spectral "
           "norm and early stopping on and off while it trains and watch the validation loss respond.";
}

std::string ClassifyLab::checkValue(const std::string& id, const ParamValue& v)
{
    if (id == "csv_file" && !v.text.empty())
        return m_csv.read(v.text);
    if (id == "drawn_points" && choice("dataset") == "drawn" && m_drawnText != v.text) {
        // A live change of the running set: it must stay trainable by this network.
        try {
            const DataSplit split = drawnSplit(v.text);
            if (split.train.numClasses > m_data.train.numClasses)
                return "class " + std::to_string(split.train.numClasses - 1) + " is new and the network has "
                    + std::to_string(m_data.train.numClasses) + " outputs: Reset to train with more classes";
        } catch (const std::invalid_argument& e) {
            return e.what();
        }
    }
    return {};
}

std::vector<MetricSpec> ClassifyLab::metrics() const
{
    // A regression has no classes: no accuracy, confidence or calibration; its noisy-input
    // and branch-ablation measures are losses.
    const bool reg = regression();
    std::vector<MetricSpec> m = {
        {"train_loss", "train loss", "", "loss", false},
        {"val_loss", "val loss", "", "loss", false},
        {"loss_gap", "val - train loss", "", "loss", false},
    };
    if (!reg) {
        m.push_back({"train_acc", "train accuracy", "", "accuracy", true});
        m.push_back({"val_acc", "val accuracy", "", "accuracy", true});
    }
    m.push_back({"weight_norm", "all layers", "", "weights", false}); // in the chart "Weight norm"
    const std::vector<WeightInfo> layout = weightLayout();
    for (size_t i = 0; i < layout.size(); ++i)
        m.push_back({"weight_norm_l" + std::to_string(i), layout[i].label, "", "weights", false});
    m.push_back({"learning_rate", "learning rate", "", "lr", false});
    for (size_t i = 0; i < layout.size(); ++i)
        if (layout[i].underBatchNorm)
            m.push_back({"effective_lr_l" + std::to_string(i), layout[i].label, "lr / |W|²", "effective_lr", false});
    m.push_back({"dead_units", "dead units", "fraction", "units", false});
    if (!reg) {
        m.push_back({"max_logit", "max logit (val mean)", "", "confidence", false});
        m.push_back({"ece", "calibration error (ECE, val)", "", "calibration", false});
    }
    m.push_back({"lipschitz_bound", "Lipschitz bound", "", "lipschitz", false});
    if (reg)
        m.push_back({"noisy_val_loss", "val loss, noisy inputs", "", "loss", false});
    else
        m.push_back({"noisy_val_acc", "val accuracy, noisy inputs", "", "accuracy", true});
    if (num("branches") != 0.0) {
        if (reg)
            m.push_back({"branch_ablation_loss", "val loss, worst branch out", "", "ablation", false});
        else
            m.push_back({"branch_ablation_acc", "val accuracy, worst branch out", "", "ablation", true});
    }
    return m;
}

bool ClassifyLab::regression() const { return isRegressionSet(choice("dataset")); }

std::vector<ClassifyLab::WeightInfo> ClassifyLab::weightLayout() const
{
    const int hidden = int(num("hidden_layers"));
    const bool bn = num("batch_norm") != 0.0;
    std::vector<WeightInfo> out;
    for (int i = 0; i < hidden; ++i)
        out.push_back({"layer " + std::to_string(i), bn});
    if (num("branches") != 0.0)
        for (size_t k = 0; k < kBranchDepths.size(); ++k)
            for (int j = 0; j < kBranchDepths[k]; ++j)
                out.push_back({"branch " + std::to_string(k + 1) + "." + std::to_string(j + 1), bn});
    out.push_back({"layer " + std::to_string(hidden), false});
    return out;
}

void ClassifyLab::onReset(uint64_t seed)
{
    Rng root(seed);
    // Draw 0 keeps the stream the lessons were tuned on; Regenerate picks another one.
    const auto draw = uint64_t(num("data_draw"));
    Rng dataRng = root.split(draw == 0 ? 1 : 1000 + draw), initRng = root.split(2);

    const std::string& set = choice("dataset");
    DataSplit split;
    if (set == "drawn") {
        split = drawnSplit(choice("drawn_points"));
    } else {
        Dataset all;
        if (set == "digits")
            all = loadDigits();
        else if (set == "csv")
            all = *m_csv.at(choice("csv_file"), "the data set is 'csv' but no CSV file is chosen (csv_file)");
        else
            all = makeToySet(set, int(num("num_points")), num("noise"), dataRng);
        split = splitTrainVal(all, num("train_fraction"), dataRng);
    }
    FeatureMap features; // the identity unless the data is 2D
    if (split.train.features() == 2) {
        std::vector<bool> on;
        for (int f = 0; f < FeatureMap::Count; ++f)
            on.push_back(num(FeatureMap::id(FeatureMap::Feature(f))) != 0.0);
        features = FeatureMap(on); // throws when every feature is off: nothing changed yet
    }
    // Nothing below throws: the lab changes only once the data is in hand.
    m_features = features;
    const int numClasses = split.train.numClasses;
    installData(std::move(split), seed);
    m_orderRng = root.split(3);
    m_dropRng = root.split(4);

    MlpConfig cfg;
    cfg.inputs = m_data.train.features();
    cfg.hidden.assign(size_t(num("hidden_layers")), Index(num("width")));
    cfg.outputs = regression() ? 1 : std::max(2, numClasses); // a regressor's one linear output
    cfg.activation = activationFromName(choice("activation"));
    cfg.dropout = num("dropout");
    cfg.alwaysAddDropout = true; // dropout can be switched on live
    cfg.batchNorm = num("batch_norm") != 0.0;
    if (num("branches") != 0.0) {
        cfg.branchDepths = kBranchDepths;
        cfg.branchWidth = Index(num("width"));
    }
    m_net = makeMlp<float>(cfg, initRng);
    m_params = m_net.parameters();
    Rng spectralRng = root.split(5);
    m_spectral.init(m_params, spectralRng);

    // Three fixed groups, so optimizer state keeps its layout when "decay biases" or "decay
    // norm params" toggles.
    ParamGroup<float> weights, biases, norms;
    for (auto* p : m_params)
        (p->isNorm ? norms : p->isBias ? biases : weights).params.push_back(p);
    std::vector<ParamGroup<float>> groups{weights, biases, norms};
    const std::string& opt = choice("optimizer");
    if (opt == "sgd")
        m_opt = std::make_unique<Sgd<float>>(groups);
    else if (opt == "adamw")
        m_opt = std::make_unique<AdamW<float>>(groups);
    else
        m_opt = std::make_unique<Adam<float>>(groups);

    m_early.reset();
    m_bestWeights.clear();
    m_finished = false;
    applyLiveParams();
}

DataSplit ClassifyLab::drawnSplit(const std::string& text)
{
    const auto points = parseLabelledPoints(text, nullptr); // validated when set
    if (!points)
        throw std::invalid_argument("the drawn points cannot be read (drawn_points)");
    DataSplit split = splitOf(*points, "drawn");
    if (split.train.size() == 0 || split.val.size() == 0)
        throw std::invalid_argument("the data set is 'drawn' but it has " + std::to_string(split.train.size())
                                    + " training and " + std::to_string(split.val.size())
                                    + " validation points: it needs at least one of each (click on the boundary "
                                      "picture to add points)");
    return split;
}

void ClassifyLab::installData(DataSplit split, uint64_t seed)
{
    m_drawnText = choice("dataset") == "drawn" ? choice("drawn_points") : std::string();
    m_points = split.train.features() == 2 ? split : DataSplit{};
    m_data = std::move(split);
    if (!m_features.isIdentity())
        for (Dataset* d : {&m_data.train, &m_data.val}) {
            d->x = m_features.apply(d->x);
            d->featureNames = m_features.names();
        }
    Rng noiseRng = Rng(seed).split(6);
    m_valNoise.resize(m_data.val.size(), m_points.val.size() > 0 ? 2 : m_data.val.features());
    for (Index k = 0; k < m_valNoise.size(); ++k)
        m_valNoise.data()[k] = float(noiseRng.normal());
    m_order.resize(size_t(m_data.train.size()));
    for (size_t i = 0; i < m_order.size(); ++i)
        m_order[i] = int(i);
    m_cursor = m_order.size(); // shuffle before the first batch
}

void ClassifyLab::applyLiveParams()
{
    m_opt->lr = num("lr");
    if (auto* sgd = dynamic_cast<Sgd<float>*>(m_opt.get()))
        sgd->momentum = num("momentum");
    const bool decayBiases = num("decay_biases") != 0.0, decayNorm = num("decay_norm") != 0.0;
    auto& groups = m_opt->groups();
    groups[0].weightDecay = num("weight_decay");
    groups[1].weightDecay = decayBiases ? num("weight_decay") : 0.0;
    groups[2].weightDecay = decayNorm ? num("weight_decay") : 0.0;
    m_l2.strength = num("l2");
    m_l1.strength = num("l1");
    m_l2.includeBiases = m_l1.includeBiases = decayBiases;
    m_l2.includeNorm = m_l1.includeNorm = decayNorm;
    for (auto* bn : m_net.layersOf<BatchNorm<float>>())
        bn->setGhostBatch(Index(num("ghost_batch")));
    for (auto* block : m_net.layersOf<BranchBlock<float>>())
        block->setDropPath(num("drop_path"));
    m_spectral.strength = num("spectral_penalty");
    m_spectral.hard = num("spectral_norm") != 0.0;
    for (auto* d : m_net.dropoutLayers())
        d->setRate(num("dropout"));
    m_early.patience = int(num("patience"));
}

void ClassifyLab::onLiveChange(const std::string& id)
{
    applyLiveParams();
    if (id == "drawn_points" && choice("dataset") == "drawn" && choice(id) != m_drawnText) {
        // The net trains on: only the data changes (checkValue kept it usable). A new
        // validation set makes earlier bests incomparable, so early stopping watches anew.
        installData(drawnSplit(choice(id)), seed());
        m_early.reset();
        m_bestWeights.clear();
        m_finished = false;
    }
    if (id == "early_stopping") {
        // Off ends its watch (a finished run trains on); on starts a fresh one: no best loss,
        // miss count or saved weights from before the switch.
        m_early.reset();
        m_bestWeights.clear();
        m_finished = false;
    }
}

std::string ClassifyLab::finishedMessage() const
{
    if (!m_finished)
        return {};
    return "Early stopping ended this run: the weights of step " + std::to_string(m_early.bestStep())
        + " (lowest validation loss) are restored. Switch early stopping off to train on, or Reset to start again.";
}

void ClassifyLab::nextBatch(Index batch)
{
    const Dataset& d = m_data.train;
    batch = std::min<Index>(batch, d.size());
    const bool targets = !d.target.empty();
    m_xb.resize(batch, d.features());
    m_yb.resize(targets ? 0 : size_t(batch));
    m_tb.resize(targets ? batch : 0, 1);
    for (Index i = 0; i < batch; ++i) {
        if (m_cursor >= m_order.size()) { // new epoch: Fisher-Yates reshuffle
            for (size_t k = m_order.size(); k > 1; --k)
                std::swap(m_order[k - 1], m_order[m_orderRng.below(uint32_t(k))]);
            m_cursor = 0;
        }
        const int s = m_order[m_cursor++];
        m_xb.row(i) = d.x.row(s);
        if (targets)
            m_tb(i, 0) = d.target[size_t(s)];
        else
            m_yb[size_t(i)] = d.y[size_t(s)];
    }
}

double ClassifyLab::onStep(MetricRow* row, bool* logged)
{
    nextBatch(Index(num("batch_size")));
    // Label smoothing has no classes to act on in a regression: ignored there.
    const float loss = regression()
        ? ClassifyObjective<float>::regression(m_net, m_xb, m_tb, m_dropRng, &m_dlogits)
        : ClassifyObjective<float>::classes(m_net, m_xb, m_yb.data(), float(num("label_smoothing")), m_dropRng,
                                            &m_dlogits);
    m_l2.addGradient(m_params);
    if (m_spectral.strength > 0.0) {
        m_spectral.iterate(m_params);
        m_spectral.addGradient(m_params);
    }
    m_opt->step();
    m_l1.afterStep(m_params, m_opt->lr);
    if (m_spectral.hard)
        m_spectral.project(m_params);

    const int64_t step = stepCount();
    if (step % int64_t(num("eval_every")) == 0) {
        // The power-iteration vectors follow the weights even when no spectral term is on,
        // so the Lipschitz bound of the row starts from good guesses.
        if (m_spectral.strength == 0.0 && !m_spectral.hard)
            m_spectral.iterate(m_params);
        *row = measure();
        *logged = true;
        // When early stopping restores the best weights, the row of this step describes the
        // weights the lab keeps (and exports), not the ones it threw away.
        if (observeForEarlyStopping(*row, step))
            *row = measure();
    }
    return double(loss);
}

void ClassifyLab::onInitialRow(const MetricRow& row) { observeForEarlyStopping(row, 0); }

bool ClassifyLab::observeForEarlyStopping(const MetricRow& row, int64_t step)
{
    if (num("early_stopping") == 0.0 || m_finished)
        return false;
    if (m_early.observe(row.values[1], step)) {
        m_bestWeights = m_net.modelValues();
    } else if (m_early.shouldStop() && !m_bestWeights.empty()) {
        m_net.setModelValues(m_bestWeights);
        m_finished = true;
        return true;
    }
    return false;
}

ClassifyEvaluator::Result ClassifyLab::evaluate(const Dataset& d, const ClassifyEvaluator::Options& options) const
{
    return ClassifyEvaluator(m_net, kBranchDepths.size()).evaluate(d, options);
}

MetricRow ClassifyLab::measure() const
{
    // In the order of metrics().
    const bool reg = regression();
    MetricRow r;
    r.step = stepCount();
    const auto tr = evaluate(m_data.train, {}), va = evaluate(m_data.val, {true, true});
    r.values = {tr.loss, va.loss, va.loss - tr.loss};
    if (!reg) {
        r.values.push_back(tr.acc);
        r.values.push_back(va.acc);
    }
    double total = 0;
    std::vector<double> squares;
    for (auto* p : m_net.parameters()) {
        if (!p->isWeight())
            continue;
        squares.push_back(double(p->value.squaredNorm()));
        total += squares.back();
    }
    r.values.push_back(std::sqrt(total));
    for (double sq : squares)
        r.values.push_back(std::sqrt(sq));
    r.values.push_back(m_opt->lr);
    // Under batch norm a layer's output does not change when W is scaled, and its gradient
    // scales by 1/|W|: an SGD step of lr moves the direction of W by about lr / |W|^2. (Adam
    // normalises the gradient's scale away; there the turn is nearer lr / |W|.)
    const std::vector<WeightInfo> layout = weightLayout();
    for (size_t i = 0; i < layout.size() && i < squares.size(); ++i)
        if (layout[i].underBatchNorm)
            r.values.push_back(squares[i] > 0.0 ? m_opt->lr / squares[i] : 0.0);
    r.values.push_back(va.deadUnits);
    if (!reg) {
        r.values.push_back(va.maxLogit);
        r.values.push_back(va.ece);
    }
    r.values.push_back(lipschitzBound());
    // Accuracy (a regression: loss) on the validation inputs plus sigma times the noise drawn at reset.
    const double sigma = num("noise_sigma");
    if (sigma > 0.0 && m_valNoise.rows() == m_data.val.size()) {
        // The noise moves the points; the network sees their features.
        const bool points = m_points.val.size() == m_data.val.size() && !m_features.isIdentity();
        const MatF noisy = points ? m_features.apply(m_points.val.x + float(sigma) * m_valNoise)
                                  : MatF(m_data.val.x + float(sigma) * m_valNoise);
        ClassifyEvaluator::Options options;
        options.x = &noisy;
        const auto e = evaluate(m_data.val, options);
        r.values.push_back(reg ? e.loss : e.acc);
    } else {
        r.values.push_back(reg ? va.loss : va.acc);
    }
    if (num("branches") != 0.0)
        r.values.push_back(branchAblation());
    return r;
}

double ClassifyLab::branchAblation() const
{
    const bool reg = regression();
    double worst = reg ? 0.0 : 1.0;
    for (size_t b = 0; b < kBranchDepths.size(); ++b) {
        ClassifyEvaluator::Options options;
        options.ablate = int(b);
        const auto e = evaluate(m_data.val, options);
        worst = reg ? std::max(worst, e.loss) : std::min(worst, e.acc);
    }
    return worst;
}

double ClassifyLab::lipschitzBound() const
{
    const std::vector<const Parameter<float>*> params = m_net.parameters();
    const std::vector<double> sigmas = m_spectral.refinedSigmas(params, kLipschitzIterations);
    std::unordered_map<const Parameter<float>*, double> sigmaOf;
    size_t i = 0;
    for (auto* p : params)
        if (p->isWeight() && i < sigmas.size())
            sigmaOf[p] = sigmas[i++];
    return m_net.lipschitzBound([&sigmaOf](const Parameter<float>& p) {
        const auto it = sigmaOf.find(&p);
        return it == sigmaOf.end() ? 0.0 : it->second;
    });
}

LabViews ClassifyLab::views() const
{
    LabViews v;
    v.step = stepCount();
    auto addPoints = [&](const Dataset& d, const std::string& id, const std::string& title) {
        PointSetView p;
        p.id = id;
        p.title = title;
        if (d.features() == 2) {
            p.x.resize(size_t(d.size()));
            p.y.resize(size_t(d.size()));
            for (Index i = 0; i < d.size(); ++i) {
                p.x[size_t(i)] = d.x(i, 0);
                p.y[size_t(i)] = d.x(i, 1);
            }
            p.label = d.y;
            p.value = d.target; // a regression's points: coloured by their targets
        }
        v.points.push_back(std::move(p));
    };
    const bool reg = regression();
    // One pass over the validation set: its predictions and which hidden units are alive.
    std::vector<int> predicted;
    std::vector<std::vector<uint8_t>> alive;
    validationPass(m_net, m_data.val.x, reg ? nullptr : &predicted, &alive);
    if (m_points.train.size() > 0) {
        const double cellFlops = 2.0 * double(m_net.parameterCount());
        const int side = std::clamp(int(std::sqrt(kGridFlops / std::max(1.0, cellFlops))), kMinGrid, kMaxGrid);
        GridView g = makePlaneGrid(m_net, m_points, m_features, side, reg);
        const int netSide = std::clamp(int(std::sqrt(kNetworkFlops / std::max(1.0, cellFlops))), kNetworkMinSide,
                                       kNetworkMaxSide);
        v.networks.push_back(makeNetworkView(m_net, g, netSide, alive, m_features));
        v.grids.push_back(std::move(g));
    }
    if (!reg) {
        const int classes = int(m_net.parameters().back()->value.cols());
        v.grids.push_back(makeConfusionMatrix(m_data.val.y, predicted, classes, m_data.val.classNames));
    }
    if (choice("dataset") == "digits")
        v.images.push_back(makeImagesView(m_data.val, predicted, kShownImages));
    addPoints(m_points.train.size() > 0 ? m_points.train : m_data.train, "train", "train");
    addPoints(m_points.val.size() > 0 ? m_points.val : m_data.val, "val", "validation");
    const std::vector<WeightInfo> layout = weightLayout();
    size_t i = 0;
    for (auto* p : m_net.parameters()) {
        if (!p->isWeight() || i >= layout.size())
            continue;
        v.histograms.push_back(makeSymmetricHistogram(p->value.data(), long(p->value.size()), kHistogramBins,
                                                      "layer" + std::to_string(i), layout[i].label + " weights"));
        ++i;
    }
    return v;
}

namespace {
struct ClassifyState : LabState {
    std::vector<MatF> model; // parameters, then buffers
    Optimizer<float>::State opt;
    Rng orderRng, dropRng;
    std::vector<int> order;
    size_t cursor = 0;
    EarlyStopping early;
    std::vector<MatF> bestWeights;
    bool finished = false;
    SpectralNorm<float>::State spectral;

    void archive(StateArchive& a) override
    {
        a.io(model);
        opt.archive(a);
        a.io(orderRng);
        a.io(dropRng);
        a.permutation(order);
        a.index(cursor, order.size());
        early.archive(a);
        a.io(bestWeights);
        bool fits = bestWeights.empty() || bestWeights.size() == model.size();
        for (size_t i = 0; fits && i < bestWeights.size(); ++i)
            fits = bestWeights[i].rows() == model[i].rows() && bestWeights[i].cols() == model[i].cols();
        if (!fits)
            throw std::invalid_argument("the saved best weights belong to another network");
        a.io(finished);
        spectral.archive(a);
    }
};
} // namespace

std::unique_ptr<LabState> ClassifyLab::onSaveState() const
{
    auto s = std::make_unique<ClassifyState>();
    s->model = m_net.modelValues();
    s->opt = m_opt->state();
    s->orderRng = m_orderRng;
    s->dropRng = m_dropRng;
    s->order = m_order;
    s->cursor = m_cursor;
    s->early = m_early;
    s->bestWeights = m_bestWeights;
    s->finished = m_finished;
    s->spectral = m_spectral.state();
    return s;
}

void ClassifyLab::onRestoreState(const LabState& state)
{
    const auto* s = dynamic_cast<const ClassifyState*>(&state);
    if (!s)
        throw std::invalid_argument("this saved state belongs to another network; reset instead");
    if (choice("dataset") == "drawn" && choice("drawn_points") != m_drawnText)
        installData(drawnSplit(choice("drawn_points")), seed());
    m_net.setModelValues(s->model);
    m_opt->setState(s->opt);
    m_orderRng = s->orderRng;
    m_dropRng = s->dropRng;
    m_order = s->order;
    m_cursor = s->cursor;
    m_early = s->early;
    m_bestWeights = s->bestWeights;
    m_finished = s->finished;
    m_spectral.setState(s->spectral);
    applyLiveParams();
}

std::vector<NamedTensor> ClassifyLab::tensors() const
{
    std::vector<NamedTensor> out;
    for (auto* p : m_params)
        out.push_back({p->name, p->value, !p->isWeight()});
    for (auto* b : m_net.buffers())
        out.push_back({b->name, b->value, true});
    return out;
}

int64_t ClassifyLab::earlyStopBestStep() const
{
    return num("early_stopping") != 0.0 ? m_early.bestStep() : -1;
}

} // namespace reglab
