#pragma once
// A small stand-in lab for the UI tests: a few params of every type in four groups, a noisy
// decaying loss that reacts to lr and l2, a decision grid with two point sets, one weight
// histogram (with its percentiles) per layer, and two test switches: `nan_at_step` poisons the weights at that
// step (the loss is NaN from then on, until a rollback), `work_us` makes each step slow.
#include "Rng.h"
#include "labs/Lab.h"
#include "metrics/Histogram.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <new>
#include <stdexcept>
#include <thread>

namespace fake {

class FakeLab : public reglab::Lab {
public:
    FakeLab()
    {
        using reglab::ParamSpec;
        using reglab::ParamType;
        using reglab::ParamValue;
        auto num = [](const char* id, const char* label, const char* shortLabel, const char* group, ParamType type,
                      double lo, double hi, double def, bool live, bool logScale, const char* tip) {
            ParamSpec s;
            s.id = id;
            s.label = label;
            s.shortLabel = shortLabel;
            s.group = group;
            s.type = type;
            s.min = lo;
            s.max = hi;
            s.defaultValue = ParamValue::ofNumber(def);
            s.live = live;
            s.logScale = logScale;
            s.tooltip = tip;
            return s;
        };
        auto choice = [](const char* id, const char* label, const char* group, std::vector<std::string> choices,
                         bool live, const char* tip) {
            ParamSpec s;
            s.id = id;
            s.label = label;
            s.shortLabel = label;
            s.group = group;
            s.type = ParamType::Choice;
            s.choices = choices;
            s.defaultValue = ParamValue::ofChoice(choices.front());
            s.live = live;
            s.tooltip = tip;
            return s;
        };
        declare(choice("dataset", "Dataset", "Data", {"ring", "blobs", "digits"}, false,
                       "Which toy data set to learn. Changing it restarts training."));
        reglab::ParamSpec file;
        file.id = "notes_file";
        file.label = "Notes file";
        file.shortLabel = "notes";
        file.group = "Data";
        file.type = reglab::ParamType::Path;
        file.defaultValue = reglab::ParamValue::ofChoice("");
        file.live = true;
        file.tooltip = "A file path parameter (unused).";
        declare(file);
        declare(num("noise", "Label noise", "noise", "Data", ParamType::Float, 0, 0.5, 0.1, false, false,
                    "Fraction of flipped labels."));
        declare(num("hidden_layers", "Hidden layers", "layers", "Network", ParamType::Int, 1, 4, 2, false, false,
                    "Number of hidden layers."));
        declare(num("width", "Width", "width", "Network", ParamType::Int, 2, 128, 16, false, false,
                    "Units per hidden layer."));
        declare(choice("activation", "Activation", "Network", {"relu", "tanh"}, false, "Non-linearity."));
        declare(num("lr", "Learning rate", "lr", "Optimizer", ParamType::Float, 1e-4, 1, 0.05, true, true,
                    "Step size of the optimizer."));
        declare(num("batch_size", "Batch size", "batch", "Optimizer", ParamType::Int, 1, 512, 32, true, false,
                    "Samples per update."));
        declare(num("l2", "L2 (coupled)", "L2", "Regularization", ParamType::Float, 0, 0.1, 0, true, true,
                    "Adds l2 * |w|^2 to the loss; 0 is off."));
        declare(num("dropout", "Dropout", "dropout", "Regularization", ParamType::Float, 0, 0.9, 0, true, false,
                    "Probability of dropping a hidden unit."));
        declare(num("decay_biases", "Decay biases", "decay biases", "Regularization", ParamType::Bool, 0, 1, 0, true,
                    false, "Apply weight decay to biases too."));
        declare(num("eval_every", "Evaluate every", "eval", "Training", ParamType::Int, 1, 1000, 10, true, false,
                    "Steps between two metric rows."));
        declare(num("nan_at_step", "NaN at step", "nan", "Testing", ParamType::Int, 0, 1e9, 0, true, false,
                    "Poisons the weights at this step (0: never)."));
        declare(num("work_us", "Work per step (us)", "work", "Testing", ParamType::Int, 0, 1e6, 0, true, false,
                    "Sleeps this long in every step."));
        reset(1);
    }

