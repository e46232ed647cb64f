#pragma once
// A lab whose final metrics x and y are read from a table by its params (a number `a`, a
// choice `c`): sweeps with chosen outcomes, for the frontier's verdict (tst_sweep). One
// step, no training.
#include "labs/Lab.h"

#include <array>
#include <cmath>
#include <map>
#include <string>
#include <utility>

namespace table {

// (c, a) -> (x, y); a missing entry is NaN (a diverged run).
using Table = std::map<std::pair<std::string, int>, std::pair<double, double>>;

class TableLab : public reglab::Lab {
public:
    explicit TableLab(const Table& t) : m_table(t)
    {
        reglab::ParamSpec a;
        a.id = "a";
        a.label = a.shortLabel = "a";
        a.type = reglab::ParamType::Int;
        a.min = 0;
        a.max = 10;
        a.defaultValue = reglab::ParamValue::ofNumber(1);
        declare(a);
        reglab::ParamSpec c;
        c.id = "c";
        c.label = c.shortLabel = "c";
        c.type = reglab::ParamType::Choice;
        c.choices = {"p", "q", "r"};
        c.defaultValue = reglab::ParamValue::ofChoice("p");
        declare(c);
    }
    std::string id() const override { return "table"; }
    std::string title() const override { return "Table"; }
    std::string description() const override { return "Metrics read from a table."; }
    std::vector<reglab::MetricSpec> metrics() const override
    {
        return {{"x", "x", "", "accuracy", true}, {"y", "y", "", "accuracy", true}};
    }
    reglab::LabViews views() const override { return {}; }

protected:
    std::unique_ptr<reglab::LabState> onSaveState() const override { return std::make_unique<reglab::LabState>(); }
    void onRestoreState(const reglab::LabState&) override {}
    void onReset(uint64_t) override {}
    void onLiveChange(const std::string&) override {}
    double onStep(reglab::MetricRow* row, bool* logged) override
    {
        *row = measure();
        *logged = true;
        return 0;
    }
    reglab::MetricRow measure() const override
    {
        const auto it = m_table.find({choice("c"), int(num("a"))});
        reglab::MetricRow r;
        r.values = it == m_table.end() ? std::vector<double>{NAN, NAN}
                                       : std::vector<double>{it->second.first, it->second.second};
        return r;
    }

private:
    Table m_table;
};

} // namespace table
