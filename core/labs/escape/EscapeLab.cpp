#include "labs/escape/EscapeLab.h"

#include "Parallel.h"
#include "labs/LogRows.h"
#include "labs/ParamBuilders.h"
#include "labs/escape/EscapeDesign.h"
#include "labs/escape/GroupLasso.h"
#include "labs/escape/Lasso.h"
#include "labs/escape/Ridge.h"
#include "metrics/Statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace reglab {

namespace {
constexpr int kTop = 10;
constexpr double kTolerance = 1e-7;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const char* const kFitLabels[EscapeLab::kFits] = {"least squares (min-norm)", "ridge (GCV)", "lasso",
                                                  "group lasso by site", "surface prior (ridge, GCV)"};

// The indices of the k largest values (ties: the lower index first).
std::vector<int> topIndices(const std::vector<double>& v, int k)
{
    std::vector<int> idx(v.size());
    std::iota(idx.begin(), idx.end(), 0);
    k = std::min<int>(k, int(v.size()));
    std::partial_sort(idx.begin(), idx.begin() + k, idx.end(), [&](int a, int b) {
        return v[size_t(a)] > v[size_t(b)] || (v[size_t(a)] == v[size_t(b)] && a < b);
    });
    idx.resize(size_t(k));
    return idx;
}

int fitIndex(const std::string& name)
{
    const auto& names = EscapeLab::fitNames();
    return int(std::find(names.begin(), names.end(), name) - names.begin());
}
} // namespace

const std::array<const char*, EscapeLab::kFits>& EscapeLab::fitNames()
{
    static const std::array<const char*, kFits> names = {"ols", "ridge", "lasso", "group", "prior"};
    return names;
}

EscapeLab::EscapeLab()
{
    declare(choiceParam("antibody", "Antibody", "antibody", "Data", escapeMapNames(), "REGN10987", false,
                        "Whose escape map: measured by deep mutational scanning (Starr et al. 2021), or a "
                        "synthetic map whose escape sits in surface patches, drawn from the seed."));
    declare(intParam("n_max", "Most training mutations", "n max", "Data", 20, 1000, 300, false,
                     "The run adds one training mutation a step up to this many; the rest are held out."));
    declare(intParam("trials", "Trials", "trials", "Measurement", 1, 50, 10, false,
                     "Independent random orders of the mutations; the charts show medians over them."));
    declare(floatParam("prior_ratio", "Buried penalty ÷ surface", "buried ×", "Regularization", 1, 1000, 10, true,
                       true,
                       "The structural prior's ridge penalty on buried sites (relative solvent accessibility "
                       "below 0.25) over the one on surface sites: antibodies touch the surface."));
    declare(floatParam("lasso_fraction", "Lasso λ ÷ λmax", "lasso λ", "Regularization", 0.01, 1, 0.1, true, true,
                       "The lasso's penalty as a fraction of the smallest λ that zeroes every coefficient."));
    declare(floatParam("group_fraction", "Group lasso λ ÷ λmax", "group λ", "Regularization", 0.01, 1, 0.1, true,
                       true, "The group lasso's penalty as a fraction of the smallest λ that zeroes every group."));
    std::vector<std::string> fits(fitNames().begin(), fitNames().end());
    declare(choiceParam("show", "Sites picture shows", "shows", "View", fits, "lasso", true,
                        "Which fit's per-site escape the picture draws against the measured one."));
    declare(intParam("rows_per_decade", "Sizes per decade", "rows/decade", "Measurement", 5, 100, 20, true,
                     "Fits are made at this many log-spaced training sizes a decade."));
}

std::string EscapeLab::description() const
{
    return "Predict which mutations of the coronavirus' receptor-binding domain escape an antibody from a "
           "few measured ones, with thousands of features: least squares, ridge, lasso, group lasso by "
           "site and a surface prior, side by side as the training set grows.";
}

