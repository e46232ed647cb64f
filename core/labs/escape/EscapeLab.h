#pragma once
// The `escape` lab (issue 13, L18): predicting how much each mutation of the SARS-CoV-2
// receptor-binding domain lets the virus escape an antibody, from n measured mutations when
// there are thousands of features (n << d). A step adds one training mutation: step n
// fits on n mutations (a random order per trial) and tests on all the others. At logged n
// five fits run on every trial and the medians are logged: least squares of least norm,
// ridge (lambda by GCV), lasso, group lasso by site, and a structural prior (ridge whose
// penalty is larger on buried sites). Metrics: held-out Spearman correlation, and the
// recall of the 10 sites that escape most. The view draws one fit's per-site escape along
// the sequence against the measured one.
#include "data/EscapeMaps.h"
#include "labs/Lab.h"

#include <array>
#include <vector>

namespace reglab {

class EscapeLab : public Lab {
public:
    static constexpr int kFits = 5;
    static const std::array<const char*, kFits>& fitNames(); // "ols", "ridge", "lasso", "group", "prior"
    static constexpr int kFirstLogged = 10; // fewer mutations say nothing

    EscapeLab();

    std::string id() const override { return "escape"; }
    std::string title() const override { return "Viral escape (n << d)"; }
    std::string description() const override;
    std::vector<MetricSpec> metrics() const override;
    LabViews views() const override;
    int64_t defaultSteps() const override { return 300; }
    bool finished() const override;
    std::string finishedMessage() const override;

    bool logsAt(int64_t n) const;
    const EscapeMap& map() const { return m_map; }

protected:
    void onReset(uint64_t seed) override;
    void onLiveChange(const std::string& id) override;
    double onStep(MetricRow* row, bool* logged) override;
    MetricRow measure() const override;
    std::unique_ptr<LabState> onSaveState() const override;
    void onRestoreState(const LabState&) override { refreshProfile(); }

private:
    struct Trial {
        std::vector<int> order; // a random order of the map's mutations: the first n train
    };
    using Profile = std::array<std::vector<double>, kFits>; // per fit, a value per site or mutation
    // Every fit's predictions for all mutations, trained on trial t's first n.
    Profile fitAll(const Trial& t, int n) const;
    // The training size the fits use now (the step, below the number of mutations).
    int fittedN() const;
    // The row of measure(); with firstTrial, also the first trial's per-site totals of each fit.
    MetricRow measureAll(Profile* firstTrial) const;
    // The picture's fits again, after a live change or a restore.
    void refreshProfile();

    EscapeMap m_map;
    std::vector<double> m_trueTotals;
    std::vector<uint8_t> m_trueTop;
    std::vector<Trial> m_trials;
    // The first trial's per-site totals of each fit at the last logged n, for the view.
    Profile m_profile;
    int64_t m_profileN = 0;
};

} // namespace reglab
