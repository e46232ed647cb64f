#include "labs/cae/CaeLab.h"

#include "autodiff/Ops.h"
#include "labs/cae/CaeParams.h"
#include "metrics/Histogram.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace reglab {

namespace {

constexpr int kGridSide = 64;
constexpr double kExtent = 1.6;      // the picture spans [-kExtent, kExtent]² of the curve's plane
constexpr int kShownTests = 60;      // off-curve points arrowed in the picture
constexpr double kDefaultTestNoise = 0.1;

// The exported points; an autoencoder has no target, so the column holds where on the curve
// each point comes from (its angle), which says which points are neighbours.
Dataset asDataset(const MatD& x, const ColVec<double>& t, const std::string& name)
{
    Dataset d;
    d.name = name;
    d.x = x.cast<float>();
    for (Index i = 0; i < t.size(); ++i)
        d.target.push_back(float(t(i)));
    for (Index i = 0; i < x.cols(); ++i)
        d.featureNames.push_back("x" + std::to_string(i + 1));
    return d;
}

std::string fixed(double v, int digits)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

} // namespace

CaeLab::CaeLab()
{
    for (ParamSpec& p : caeParams())
        declare(std::move(p));
}

CaeLab::~CaeLab() = default;

std::string CaeLab::description() const
{
    return "An autoencoder with a sigmoid encoder learns noisy points of a curve. The contractive penalty "
           "λ·||J_f(x)||_F² makes its code insensitive to small moves of the input, except along the curve, where "
           "the reconstruction needs it: points off the curve are pulled back onto it. More noise wants more λ.";
}

std::vector<MetricSpec> CaeLab::metrics() const
{
    std::vector<MetricSpec> m = {
        {"loss", "train loss (recon + λ·penalty)", "", "loss", false},
        {"recon", "recon error, clean val points", "", "recon", false},
        {"denoise", "recon of noisy val points vs clean", "", "recon", false},
        {"sensitivity", "sensitivity: mean ||J_f(x)||_F", "", "sensitivity", false},
        {"tangent_gain", "Jacobian gain along the curve", "", "jacobian", false},
        {"normal_gain", "Jacobian gain across the curve", "", "jacobian", false},
        {"saturation", "mean h(1 − h)", "", "saturation", true},
    };
    MetricSpec limit{"saturated", "saturated below", "", "saturation", true};
    limit.reference = true;
    m.push_back(limit);
    return m;
}

double CaeLab::testNoise() const
{
    return num("sigma") > 0 ? num("sigma") : kDefaultTestNoise;
}

void CaeLab::onReset(uint64_t seed)
{
    Rng root(seed);
    Rng dataRng = root.split(1), initRng = root.split(2), valRng = root.split(3), embedRng = root.split(5);
    const int dim = std::stoi(choice("dimension"));
    m_manifold.emplace(choice("manifold"), dim, embedRng);
    const int n = int(num("num_points"));
    const ManifoldPoints train = m_manifold->sample(n, dataRng);
    m_train = train.x;
    const double sigma = num("sigma");
    for (Index i = 0; i < m_train.size(); ++i)
        m_train.data()[i] += sigma * dataRng.normal();
    m_val = m_manifold->sample(n, valRng);
    m_offManifold = m_val.x;
    for (Index i = 0; i < m_offManifold.size(); ++i)
        m_offManifold.data()[i] += testNoise() * valRng.normal();
    m_split = {asDataset(m_train, train.t, "noisy " + choice("manifold")),
               asDataset(m_val.x, m_val.t, "clean " + choice("manifold"))};

    m_ae.init(dim, Index(num("hidden")), initRng);
    ParamGroup<double> group;
    group.params = m_ae.params();
    m_opt = std::make_unique<Adam<double>>(std::vector<ParamGroup<double>>{group});
    m_corruptRng = root.split(4);
    onLiveChange("lr");
}

void CaeLab::onLiveChange(const std::string& /*id*/)
{
    m_opt->lr = num("lr");
}