std::vector<MetricSpec> EscapeLab::metrics() const
{
    std::vector<MetricSpec> out;
    for (int f = 0; f < kFits; ++f) {
        MetricSpec s{std::string("spearman_") + fitNames()[size_t(f)], std::string(kFitLabels[f]), "",
                     "held-out Spearman", true};
        s.logSteps = true;
        s.stepLabel = "training mutations n";
        out.push_back(s);
    }
    for (int f = 0; f < kFits; ++f) {
        MetricSpec s{std::string("recall_") + fitNames()[size_t(f)], std::string(kFitLabels[f]), "",
                     "top-10 site recall", true};
        s.logSteps = true;
        s.stepLabel = "training mutations n";
        out.push_back(s);
    }
    return out;
}

void EscapeLab::onReset(uint64_t seed)
{
    m_map = loadEscapeMap(choice("antibody"), seed);
    m_trueTotals = m_map.siteTotals();
    m_trueTop.assign(m_map.sites.size(), 0);
    for (int s : topIndices(m_trueTotals, kTop))
        m_trueTop[size_t(s)] = 1;
    Rng root(seed);
    m_trials.clear();
    for (int k = 0; k < int(num("trials")); ++k) {
        Rng rng = root.split(uint64_t(k) + 1);
        Trial t;
        t.order.resize(m_map.mutations.size());
        std::iota(t.order.begin(), t.order.end(), 0);
        for (size_t i = t.order.size(); i > 1; --i) // Fisher-Yates with our own Rng: the same on every platform
            std::swap(t.order[i - 1], t.order[rng.below(uint32_t(i))]);
        m_trials.push_back(std::move(t));
    }
    for (auto& p : m_profile)
        p.clear();
    m_profileN = 0;
}

void EscapeLab::onLiveChange(const std::string& id)
{
    if (id == "prior_ratio" || id == "lasso_fraction" || id == "group_fraction")
        refreshProfile();
}

bool EscapeLab::finished() const
{
    return stepCount() >= std::min<int64_t>(int64_t(num("n_max")), int64_t(m_map.mutations.size()) - 1);
}

std::string EscapeLab::finishedMessage() const
{
    return "Every fit has seen " + std::to_string(stepCount()) + " mutations. Raise 'Most training mutations' "
           "and reset to go further.";
}

bool EscapeLab::logsAt(int64_t n) const
{
    if (n < kFirstLogged)
        return false;
    if (n == kFirstLogged || n == int64_t(num("n_max")))
        return true;
    return startsLogSlice(n, num("rows_per_decade"));
}

EscapeLab::Profile EscapeLab::fitAll(const Trial& t, int n) const
{
    const EscapeDesign design(m_map);
    const Eigen::SparseMatrix<double> x = design.rows(t.order, n);
    Eigen::VectorXd y = design.targets(t.order, n);
    // Centred labels: the mean is the intercept, unpenalized.
    const double mu = y.mean();
    y.array() -= mu;
    Profile out;
    const Ridge plain(x, y, Eigen::VectorXd::Ones(design.columns()));
    out[0] = design.predict(plain.solve(0.0), mu);
    out[1] = design.predict(plain.solve(plain.gcvLambda()), mu);
    // Rankings need no more than 1e-7 relative precision; the caps only bound a pathological case.
    const double lasso = num("lasso_fraction") * Lasso::lambdaMax(x, y);
    out[2] = design.predict(Lasso::solve(x, y, lasso, {}, kTolerance, 20000).b, mu);
    const std::vector<int> groups = design.groups();
    const double group = num("group_fraction") * GroupLasso::lambdaMax(x, y, groups);
    out[3] = design.predict(GroupLasso::solve(x, y, groups, group, {}, kTolerance, 50000).b, mu);
    const Ridge prior(x, y, design.priorWeights(num("prior_ratio")));
    out[4] = design.predict(prior.solve(prior.gcvLambda()), mu);
    return out;
}

double EscapeLab::onStep(MetricRow* row, bool* logged)
{
    if (!logsAt(stepCount()))
        return 0.0;
    // The first trial's fits give the picture too: each fit is made once a step.
    *row = measureAll(&m_profile);
    m_profileN = fittedN();
    *logged = true;
    return 0.0;
}

int EscapeLab::fittedN() const { return int(std::min<int64_t>(stepCount(), int64_t(m_map.mutations.size()) - 1)); }

MetricRow EscapeLab::measure() const { return measureAll(nullptr); }

