#include "Lab.h"
#include "MessageText.h"

#include <cmath>
#include <stdexcept>

namespace reglab {

void Lab::declare(ParamSpec spec)
{
    m_active.push_back(spec.defaultValue);
    m_requested.push_back(spec.defaultValue);
    m_asked.push_back(spec.defaultValue);
    m_byLab.push_back(false);
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

std::string Lab::set(const std::string& id, const ParamValue& v) { return request(id, v, false); }

std::string Lab::request(const std::string& id, const ParamValue& v, bool byLab)
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
    m_byLab[i] = byLab;
    if (!byLab)
        m_asked[i] = v;
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

std::string Lab::setByLab(const std::string& id, const ParamValue& v) { return request(id, v, true); }

const ParamValue& Lab::asked(const std::string& id) const { return m_asked[indexOf(id)]; }

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
    const std::vector<ParamValue> previous = m_active, requested = m_requested;
    // The story starts over from what the user asked for: the lab's own changes (an
    // automatic task switch) are its run's, not the next one's.
    m_requested = m_asked;
    m_active = m_requested;
    try {
        onReset(seed);
    } catch (...) {
        m_active = previous; // the lab keeps training what it had
        m_requested = requested;
        throw;
    }
    std::fill(m_byLab.begin(), m_byLab.end(), false);
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
        e.byLab = m_byLab[i];
        m_byLab[i] = false;
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
    const std::vector<ParamValue> active = m_active;
    const int64_t step = m_step;
    m_active = s.active;
    m_step = s.step;
    try {
        onRestoreState(s);
    } catch (...) {
        m_active = active; // a refused state leaves the lab as it was
        m_step = step;
        throw;
    }
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

namespace reglab {

void LabState::archive(StateArchive&)
{
    throw std::invalid_argument("this lab cannot save its training state; save the session without it");
}

namespace {
constexpr uint64_t kStateMagic = 0x31534c4741524c52ull; // "RLRAGLS1": a RegLab lab state, layout 1
}

std::string Lab::stateBytes() const
{
    std::unique_ptr<LabState> s = saveState();
    StateArchive a;
    uint64_t magic = kStateMagic;
    a.io(magic);
    std::string lab = id();
    a.io(lab);
    a.io(s->step);
    // Params in force as text, by id: a reader checks each against its spec.
    uint64_t n = m_specs.size();
    a.io(n);
    for (size_t i = 0; i < m_specs.size(); ++i) {
        std::string k = m_specs[i].id, v = m_specs[i].toText(s->active[i]);
        a.io(k);
        a.io(v);
    }
    s->archive(a);
    return a.bytes();
}

void Lab::restoreStateBytes(const std::string& bytes, const std::vector<ParamEvent>& events)
{
    StateArchive a(bytes);
    uint64_t magic = 0;
    a.io(magic);
    if (magic != kStateMagic)
        throw std::invalid_argument("the saved training state is not one RegLab can read");
    std::string lab;
    a.io(lab);
    if (lab != id())
        throw std::invalid_argument("the saved training state belongs to the lab '" + shownValue(lab) + "'");
    std::unique_ptr<LabState> s = onSaveState(); // the fresh state of this run: shapes to read into
    a.io(s->step);
    if (s->step < 0)
        throw std::invalid_argument("the saved training state has a negative step");
    uint64_t n = 0;
    a.io(n);
    if (n != m_specs.size())
        throw std::invalid_argument("the saved training state has other params than this lab");
    s->active.resize(m_specs.size());
    for (size_t i = 0; i < m_specs.size(); ++i) {
        std::string k, v, err;
        a.io(k);
        a.io(v);
        if (k != m_specs[i].id)
            throw std::invalid_argument("the saved training state has other params than this lab");
        const auto value = m_specs[i].parse(v, &err);
        if (!value || !(err = m_specs[i].validate(*value)).empty())
            throw std::invalid_argument("the saved training state holds a bad value of " + k + ": " + err);
        if (!m_specs[i].live && *value != m_active[i])
            throw std::invalid_argument("the saved training state was trained with " + k + " = " + v
                                        + ", this run has " + m_specs[i].toText(m_active[i]));
        s->active[i] = *value;
    }
    s->archive(a);
    a.finish();
    const std::unique_ptr<LabState> before = saveState();
    try {
        restoreState(*s);
    } catch (...) {
        restoreState(*before);
        throw;
    }
    m_requested = m_active; // what was in force is what the user asked for
    m_pendingLive = false;
    m_events.clear();
    for (const ParamEvent& e : events)
        if (e.step <= m_step) {
            m_events.push_back(e);
            // What the user asked for: the start's values and their changes, not the lab's.
            const ParamSpec* spec = e.byLab ? nullptr : findParam(e.param);
            std::string err;
            if (const auto v = spec ? spec->parse(e.newValue, &err) : std::nullopt)
                m_asked[indexOf(e.param)] = *v;
        }
}

} // namespace reglab