double CaeLab::onStep(MetricRow* row, bool* logged)
{
    // Denoising: fresh corruption each step, the uncorrupted input as the target.
    const double corruption = num("corruption");
    m_input = m_train;
    if (corruption > 0)
        for (Index i = 0; i < m_input.size(); ++i)
            m_input.data()[i] += corruption * m_corruptRng.normal();

    m_tape.clear();
    const Var<double> W = m_tape.leaf(m_ae.w.value), b = m_tape.leaf(m_ae.b.value), c = m_tape.leaf(m_ae.c.value);
    const Var<double> loss = ContractiveAe::loss(m_tape, W, b, c, m_input, m_train, num("lambda"));
    const double value = loss.item();
    const std::vector<Var<double>> g = m_tape.grad(loss, {W, b, c});
    std::vector<Parameter<double>*> ps = m_ae.params();
    for (size_t k = 0; k < ps.size(); ++k)
        ps[k]->grad = g[k].value();
    m_opt->step();

    if (stepCount() % int64_t(num("eval_every")) == 0) {
        *row = measure();
        *logged = true;
    }
    return value;
}

MetricRow CaeLab::measure() const
{
    MetricRow r;
    r.step = stepCount();
    const double lambda = num("lambda");
    const auto meanSq = [](const MatD& a, const MatD& b) { return (a - b).rowwise().squaredNorm().mean(); };
    const double trainRecon = meanSq(m_ae.reconstruct(m_train), m_train);
    const double trainPenalty = m_ae.jacobianNormSq(m_train).mean();
    r.values.push_back(trainRecon + lambda * trainPenalty);
    r.values.push_back(meanSq(m_ae.reconstruct(m_val.x), m_val.x));
    r.values.push_back(meanSq(m_ae.reconstruct(m_offManifold), m_val.x));
    r.values.push_back(m_ae.jacobianNormSq(m_val.x).array().sqrt().mean());
    // ||J||_F² = |J t|² + Σ over the D − 1 normal directions of |J n|²: the rms normal gain.
    double tangent = 0, normal = 0;
    const Index n = m_val.x.rows(), d = m_val.x.cols();
    for (Index i = 0; i < n; ++i) {
        const MatD j = m_ae.jacobian(m_val.x.row(i));
        const double t2 = (j * m_val.tangent.row(i).transpose()).squaredNorm();
        tangent += std::sqrt(t2);
        normal += std::sqrt(std::max(0.0, j.squaredNorm() - t2) / double(d - 1));
    }
    r.values.push_back(tangent / double(n));
    r.values.push_back(normal / double(n));
    const MatD h = m_ae.encode(m_val.x);
    r.values.push_back((h.array() * (1 - h.array())).mean());
    r.values.push_back(kSaturated);
    return r;
}