    std::string id() const override { return "fake"; }
    std::string title() const override { return "Fake lab"; }
    std::string description() const override { return "A lab for UI tests."; }

    std::vector<reglab::MetricSpec> metrics() const override
    {
        std::vector<reglab::MetricSpec> m = {
            {"train_loss", "train loss", "", "loss", false},
            {"val_loss", "val loss", "", "loss", false},
            {"train_acc", "train accuracy", "", "accuracy", true},
            {"val_acc", "val accuracy", "", "accuracy", true},
            {"weight_norm", "weight norm", "", "weights", false},
        };
        for (size_t l = 0; l < m_layers.size(); ++l)
            m.push_back({"weight_norm_l" + std::to_string(l), "layer " + std::to_string(l + 1) + " norm", "", "weights",
                         false});
        m.push_back({"learning_rate", "learning rate", "", "lr", false});
        return m;
    }

    reglab::LabViews views() const override
    {
        reglab::LabViews v;
        v.step = stepCount();
        const bool digits = choice("dataset") == "digits";
        if (!digits) {
            reglab::GridView g;
            g.id = "boundary";
            g.title = "Decision boundary";
            g.width = g.height = 48;
            g.xMin = g.yMin = -1.5;
            g.xMax = g.yMax = 1.5;
            g.numClasses = 3;
            const double sharp = 1.0 + 3.0 * (1.0 - std::exp(-m_t / 20.0));
            for (int r = 0; r < g.height; ++r)
                for (int c = 0; c < g.width; ++c) {
                    const double x = g.xMin + (c + 0.5) * (g.xMax - g.xMin) / g.width;
                    const double y = g.yMax - (r + 0.5) * (g.yMax - g.yMin) / g.height;
                    const double a = std::atan2(y, x) + 3.14159265 + 0.3 * std::sqrt(x * x + y * y);
                    const int k = int(a / (2 * 3.14159265 / 3)) % 3;
                    const double frac = std::fmod(a, 2 * 3.14159265 / 3) / (2 * 3.14159265 / 3);
                    const double edge = std::min(frac, 1.0 - frac);
                    g.cls.push_back(int16_t(k));
                    g.value.push_back(float(1.0 / 3.0 + (2.0 / 3.0) * std::tanh(sharp * edge * 6.0)));
                }
            v.grids.push_back(std::move(g));
            reglab::Rng rng(seed() + 99);
            for (int set = 0; set < 2; ++set) {
                reglab::PointSetView p;
                p.id = set == 0 ? "train" : "val";
                p.title = set == 0 ? "train" : "val";
                const int n = set == 0 ? 150 : 60;
                for (int i = 0; i < n; ++i) {
                    const int k = int(rng.below(3));
                    const double ang = (k + 0.5) * 2 * 3.14159265 / 3 - 3.14159265 + 0.4 * rng.normal();
                    const double rad = 0.3 + 0.9 * rng.uniform();
                    p.x.push_back(float(rad * std::cos(ang)));
                    p.y.push_back(float(rad * std::sin(ang)));
                    p.label.push_back(k);
                }
                v.points.push_back(std::move(p));
            }
        }
        for (size_t l = 0; l < m_layers.size(); ++l) {
            reglab::HistogramView h;
            h.id = "weights_l" + std::to_string(l);
            h.title = "Layer " + std::to_string(l + 1) + " weights";
            h.lo = -1.0;
            h.hi = 1.0;
            h.counts.assign(30, 0.0);
            for (float w : m_layers[l]) {
                if (!std::isfinite(w))
                    continue;
                const int b = std::clamp(int((w - h.lo) / (h.hi - h.lo) * 30), 0, 29);
                h.counts[size_t(b)] += 1.0;
            }
            h.percentiles = reglab::weightPercentiles(m_layers[l].data(), long(m_layers[l].size()));
            v.histograms.push_back(std::move(h));
        }
        return v;
    }

