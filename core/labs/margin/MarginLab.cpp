#include "labs/margin/MarginLab.h"

#include "labs/LogRows.h"
#include "labs/ParamBuilders.h"
#include "nn/BinaryCrossEntropy.h"

#include <Eigen/SVD>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace reglab {

namespace {
constexpr int kGrid = 64;
const double kNaN = std::numeric_limits<double>::quiet_NaN();

double angleBetween(const Eigen::Vector2d& a, const Eigen::Vector2d& b)
{
    // atan2 of |cross| and dot: exact for the tiny angles of late training (acos is not).
    return std::atan2(std::abs(a.x() * b.y() - a.y() * b.x()), a.dot(b));
}
} // namespace

MarginLab::MarginLab()
{
    declare(choiceParam("dataset", "Data set", "data", "Data", MarginSet::names(), "figure1", false,
                        "figure1: support vectors (0.5, 1.5), (1.5, 0.5) and their negatives, 12 points beyond the "
                        "margin, as in figure 1 of Soudry et al. 2018. off-axis: three far positive points pull the "
                        "early direction of gradient descent well away from the max-margin one."));
    declare(choiceParam("optimizer", "Optimizer", "opt", "Optimizer", {"gd", "sgd"}, "gd", true,
                        "gd: full-batch gradient descent on the mean logistic loss. sgd: one random point a step "
                        "(the same implicit bias, with noise: Nacson et al. 2019)."));
    declare(floatParam("step_factor", "Step size × σmax(X)", "step", "Optimizer", 0.01, 10, 1, true, true,
                       "The step size in units of 1/σmax(X), σmax the largest singular value of the data matrix "
                       "(Soudry et al. use 1). Larger steps reach the same direction sooner; beyond about 12 the "
                       "first steps overshoot."));
    declare(choiceParam("init", "Initial weights", "init", "Optimizer", {"zero", "random"}, "zero", false,
                        "zero, or standard normal weights from the seed: the limit direction is the same."));
    declare(intParam("rows_per_decade", "Rows per decade", "rows/decade", "Display", 5, 200, 20, true,
                     "Metric rows are logged at every step up to 10, then this many times per decade of steps "
                     "(log-spaced), so ten million steps give a few hundred rows."));
}

std::string MarginLab::description() const
{
    return "Logistic regression on separable data never converges: |w| grows like log t, while its direction "
           "turns toward the hard-margin SVM's. Gradient descent itself prefers the max-margin solution.";
}

std::vector<MetricSpec> MarginLab::metrics() const
{
    auto m = [](std::string id, std::string label, std::string chart, bool logValues) {
        MetricSpec s{std::move(id), std::move(label), "", std::move(chart), false};
        s.logSteps = true;
        s.logValues = logValues;
        return s;
    };
    std::vector<MetricSpec> out = {
        m("loss", "logistic loss (train)", "loss", true),
        m("angle_gap", "angle to the SVM direction", "gap", true),
        m("margin_gap", "max margin − margin of w/|w|", "gap", true),
        m("w_norm", "|w|", "norm", false),
        m("norm_per_log_t", "|w| / ln t", "rate", false),
        m("loss_times_t", "loss × t (tends to 1 / (2 × step size))", "loss_rate", false),
    };
    out[1].unit = "rad";
    MetricSpec limit = m("svm_norm", "|ŵ| (the SVM's, the limit of |w| / ln t)", "rate", false);
    limit.reference = true;
    out.push_back(limit);
    return out;
}

void MarginLab::onReset(uint64_t seed)
{
    m_data = MarginSet::named(choice("dataset"));
    const auto svm = HardMarginSvm::solve(m_data.x, m_data.y);
    if (!svm)
        throw std::invalid_argument("the data set is not separable by a line through the origin");
    m_svm = *svm;
    m_targets.resize(m_data.x.rows(), 1);
    for (Index i = 0; i < m_data.x.rows(); ++i)
        m_targets(i, 0) = (m_data.y[size_t(i)] + 1) / 2;
    m_sigmaMax = Eigen::JacobiSVD<MatD>(m_data.x).singularValues()(0);
    Rng root(seed);
    Rng init = root.split(1);
    m_rng = root.split(2);
    m_w.setZero();
    if (choice("init") == "random")
        m_w = Eigen::Vector2d(init.normal(), init.normal());
}

double MarginLab::lossAndGradient(const Eigen::Vector2d& w, Eigen::Vector2d* grad) const
{
    // The one binary cross-entropy on logits (targets (y + 1) / 2): the logistic loss.
    const MatD logits = m_data.x * w;
    MatD dlogits;
    const double loss = BinaryCrossEntropy<double>::loss(logits, m_targets, grad ? &dlogits : nullptr);
    if (grad)
        *grad = m_data.x.transpose() * dlogits;
    return loss;
}

bool MarginLab::logsAt(int64_t t) const
{
    if (t <= 10)
        return true;
    return startsLogSlice(t, num("rows_per_decade"));
}