LabViews CaeLab::views() const
{
    LabViews v;
    v.step = stepCount();
    GridView g;
    g.id = "sensitivity";
    g.title = "Encoder sensitivity ||J_f(x)||_F";
    g.width = g.height = kGridSide;
    g.xMin = g.yMin = -kExtent;
    g.xMax = g.yMax = kExtent;
    MatD plane(kGridSide * kGridSide, 2);
    for (int row = 0; row < kGridSide; ++row)
        for (int col = 0; col < kGridSide; ++col) {
            const Index k = Index(row) * kGridSide + col;
            plane(k, 0) = -kExtent + (col + 0.5) * 2 * kExtent / kGridSide;
            plane(k, 1) = kExtent - (row + 0.5) * 2 * kExtent / kGridSide; // row 0 at the top
        }
    const ColVec<double> s = m_ae.jacobianNormSq(m_manifold->embed(plane)).array().sqrt();
    g.value.assign(s.data(), s.data() + s.size());

    const MetricRow r = measure();
    g.note = "along the curve: gain " + fixed(r.values[4], 3) + ", across it: " + fixed(r.values[5], 3)
        + " (ratio " + fixed(r.values[4] / std::max(r.values[5], 1e-12), 1) + "); mean h(1−h) "
        + fixed(r.values[6], 3);
    if (r.values[6] < kSaturated) {
        g.note += ": the units saturate";
        // Over the picture, since a saturated encoder meets the penalty without learning the curve.
        v.caption = "Units saturate: mean h(1 − h) " + fixed(r.values[6], 3) + " < " + fixed(kSaturated, 2)
            + "; lower λ or lr";
    }
    if (m_manifold->dim() > 2)
        g.note += "; R^10 projected onto the curve's plane";
    v.grids.push_back(std::move(g));

    PointSetView curve;
    curve.id = "curve";
    curve.title = "clean curve";
    const ManifoldPoints even = m_manifold->evenly(120);
    for (Index i = 0; i < even.plane.rows(); ++i) {
        curve.x.push_back(float(even.plane(i, 0)));
        curve.y.push_back(float(even.plane(i, 1)));
        curve.label.push_back(0);
    }
    v.points.push_back(std::move(curve));

    // Points moved off the curve within its plane, alternately inward and outward by 2.5 times
    // the test noise, each joined to its reconstruction by a segment of true length (arrows
    // would be rescaled): a contracting encoder pulls them back onto the curve.
    PointSetView tests, recons;
    tests.id = "tests";
    tests.title = "off the curve";
    recons.id = "reconstructions";
    recons.title = "reconstructed";
    tests.perRun = false; // the same points for a run and its twin
    recons.perRun = true;
    MeshView segments;
    segments.id = "segments";
    segments.title = "point to reconstruction";
    const Index shown = std::min<Index>(kShownTests, m_val.x.rows());
    MatD off = m_val.plane.topRows(shown);
    const MatD tangent = m_manifold->project(m_val.tangent.topRows(shown));
    for (Index i = 0; i < shown; ++i) {
        const double side = (i % 2 ? 2.5 : -2.5) * testNoise();
        off(i, 0) += side * tangent(i, 1); // the tangent turned by 90 degrees
        off(i, 1) -= side * tangent(i, 0);
    }
    const MatD to = m_manifold->project(m_ae.reconstruct(m_manifold->embed(off)));
    const float gap = std::nanf("");
    for (Index i = 0; i < shown; ++i) {
        tests.x.push_back(float(off(i, 0)));
        tests.y.push_back(float(off(i, 1)));
        tests.label.push_back(1);
        recons.x.push_back(float(to(i, 0)));
        recons.y.push_back(float(to(i, 1)));
        recons.label.push_back(2);
        segments.x.insert(segments.x.end(), {float(off(i, 0)), float(to(i, 0)), gap});
        segments.y.insert(segments.y.end(), {float(off(i, 1)), float(to(i, 1)), gap});
    }
    segments.rows = 1; // one polyline, broken by the gaps into segments
    segments.cols = int(segments.x.size());
    v.points.push_back(std::move(tests));
    v.points.push_back(std::move(recons));
    v.meshes.push_back(std::move(segments));

    const MatF w = m_ae.w.value.cast<float>();
    v.histograms.push_back(makeSymmetricHistogram(w.data(), long(w.size()), 40, m_ae.w.name, "encoder weights"));
    return v;
}

namespace {
struct CaeState : LabState {
    std::vector<MatD> model;
    Optimizer<double>::State opt;
    Rng corruptRng;

    void archive(StateArchive& a) override
    {
        a.io(model);
        if (model.size() != 3)
            throw std::invalid_argument("the saved autoencoder does not have three parameters");
        a.io(opt.t);
        a.io(opt.buffers);
        a.io(corruptRng);
    }
};
} // namespace

std::unique_ptr<LabState> CaeLab::onSaveState() const
{
    auto s = std::make_unique<CaeState>();
    s->model = m_ae.values();
    s->opt = m_opt->state();
    s->corruptRng = m_corruptRng;
    return s;
}

void CaeLab::onRestoreState(const LabState& state)
{
    const auto* s = dynamic_cast<const CaeState*>(&state);
    if (!s)
        throw std::invalid_argument("this saved state belongs to another lab; reset instead");
    const std::vector<MatD> now = m_ae.values();
    for (size_t k = 0; k < now.size() && k < s->model.size(); ++k)
        if (s->model[k].rows() != now[k].rows() || s->model[k].cols() != now[k].cols())
            throw std::invalid_argument("this saved state belongs to another network; reset instead");
    m_ae.setValues(s->model);
    m_opt->setState(s->opt);
    m_corruptRng = s->corruptRng;
    onLiveChange("lr");
}

std::vector<NamedTensor> CaeLab::tensors() const
{
    return {{m_ae.w.name, m_ae.w.value.cast<float>(), false},
            {m_ae.b.name, m_ae.b.value.cast<float>(), true},
            {m_ae.c.name, m_ae.c.value.cast<float>(), true}};
}

} // namespace reglab