    struct State : reglab::LabState {
        reglab::Rng rng;
        double t = 0;
        std::vector<std::vector<float>> layers;
    };

    std::unique_ptr<reglab::LabState> onSaveState() const override
    {
        auto s = std::make_unique<State>();
        s->rng = m_rng;
        s->t = m_t;
        s->layers = m_layers;
        return s;
    }

    void onRestoreState(const reglab::LabState& state) override
    {
        const auto& s = dynamic_cast<const State&>(state);
        m_rng = s.rng;
        m_t = s.t;
        m_layers = s.layers;
    }

    int liveChanges = 0;

protected:
    void onReset(uint64_t seed) override
    {
        if (choice("notes_file") == "unreadable.txt")
            throw std::invalid_argument("the notes file 'unreadable.txt' cannot be read");
        m_rng.reseed(seed);
        m_t = 0;
        m_layers.assign(size_t(num("hidden_layers")) + 1, {});
        for (auto& layer : m_layers)
            for (int i = 0; i < 400; ++i)
                layer.push_back(float(0.4 * m_rng.normal()));
    }

    void onLiveChange(const std::string&) override { ++liveChanges; }

    // Lab-specific checks, like a real lab that opens a file: a notes file must be .txt.
    std::string checkValue(const std::string& id, const reglab::ParamValue& v) override
    {
        if (id == "notes_file" && !v.text.empty() && v.text.size() > 4
            && v.text.compare(v.text.size() - 4, 4, ".txt") != 0)
            return "the notes file must be a .txt file";
        if (id == "notes_file" && v.text == "huge.txt") // as loading a file can run out of memory
            throw std::bad_alloc();
        return {};
    }

    double onStep(reglab::MetricRow* row, bool* logged) override
    {
        if (num("work_us") > 0)
            std::this_thread::sleep_for(std::chrono::microseconds(int64_t(num("work_us"))));
        const int64_t nanAt = int64_t(num("nan_at_step"));
        if (nanAt > 0 && stepCount() == nanAt)
            for (auto& layer : m_layers)
                layer[0] = std::nanf("");
        m_t += num("lr") * 10.0;
        const float shrink = float(1.0 - num("lr") * num("l2") * 10.0);
        for (auto& layer : m_layers)
            for (float& w : layer)
                w = w * shrink + float(0.002 * m_rng.normal());
        const double loss = currentLoss(0.05);
        if (stepCount() % int64_t(num("eval_every")) == 0) {
            *row = measure();
            *logged = true;
        }
        return loss;
    }

    reglab::MetricRow measure() const override
    {
        reglab::MetricRow r;
        const double train = currentLoss(0.08);
        const double gap = 0.3 * (1.0 - std::exp(-m_t / 40.0)) * (1.0 - std::min(1.0, num("l2") * 50.0));
        const double val = train + 0.05 + gap;
        double total = 0;
        std::vector<double> norms;
        for (const auto& layer : m_layers) {
            double s = 0;
            for (float w : layer)
                s += double(w) * w;
            norms.push_back(std::sqrt(s));
            total += s;
        }
        r.values = {train, val, 1.0 - 0.6 * std::exp(-m_t / 10.0), 0.95 - 0.6 * std::exp(-m_t / 10.0) - gap / 3,
                    std::sqrt(total)};
        for (double n : norms)
            r.values.push_back(n);
        r.values.push_back(num("lr"));
        return r;
    }

private:
    double currentLoss(double jitter) const
    {
        double norm = 0;
        for (const auto& layer : m_layers)
            norm += layer[0]; // NaN once poisoned
        const double noise = jitter > 0 ? jitter * std::abs(std::sin(double(stepCount()) * 12.9898)) : 0.0;
        return 0.02 + 1.1 * std::exp(-m_t / 15.0) + noise + 0.0 * norm;
    }

    reglab::Rng m_rng{1};
    double m_t = 0;
    std::vector<std::vector<float>> m_layers;
};

} // namespace fake
