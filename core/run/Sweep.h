#pragma once
// A sweep (issue 13): one lab trained over a list of values of one param, a few seeds per
// value, and the final metrics of every training. Behind `reglab sweep` and the window's
// Sweep dialog.
//
// Everything is checked by prepare() before anything trains (the param, every value, the
// base plan, the number of points). run() trains the points on std::threads, as many at
// once as numThreads() allows, each training with its share of the threads (ThreadShare),
// so the numbers are the same at any thread count (DESIGN section 6). Each finished point
// is reported through a callback, in the order they finish; points() keeps them in
// (value, seed) order.
//
// Seeds: the base plan's seed, seed + 1, ... for every value alike. A choice param sweeps
// names (a categorical x axis); a number param needs numbers.
//
// Curves (issue 14): an optional second param `by` with a few values makes one curve per
// value: every (curve, value, seed) is trained, with both params set. The frontier of a
// lesson (L16: lambda swept for penalty l2-anchor and ewc) is such a sweep.
#include "labs/Lab.h"
#include "run/RunPlan.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace reglab {

struct SweepPoint {
    size_t index = 0;      // in Sweep::points()
    size_t curveIndex = 0; // in Sweep::curves(); 0 without curves
    std::string curve;     // the `by` param's value ("" without curves)
    size_t valueIndex = 0;
    std::string value; // as the param writes it (ParamSpec::toText)
    double x = std::numeric_limits<double>::quiet_NaN(); // the number; NaN for a choice
    uint64_t seed = 0;
    bool done = false;     // trained to its end (or the lab stopped it, or it diverged)
    bool diverged = false;
    std::string failure;   // a training that could not start (the lab refused its params)
    int64_t stepsRun = 0;
    std::vector<double> finals; // the last row's values, in metrics() order (NaN: not measured)
};

class Sweep {
public:
    static constexpr size_t kMaxPoints = 1000;
    using LabMaker = std::function<std::unique_ptr<Lab>(const std::string& id)>;
    using PointCallback = std::function<void(const SweepPoint& point)>;

    // makeLab: how trainings get their labs (default createLab).
    explicit Sweep(LabMaker makeLab = {});

    // Checks the base plan (its twin is dropped: a sweep trains one run per point, and
    // scheduled changes of the swept param are dropped: the point's value holds), the param
    // (a number, on/off or choice param of the lab), every value, the seed count (>= 1) and
    // the number of points (<= kMaxPoints). `by` and `curves`, when given, make one curve per
    // value of a second param (checked alike). "" or one clear sentence; nothing is trained.
    std::string prepare(const RunPlan& base, const std::string& param, const std::vector<std::string>& values,
                        int seeds, const std::string& by = {}, const std::vector<std::string>& curves = {});

    // After a successful prepare(): trains every point not yet trained. onPoint is called
    // once per finished point, from the worker threads but never two at once. When *stop
    // turns true the trainings stop at their next step and run() returns (interrupted()).
    void run(const PointCallback& onPoint = {}, const std::atomic<bool>* stop = nullptr);
    bool interrupted() const { return m_interrupted; }

    const RunPlan& base() const { return m_base; }
    const std::string& param() const { return m_param; }
    const ParamSpec& spec() const { return m_spec; }
    // The values as the param writes them, in the order given.
    const std::vector<std::string>& values() const { return m_values; }
    int seeds() const { return m_seeds; }
    // The second param and its values, one curve each; "" and empty without curves.
    const std::string& by() const { return m_by; }
    const ParamSpec& bySpec() const { return m_bySpec; }
    const std::vector<std::string>& curves() const { return m_curves; }
    size_t curveCount() const { return m_curves.empty() ? 1 : m_curves.size(); }
    bool categorical() const { return m_spec.type == ParamType::Choice; }
    const std::vector<MetricSpec>& metrics() const { return m_metrics; }
    // -1 when the lab has no such metric.
    int metricIndex(const std::string& id) const;
    // A log x axis fits: a number param whose values are all > 0 and span 100x or more.
    bool suggestsLogX() const;
    // val_loss when the lab has it, else its first metric.
    std::string defaultMetric() const;
    // Every (curve, value, seed) point in order; done tells which were trained.
    const std::vector<SweepPoint>& points() const { return m_points; }
    // Per value of one curve: the median of the finite final values of `metric` over its
    // trained seeds (NaN when there are none).
    std::vector<double> medians(int metric, size_t curve = 0) const;

    // "1e-5,1e-3,0.1" or a range "LO:HI:N" (N evenly spaced values) or "LO:HI:Nlog" (N
    // log-spaced, LO and HI > 0). Values are trimmed; empty ones are refused. "" or one
    // clear sentence.
    static std::string parseValues(const std::string& text, std::vector<std::string>* out);
    // N log-spaced values from lo to hi as short texts ("1e-05", "0.0001", ...).
    static std::vector<std::string> logRange(double lo, double hi, int n);

private:
    void train(size_t index, const std::atomic<bool>* stop, int threads);

    LabMaker m_makeLab;
    RunPlan m_base;
    std::string m_param;
    ParamSpec m_spec;
    std::string m_by;
    ParamSpec m_bySpec;
    std::vector<std::string> m_curves;
    std::vector<std::string> m_values;
    int m_seeds = 1;
    std::vector<MetricSpec> m_metrics;
    std::vector<SweepPoint> m_points;
    bool m_prepared = false;
    bool m_interrupted = false;
};

} // namespace reglab