MetricRow EscapeLab::measureAll(Profile* firstTrial) const
{
    MetricRow r;
    r.step = stepCount();
    const int n = fittedN();
    if (n < kFirstLogged || m_trials.empty()) {
        r.values.assign(2 * kFits, kNaN);
        return r;
    }
    const size_t k = m_trials.size();
    std::vector<std::array<double, kFits>> rho(k), recall(k);
    // Trials in parallel, each into its own slot: the same numbers at any thread count.
    parallelFor(int64_t(k), 1, 1e6, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) {
            const Trial& t = m_trials[size_t(i)];
            const auto preds = fitAll(t, n);
            std::vector<double> truth;
            for (size_t j = size_t(n); j < t.order.size(); ++j)
                truth.push_back(m_map.mutations[size_t(t.order[j])].escape);
            for (int f = 0; f < kFits; ++f) {
                std::vector<double> held;
                for (size_t j = size_t(n); j < t.order.size(); ++j)
                    held.push_back(preds[size_t(f)][size_t(t.order[j])]);
                rho[size_t(i)][size_t(f)] = spearman(held, truth);
                std::vector<double> totals = m_map.siteTotals(preds[size_t(f)]);
                int found = 0;
                for (int s : topIndices(totals, kTop))
                    found += m_trueTop[size_t(s)];
                if (i == 0 && firstTrial)
                    (*firstTrial)[size_t(f)] = std::move(totals);
                recall[size_t(i)][size_t(f)] = double(found) / kTop;
            }
        }
    });
    // Columns: the Spearman of every fit, then the recall of every fit (metrics()).
    r.values.resize(2 * kFits);
    for (int f = 0; f < kFits; ++f) {
        std::vector<double> a, b;
        for (size_t i = 0; i < k; ++i) {
            a.push_back(rho[i][size_t(f)]);
            b.push_back(recall[i][size_t(f)]);
        }
        r.values[size_t(f)] = median(a);
        r.values[size_t(kFits + f)] = median(b);
    }
    return r;
}

void EscapeLab::refreshProfile()
{
    const int n = fittedN();
    if (n < kFirstLogged || m_trials.empty())
        return;
    const auto preds = fitAll(m_trials.front(), n);
    for (int f = 0; f < kFits; ++f)
        m_profile[size_t(f)] = m_map.siteTotals(preds[size_t(f)]);
    m_profileN = n;
}

LabViews EscapeLab::views() const
{
    LabViews v;
    v.step = stepCount();
    ProfileView p;
    p.id = "sites";
    const int f = std::min(fitIndex(choice("show")), kFits - 1);
    p.title = m_map.name + ": escape per site, " + fitNames()[size_t(f)];
    p.kindNames = {"buried", "surface"};
    p.valueLabel = kFitLabels[f];
    p.truthLabel = "measured";
    p.markLabel = "measured top 10";
    const std::vector<double>& fit = m_profile[size_t(f)];
    for (size_t s = 0; s < m_map.sites.size(); ++s) {
        p.position.push_back(m_map.sites[s].position);
        p.value.push_back(fit.empty() ? 0.0f : float(fit[s]));
        p.truth.push_back(float(m_trueTotals[s]));
        p.kind.push_back(m_map.sites[s].surface ? 1 : 0);
        p.marked.push_back(m_trueTop[s]);
    }
    if (fit.empty())
        p.note = "No fit yet: the fits start at n = " + std::to_string(kFirstLogged) + " training mutations.";
    else {
        int found = 0;
        for (int s : topIndices(fit, kTop))
            found += m_trueTop[size_t(s)];
        p.note = "Fitted on " + std::to_string(m_profileN) + " of " + std::to_string(m_map.mutations.size())
            + " mutations (first trial); a bar sums the site's measured mutations. Its top 10 sites hold "
            + std::to_string(found) + " of the measured 10.";
    }
    v.profiles.push_back(std::move(p));
    return v;
}

namespace {
// Every fit is made afresh from the step and the params: the base part is the whole state.
struct EscapeState : LabState {
    void archive(StateArchive&) override {}
};
} // namespace

std::unique_ptr<LabState> EscapeLab::onSaveState() const { return std::make_unique<EscapeState>(); }

} // namespace reglab
