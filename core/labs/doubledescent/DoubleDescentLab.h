#pragma once
// The `double-descent` lab (issue 13, L12): ReLU random-features regression of a noisy
// linear teacher (RandomFeatures), fitted in closed form. A step widens the model by one
// feature: step p is width p, so a run draws the test error against the width, and the
// step axis reads "width p". At logged widths (log-spaced, and p = n) every trial is
// fitted and the medians over trials are logged. Min-norm least squares peaks where the
// model starts to interpolate (p = n) and descends again beyond; ridge tuned by GCV
// removes the peak. The noise sigma can change live.
#include "Rng.h"
#include "labs/Lab.h"
#include "labs/doubledescent/RandomFeatures.h"

#include <vector>

namespace reglab {

class DoubleDescentLab : public Lab {
public:
    DoubleDescentLab();

    std::string id() const override { return "double-descent"; }
    std::string title() const override { return "Double descent"; }
    std::string description() const override;
    std::vector<MetricSpec> metrics() const override;
    LabViews views() const override { return {}; }
    // Width 20 n for the default n = 100: p / n from 0.01 to 20.
    int64_t defaultSteps() const override { return 2000; }
    bool finished() const override;
    std::string finishedMessage() const override;

    int maxWidth() const { return m_maxWidth; }
    bool logsAt(int64_t p) const;

protected:
    void onReset(uint64_t seed) override;
    void onLiveChange(const std::string& id) override;
    double onStep(MetricRow* row, bool* logged) override;
    MetricRow measure() const override;
    std::unique_ptr<LabState> onSaveState() const override;
    void onRestoreState(const LabState&) override { onLiveChange("noise"); }

private:
    std::vector<RandomFeatures> m_trials;
    int m_maxWidth = 1;
};

} // namespace reglab
