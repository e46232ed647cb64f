#include "labs/gan/GanLab.h"

#include "labs/gan/GanParams.h"
#include "metrics/Histogram.h"
#include "metrics/SampleQuality.h"
#include "optim/Adam.h"
#include "optim/Sgd.h"

#include <algorithm>
#include <cmath>

namespace reglab {

namespace {
constexpr Index kEvalSamples = 2048;
constexpr Index kShownSamples = 500;
constexpr int kGrid = 64;
constexpr int kMeshNodes = 41, kMeshStride = 5; // 9 lines each way, each through 41 points
} // namespace

GanLab::GanLab()
{
    for (ParamSpec& p : ganParams())
        declare(std::move(p));
}

GanLab::~GanLab() = default;

std::string GanLab::description() const
{
    return "A generator learns a 2D distribution against a discriminator. Watch a plain GAN collapse onto a few "
           "modes, and WGAN-GP, R1 or spectral normalization keep the game stable.";
}

bool GanLab::hasModes() const
{
    const std::string& target = choice("target");
    return target != "drawn" && !GanTarget::named(target).modes().empty(); // drawn points have no modes
}

std::string GanLab::checkValue(const std::string& id, const ParamValue& v)
{
    return id == "target_file" && !v.text.empty() ? m_targetFile.read(v.text) : std::string();
}

std::vector<MetricSpec> GanLab::metrics() const
{
    std::vector<MetricSpec> m = {
        {"d_loss", "discriminator loss", "", "loss", false},
        {"g_loss", "generator loss", "", "loss", false},
    };
    if (hasModes()) {
        m.push_back({"modes_covered", "modes covered", "", "modes", true});
        m.push_back({"high_quality", "samples near a mode", "fraction", "quality", true});
        m.push_back({"mode_kl", "mode KL to uniform", "nats", "mode_kl", false});
    }
    m.push_back({"swd", "sliced Wasserstein distance", "", "distance", false});
    m.push_back({"grad_norm_d", "|∇ₓD| on real and fake", "", "grad_norm", false});
    return m;
}

MatF GanLab::noise(Index n, Rng& rng) const
{
    MatF z(n, 2);
    const bool uniform = choice("noise") == "uniform";
    for (Index i = 0; i < z.size(); ++i)
        z.data()[i] = float(uniform ? rng.uniform(-1.0, 1.0) : rng.normal());
    return z;
}

void GanLab::onReset(uint64_t seed)
{
    Rng root(seed);
    Rng initRng = root.split(2), evalRng = root.split(3), spectralRng = root.split(5);
    if (choice("target") != "drawn") {
        m_target = GanTarget::named(choice("target"));
    } else {
        const auto points = m_targetFile.at(
            choice("target_file"), "the target is 'drawn' but no file of points is chosen (set target_file)");
        m_target = GanTarget::fromPoints(*points, GanTarget::jitterFor(*points));
    }
    MlpConfig c;
    c.inputs = 2;
    c.hidden.assign(size_t(num("hidden_layers")), Index(num("width")));
    c.activation = activationFromName(choice("activation"));
    c.init = Init::PyTorch;
    c.outputs = 2;
    m_g = makeMlp<float>(c, initRng);
    c.outputs = 1;
    m_d = makeMlp<float>(c, initRng);
    m_objective = std::make_unique<GanObjective<float>>(m_g, m_d);
    m_probe = std::make_unique<GanObjective<float>>(m_g, m_d);
    auto make = [&](Sequential<float>& net) -> std::unique_ptr<Optimizer<float>> {
        std::vector<ParamGroup<float>> groups{ParamGroup<float>{net.parameters(), 0.0}};
        if (choice("optimizer") == "sgd")
            return std::make_unique<Sgd<float>>(groups);
        return std::make_unique<Adam<float>>(groups);
    };
    m_optG = make(m_g);
    m_optD = make(m_d);
    m_spectral.init(m_d.parameters(), spectralRng);
    m_rng = root.split(4);
    m_evalZ = noise(kEvalSamples, evalRng);
    m_evalReal = m_target.sample(kEvalSamples, evalRng);
    m_phase = 0;
    m_caption.clear();
    applyLiveParams();
    // The step-0 losses, on the fixed evaluation samples (nothing is updated).
    const Index n = std::min<Index>(Index(num("batch_size")), kEvalSamples);
    m_lastD = m_objective->criticStep(m_evalReal.topRows(n), m_evalZ.topRows(n), MatF::Constant(n, 1, 0.5f));
    m_lastG = m_objective->generatorStep(m_evalZ.topRows(n));
}

void GanLab::applyLiveParams()
{
    m_objective->loss = ganLossFromName(choice("loss"));
    m_objective->lambda = num("gp_lambda");
    m_objective->r1 = num("r1");
    m_optD->lr = num("lr_d");
    m_optG->lr = num("lr_g");
    for (auto* opt : {m_optD.get(), m_optG.get()})
        if (auto* adam = dynamic_cast<Adam<float>*>(opt)) {
            adam->beta1 = num("beta1");
            adam->beta2 = num("beta2");
        }
    m_spectral.hard = num("spectral_norm") != 0.0;
}

void GanLab::onLiveChange(const std::string&) { applyLiveParams(); }

double GanLab::onStep(MetricRow* row, bool* logged)
{
    const Index batch = Index(num("batch_size"));
    const int dSteps = int(num("d_steps"));
    const std::string& train = choice("train");
    const bool slow = num("substeps") != 0.0;
    // Which updates this step makes. The full cycle is d_steps D updates, then one G update;
    // in slow motion a step is one update of that cycle (m_phase says which).
    int dUpdates = 0;
    bool gUpdate = false;
    if (train == "discriminator")
        dUpdates = slow ? 1 : dSteps;
    else if (train == "generator")
        gUpdate = true;
    else if (!slow)
        dUpdates = dSteps, gUpdate = true;
    else if (m_phase < dSteps)
        dUpdates = 1;
    else
        gUpdate = true;

    MatF e(batch, 1);
    const std::vector<Parameter<float>*> dParams = m_d.parameters();
    for (int k = 0; k < dUpdates; ++k) {
        const MatF real = m_target.sample(batch, m_rng), z = noise(batch, m_rng);
        for (Index i = 0; i < batch; ++i)
            e(i) = float(m_rng.uniform());
        m_lastD = m_objective->criticStep(real, z, e);
        m_optD->step();
        if (m_spectral.hard)
            m_spectral.project(dParams);
    }
    if (gUpdate) {
        m_lastG = m_objective->generatorStep(noise(batch, m_rng));
        m_optG->step();
    }
    m_caption = slow || train != "both" ? stepCaption(train, dSteps) : std::string();
    if (slow && train == "both")
        m_phase = gUpdate ? 0 : m_phase + 1;
    else
        m_phase = 0;
    if (stepCount() % int64_t(num("eval_every")) == 0) {
        *row = measure();
        *logged = true;
    }
    // Both losses must stay finite: a NaN in either stops the run.
    return std::isfinite(m_lastD) ? m_lastG : m_lastD;
}

std::string GanLab::stepCaption(const std::string& train, int dSteps) const
{
    const std::string d = ganLossFromName(choice("loss")) == GanLoss::WganGp ? "the critic" : "D";
    if (train == "discriminator")
        return "Only " + d + " trains (G frozen): it learns to score real samples high and generated ones low";
    if (train == "generator")
        return "Only G trains (D frozen): each generated sample moves along its arrow, up D's slope";
    if (m_phase < dSteps)
        return "D update " + std::to_string(m_phase + 1) + " of " + std::to_string(dSteps) + ": " + d
            + " scores real samples higher and generated ones lower";
    return "G update: each generated sample moves along its arrow, toward where " + d + " scores it as real";
}

MetricRow GanLab::measure() const
{
    MetricRow r;
    r.step = stepCount();
    MatF fake, scratch;
    m_g.infer(m_evalZ, fake, scratch);
    r.values = {m_lastD, m_lastG};
    if (!m_target.modes().empty()) {
        const ModeStats s = modeStats(fake, m_target);
        r.values.push_back(s.modesCovered);
        r.values.push_back(s.highQuality);
        r.values.push_back(s.modeKl);
    }
    r.values.push_back(fake.allFinite() ? slicedWasserstein(fake, m_evalReal) : NAN);
    const MatF gr = m_probe->inputGradNorms(m_evalReal), gf = m_probe->inputGradNorms(fake);
    r.values.push_back(0.5 * double(gr.mean() + gf.mean()));
    return r;
}

LabViews GanLab::views() const
{
    LabViews v;
    v.step = stepCount();
    MatF fake, scratch;
    m_g.infer(m_evalZ.topRows(kShownSamples), fake, scratch);
    // The domain: the real samples' box, padded, so the picture does not jump with G.
    const MatF& real = m_evalReal;
    const double x0 = real.col(0).minCoeff(), x1 = real.col(0).maxCoeff();
    const double y0 = real.col(1).minCoeff(), y1 = real.col(1).maxCoeff();
    const double pad = 0.25 * std::max({x1 - x0, y1 - y0, 0.1});
    GridView g;
    g.id = "discriminator";
    g.title = "Discriminator";
    g.xMin = x0 - pad;
    g.xMax = x1 + pad;
    g.yMin = y0 - pad;
    g.yMax = y1 + pad;
    g.width = g.height = kGrid;
    MatF pts(kGrid * kGrid, 2), out;
    for (int r = 0; r < kGrid; ++r)
        for (int c = 0; c < kGrid; ++c) {
            pts(r * kGrid + c, 0) = float(g.xMin + (c + 0.5) / kGrid * (g.xMax - g.xMin));
            pts(r * kGrid + c, 1) = float(g.yMax - (r + 0.5) / kGrid * (g.yMax - g.yMin));
        }
    m_d.infer(pts, out, scratch);
    g.value.assign(out.data(), out.data() + out.size());
    v.grids.push_back(std::move(g));
    auto points = [](const MatF& m, Index n, const std::string& id, int label) {
        PointSetView p;
        p.id = id;
        p.title = id;
        for (Index i = 0; i < std::min(n, m.rows()); ++i) {
            p.x.push_back(m(i, 0));
            p.y.push_back(m(i, 1));
            p.label.push_back(label);
        }
        return p;
    };
    // The real samples last, so they are painted over the generated ones they are judged by.
    PointSetView generated = points(fake, kShownSamples, "generated", 1);
    generated.perRun = true;
    const MatF force = m_probe->sampleForces(fake);
    generated.dx.assign(force.col(0).data(), force.col(0).data() + force.rows());
    generated.dy.assign(force.col(1).data(), force.col(1).data() + force.rows());
    v.points.push_back(std::move(generated));
    v.points.push_back(points(real, kShownSamples, "real", 0));
    v.meshes.push_back(noiseMesh());
    v.caption = m_caption;
    for (const auto& [net, name] : {std::pair{&m_g, "generator"}, std::pair{&m_d, "discriminator"}}) {
        int i = 0;
        for (auto* p : net->parameters())
            if (p->isWeight()) {
                const std::string id = std::string(name) + std::to_string(i++);
                v.histograms.push_back(makeSymmetricHistogram(p->value.data(), long(p->value.size()), 40, id,
                                                              std::string(name) + " layer " + std::to_string(i - 1) + " weights"));
            }
    }
    return v;
}

MeshView GanLab::noiseMesh() const
{
    // A square of the noise space, where most noise samples fall, and its image under G.
    const double half = choice("noise") == "uniform" ? 1.0 : 2.0;
    MeshView m;
    m.id = "noise_grid";
    m.title = "noise grid";
    m.rows = m.cols = kMeshNodes;
    m.stride = kMeshStride;
    MatF z(kMeshNodes * kMeshNodes, 2), out, scratch;
    for (int r = 0; r < kMeshNodes; ++r)
        for (int c = 0; c < kMeshNodes; ++c) {
            z(r * kMeshNodes + c, 0) = float(-half + 2 * half * c / (kMeshNodes - 1));
            z(r * kMeshNodes + c, 1) = float(half - 2 * half * r / (kMeshNodes - 1));
        }
    m_g.infer(z, out, scratch);
    m.x.assign(out.col(0).data(), out.col(0).data() + out.rows());
    m.y.assign(out.col(1).data(), out.col(1).data() + out.rows());
    return m;
}

namespace {
struct GanState : LabState {
    std::vector<MatF> g, d;
    Optimizer<float>::State optG, optD;
    Rng rng;
    SpectralNorm<float>::State spectral;
    double lastD = 0, lastG = 0;
    int phase = 0;
    std::string caption;

