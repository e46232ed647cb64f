#pragma once
#include <string>
#include <vector>

namespace reglab {

// One measured quantity of a lab. `chart` groups metrics that share a chart in the UI and
// a chart file in `reglab run` output.
struct MetricSpec {
    std::string id;     // CSV column and JSON key ("val_loss")
    std::string label;  // legend text ("val loss")
    std::string unit;   // "", "%", ...
    std::string chart;  // "loss", "accuracy", "weights", "lr"
    bool higherIsBetter = false; // decides what "best" means in summary.json
    // A reference level (a ceiling, a target), not a measured quantity: charts draw it as a
    // thin dashed line without a twin copy.
    bool reference = false;
    // How its chart starts (the user can switch): a log step axis, for runs whose story is
    // in the decades (implicit bias: 10 to 10^7 steps); a log value axis.
    bool logSteps = false;
    bool logValues = false;
    // The step axis' title when a step is not a training step ("width p" when each step
    // widens a model); "" means "step".
    std::string stepLabel{};
};

// The metric values logged at one step, in the order of Lab::metrics().
struct MetricRow {
    int64_t step = 0;
    std::vector<double> values;
};

} // namespace reglab
