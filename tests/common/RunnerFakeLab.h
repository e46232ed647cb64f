#pragma once
// The small fake lab of the run-code tests (tst_runner, tst_runner_long): numbers that are
// simple functions of the step and the params, so every test knows the exact values.
#include "labs/ExportableLab.h"
#include "labs/Lab.h"
#include "run/LabFactory.h"
#include "run/RunPlan.h"

#include <cmath>
#include <limits>
#include <memory>

namespace reglab::runtest {

// A lab whose numbers are simple functions of the step and the params, so every test
// knows the exact expected values.
//   loss(step) = loss(step - 1) * (1 - lr)   (starts at 1; NaN from step blowup_at on)
//   peak(step) = -(step - 10)^2              (higher is better: best at step 10)
//   lr         = the lr the step used        (shows when a live change took effect)
class FakeLab : public Lab, public ExportableLab {
public:
    FakeLab()
    {
        ParamSpec lr;
        lr.id = "lr";
        lr.shortLabel = "lr";
        lr.min = 0;
        lr.max = 1;
        lr.defaultValue = ParamValue::ofNumber(0.1);
        declare(lr);

        ParamSpec width;
        width.id = "width";
        width.type = ParamType::Int;
        width.min = 1;
        width.max = 10;
        width.defaultValue = ParamValue::ofNumber(3);
        width.live = false;
        declare(width);

        ParamSpec mode;
        mode.id = "mode";
        mode.type = ParamType::Choice;
        mode.choices = {"a", "b"};
        mode.defaultValue = ParamValue::ofChoice("a");
        mode.live = false;
        declare(mode);

        ParamSpec flag;
        flag.id = "flag";
        flag.type = ParamType::Bool;
        flag.defaultValue = ParamValue::ofNumber(0);
        declare(flag);

        for (const char* id : {"blowup_at", "finish_at", "nan_from_start"}) {
            ParamSpec s;
            s.id = id;
            s.type = ParamType::Int;
            s.min = 0;
            s.max = 100000;
            s.defaultValue = ParamValue::ofNumber(0); // 0: never
            s.live = false;
            declare(s);
        }
        ParamSpec every;
        every.id = "eval_every";
        every.type = ParamType::Int;
        every.min = 1;
        every.max = 100;
        every.defaultValue = ParamValue::ofNumber(1);
        every.live = false;
        declare(every);
    }

    std::string id() const override { return "fake"; }
    std::string title() const override { return "Fake"; }
    std::string description() const override { return "A lab for tests."; }
    std::vector<MetricSpec> metrics() const override
    {
        return {{"loss", "loss", "", "loss", false}, {"peak", "peak", "", "other", true}, {"lr", "lr", "", "lr", false}};
    }
    bool finished() const override { return m_finishAt > 0 && stepCount() >= m_finishAt; }
    LabViews views() const override { return {}; }
    struct State : LabState {
        double loss = 0, usedLr = 0;
    };
    std::unique_ptr<LabState> onSaveState() const override
    {
        auto s = std::make_unique<State>();
        s->loss = m_loss;
        s->usedLr = m_usedLr;
        return s;
    }
    void onRestoreState(const LabState& state) override
    {
        const auto& s = dynamic_cast<const State&>(state);
        m_loss = s.loss;
        m_usedLr = s.usedLr;
    }

    std::vector<NamedTensor> tensors() const override
    {
        NamedTensor w{"layer0.weight", MatF(2, 3), false};
        w.value << 1, 2, 3, 4, 5, 6;
        NamedTensor b{"layer0.bias", MatF(1, 3), true};
        b.value << 0.5f, -1.f, float(m_loss); // shows which state is exported
        return {w, b};
    }
    const DataSplit* data() const override { return &m_data; }
    int64_t earlyStopBestStep() const override { return m_finishAt > 0 ? m_finishAt - 1 : -1; }

protected:
    // A lab-specific refusal that ParamSpec cannot express (like an unreadable CSV path).
    std::string checkValue(const std::string& id, const ParamValue& v) override
    {
        return id == "lr" && v.number == 0.77 ? "the fake lab refuses lr 0.77" : std::string();
    }
    void onReset(uint64_t seed) override
    {
        m_loss = 1.0 + double(seed) * 1e-3; // the seed shows in the numbers
        m_usedLr = num("lr");
        m_blowupAt = int64_t(num("blowup_at"));
        m_finishAt = int64_t(num("finish_at"));
        if (num("nan_from_start") != 0)
            m_loss = std::numeric_limits<double>::quiet_NaN();
        m_every = int64_t(num("eval_every"));
        m_data.train.x = MatF(2, 2);
        m_data.train.x << 0.1f, 0.2f, 0.3f, 0.4f;
        m_data.train.y = {0, 1};
        m_data.train.numClasses = 2;
        m_data.val.x = MatF(1, 2);
        m_data.val.x << -1.5f, 2.f;
        m_data.val.y = {1};
        m_data.val.numClasses = 2;
    }
    void onLiveChange(const std::string&) override {}
    double onStep(MetricRow* row, bool* logged) override
    {
        m_usedLr = num("lr");
        m_loss *= 1.0 - m_usedLr;
        if (m_blowupAt > 0 && stepCount() >= m_blowupAt)
            m_loss = std::numeric_limits<double>::quiet_NaN();
        if (stepCount() % m_every == 0) {
            *row = measure();
            *logged = true;
        }
        return m_loss;
    }
    MetricRow measure() const override
    {
        const double d = double(stepCount() - 10);
        return {stepCount(), {m_loss, -d * d, m_usedLr}};
    }

private:
    double m_loss = 1, m_usedLr = 0;
    int64_t m_blowupAt = 0, m_finishAt = 0, m_every = 1;
    DataSplit m_data;
};

inline LabFactory fakeFactory()
{
    return [](const std::string& id) -> std::unique_ptr<Lab> {
        if (id == "fake")
            return std::make_unique<FakeLab>();
        return nullptr;
    };
}

inline RunPlan fakePlan(int64_t steps)
{
    RunPlan p;
    p.lab = "fake";
    p.steps = steps;
    p.seed = 7;
    return p;
}

} // namespace reglab::runtest