double MarginLab::onStep(MetricRow* row, bool* logged)
{
    Eigen::Vector2d grad;
    double loss = 0;
    if (choice("optimizer") == "sgd") {
        const Index i = Index(m_rng.below(uint32_t(m_data.x.rows())));
        const MatD logit = m_data.x.row(i) * m_w;
        MatD dlogit;
        loss = BinaryCrossEntropy<double>::loss(logit, m_targets.row(i), &dlogit);
        grad = m_data.x.row(i).transpose() * dlogit(0, 0);
    } else {
        loss = lossAndGradient(m_w, &grad);
    }
    m_w -= stepSize() * grad;
    if (logsAt(stepCount())) {
        *row = measure();
        *logged = true;
    }
    return loss;
}

MetricRow MarginLab::measure() const
{
    const double loss = lossAndGradient(m_w, nullptr);
    const double norm = m_w.norm(), t = double(stepCount());
    double minMargin = std::numeric_limits<double>::infinity();
    for (Index i = 0; i < m_data.x.rows(); ++i)
        minMargin = std::min(minMargin, m_data.y[size_t(i)] * m_data.x.row(i).dot(m_w));
    const bool direction = norm > 0;
    MetricRow r;
    r.step = stepCount();
    r.values = {loss,
                direction ? angleBetween(m_w, m_svm.w) : kNaN,
                direction ? m_svm.margin - minMargin / norm : kNaN,
                norm,
                t >= 2 ? norm / std::log(t) : kNaN,
                loss * t,
                m_svm.w.norm()};
    return r;
}

LabViews MarginLab::views() const
{
    LabViews v;
    v.step = stepCount();
    // A square around the origin holding every point with a margin.
    const double half = 1.15 * m_data.x.cwiseAbs().maxCoeff();
    GridView g;
    g.id = "boundary";
    g.title = "GD line (solid), max-margin line (dashed)";
    g.width = g.height = kGrid;
    g.xMin = g.yMin = -half;
    g.xMax = g.yMax = half;
    g.numClasses = 2;
    for (int r = 0; r < kGrid; ++r)
        for (int c = 0; c < kGrid; ++c) {
            const double x = -half + (c + 0.5) * 2 * half / kGrid, y = half - (r + 0.5) * 2 * half / kGrid;
            const double p = 1.0 / (1.0 + std::exp(-(m_w.x() * x + m_w.y() * y)));
            g.cls.push_back(int16_t(p >= 0.5 ? 1 : 0));
            g.value.push_back(float(p >= 0.5 ? p : 1 - p));
        }
    const double angle = m_w.norm() > 0 ? angleBetween(m_w, m_svm.w) : kNaN;
    g.note = std::isfinite(angle) ? "GD's direction is " + std::to_string(angle * 180 / M_PI).substr(0, 6)
                                        + "° from the max-margin direction; |w| = " + std::to_string(m_w.norm()).substr(0, 6)
                                  : "w = 0: no direction yet";
    v.grids.push_back(std::move(g));

    PointSetView pts;
    pts.id = "train";
    pts.title = "data";
    for (Index i = 0; i < m_data.x.rows(); ++i) {
        pts.x.push_back(float(m_data.x(i, 0)));
        pts.y.push_back(float(m_data.x(i, 1)));
        pts.label.push_back(m_data.y[size_t(i)] > 0 ? 1 : 0);
    }
    v.points.push_back(std::move(pts));

    // Each separator's line through the origin, across the square (perpendicular to w).
    auto line = [&](const char* id, const Eigen::Vector2d& w, bool dashed) {
        MeshView m;
        m.id = id;
        m.rows = 1;
        m.cols = 2;
        m.dashed = dashed;
        const Eigen::Vector2d along = Eigen::Vector2d(-w.y(), w.x()).normalized() * half * 1.5;
        m.x = {float(-along.x()), float(along.x())};
        m.y = {float(-along.y()), float(along.y())};
        return m;
    };
    v.meshes.push_back(line("svm_line", m_svm.w, true));
    if (m_w.norm() > 0)
        v.meshes.push_back(line("gd_line", m_w, false));
    return v;
}

namespace {
struct MarginState : LabState {
    Eigen::Vector2d w;
    Rng rng;
    void archive(StateArchive& a) override
    {
        ColVec<double> v = w;
        a.io(v);
        w = v;
        a.io(rng);
    }
};
} // namespace

std::unique_ptr<LabState> MarginLab::onSaveState() const
{
    auto s = std::make_unique<MarginState>();
    s->w = m_w;
    s->rng = m_rng;
    return s;
}

void MarginLab::onRestoreState(const LabState& state)
{
    const auto* s = dynamic_cast<const MarginState*>(&state);
    if (!s)
        throw std::invalid_argument("this saved state belongs to another lab; reset instead");
    m_w = s->w;
    m_rng = s->rng;
}

} // namespace reglab
