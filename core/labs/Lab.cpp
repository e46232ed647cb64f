#include "Lab.h"
#include "MessageText.h"

#include <cmath>
#include <stdexcept>

namespace reglab {

void Lab::declare(ParamSpec spec)
{
    m_active.push_back(spec.defaultValue);
    m_requested.push_back(spec.defaultValue);
    m_specs.push_back(std::move(spec));
}

size_t Lab::indexOf(const std::string& id) const
{
    for (size_t i = 0; i < m_specs.size(); ++i)
        if (m_specs[i].id == id)
            return i;
    throw std::out_of_range("unknown parameter '" + shownValue(id) + "' of lab '" + this->id() + "'");
}

const ParamSpec* Lab::findParam(const std::string& id) const
{
    for (const auto& s : m_specs)
        if (s.id == id)
            return &s;
    return nullptr;
}

ParamValue Lab::value(const std::string& id) const { return m_requested[indexOf(id)]; }
double Lab::num(const std::string& id) const { return m_active[indexOf(id)].number; }
const std::string& Lab::choice(const std::string& id) const { return m_active[indexOf(id)].text; }

std::string Lab::set(const std::string& id, const ParamValue& v)
{
    const ParamSpec* spec = findParam(id);
    if (!spec)
        return "unknown parameter '" + shownValue(id) + "' for lab '" + this->id() + "' (see: reglab describe " + this->id() + ")";
    std::string err = spec->validate(v);
    if (err.empty())
        err = checkValue(id, v);
    if (!err.empty())
        return err;
    const size_t i = indexOf(id);
    m_requested[i] = v;
    if (spec->live) {
        m_pendingLive = true;
        // A finished lab steps no more, so its next boundary is now: apply at once (e.g.
        // switching early stopping off is what lets a finished run train on).
        if (finished())
            applyPending();
    } else
        m_needsReset = m_needsReset || m_requested[i] != m_active[i];
    return {};
}

std::string Lab::setText(const std::string& id, const std::string& text)
{
    const ParamSpec* spec = findParam(id);
    if (!spec)
        return "unknown parameter '" + shownValue(id) + "' for lab '" + this->id() + "' (see: reglab describe " + this->id() + ")";
    std::string err;
    const auto v = spec->parse(text, &err);
    if (!v)
        return err;
    return set(id, *v);
}

void Lab::reset(uint64_t seed)
{
    const std::vector<ParamValue> previous = m_active;
    m_active = m_requested;
    try {
        onReset(seed);
    } catch (...) {
        m_active = previous; // the lab keeps training what it had
        throw;
    }
    m_pendingLive = false;
    m_needsReset = false;
    m_events.clear();
    m_step = 0;
    m_seed = seed;
    m_initialRow = measure();
    m_initialRow.step = 0;
    onInitialRow(m_initialRow);
}

void Lab::applyPending()
{
    m_pendingLive = false;
    for (size_t i = 0; i < m_specs.size(); ++i) {
        const ParamSpec& s = m_specs[i];
        if (!s.live || m_requested[i] == m_active[i])
            continue;
        ParamEvent e;
        e.step = m_step;
        e.param = s.id;
        e.oldValue = s.toText(m_active[i]);
        e.newValue = s.toText(m_requested[i]);
        e.label = s.shortLabel + " " + s.format(m_active[i]) + " -> " + s.format(m_requested[i]);
        m_active[i] = m_requested[i];
        m_events.push_back(std::move(e));
        onLiveChange(s.id);
    }
}

std::unique_ptr<LabState> Lab::saveState() const
{
    auto s = onSaveState();
    s->step = m_step;
    s->active = m_active;
    return s;
}

void Lab::restoreState(const LabState& s)
{
    if (s.active.size() != m_specs.size())
        throw std::invalid_argument("this saved state belongs to another lab; reset instead");
    m_active = s.active;
    m_step = s.step;
    onRestoreState(s);
    while (!m_events.empty() && !eventSurvivesRollback(m_events.back(), s.step))
        m_events.pop_back();
    m_pendingLive = false;
    for (size_t i = 0; i < m_specs.size(); ++i)
        if (m_specs[i].live && m_requested[i] != m_active[i])
            m_pendingLive = true;
}

bool Lab::initialLossFinite() const
{
    const std::vector<MetricSpec> specs = metrics();
    for (size_t i = 0; i < specs.size() && i < m_initialRow.values.size(); ++i)
        if (specs[i].chart == "loss" && !std::isfinite(m_initialRow.values[i]))
            return false;
    return true;
}

std::string Lab::nonFiniteAtResetText() const
{
    return "the loss is already NaN or infinite at step 0, before any update (the data or the initial weights "
           "give no finite loss)";
}

StepResult Lab::step()
{
    if (m_pendingLive)
        applyPending();
    StepResult r;
    ++m_step;
    const double loss = onStep(&r.row, &r.logged);
    if (r.logged)
        r.row.step = m_step;
    if (!std::isfinite(loss)) {
        r.nonFinite = true;
        r.nonFiniteWhat = m_step == 1 && !initialLossFinite()
            ? nonFiniteAtResetText()
            : "training loss became " + std::string(std::isnan(loss) ? "NaN" : "infinite") + " at step "
                + std::to_string(m_step);
    }
    return r;
}

} // namespace reglab