    void archive(StateArchive& a) override
    {
        a.io(g);
        a.io(d);
        optG.archive(a);
        optD.archive(a);
        a.io(rng);
        spectral.archive(a);
        a.io(lastD);
        a.io(lastG);
        a.io(phase);
        a.io(caption);
    }
};

} // namespace

std::unique_ptr<LabState> GanLab::onSaveState() const
{
    auto s = std::make_unique<GanState>();
    s->g = m_g.modelValues();
    s->d = m_d.modelValues();
    s->optG = m_optG->state();
    s->optD = m_optD->state();
    s->rng = m_rng;
    s->spectral = m_spectral.state();
    s->lastD = m_lastD;
    s->lastG = m_lastG;
    s->phase = m_phase;
    s->caption = m_caption;
    return s;
}

void GanLab::onRestoreState(const LabState& state)
{
    const auto* s = dynamic_cast<const GanState*>(&state);
    if (!s)
        throw std::invalid_argument("this saved state belongs to another lab; reset instead");
    m_g.setModelValues(s->g);
    m_d.setModelValues(s->d);
    m_optG->setState(s->optG);
    m_optD->setState(s->optD);
    m_rng = s->rng;
    m_spectral.setState(s->spectral);
    m_lastD = s->lastD;
    m_lastG = s->lastG;
    m_phase = s->phase;
    m_caption = s->caption;
    applyLiveParams();
}

std::vector<NamedTensor> GanLab::tensors() const
{
    std::vector<NamedTensor> out;
    for (auto* p : m_g.parameters())
        out.push_back({"generator." + p->name, p->value, p->isBias});
    for (auto* p : m_d.parameters())
        out.push_back({"discriminator." + p->name, p->value, p->isBias});
    return out;
}

} // namespace reglab
