#pragma once
// The one shape every experiment has (DESIGN section 3). The UI, the CLI, the session
// format and the tests treat all labs through this class and never know which lab it is.
//
// Threading: a Lab is not thread-safe. In the GUI the worker thread owns it; the GUI only
// sees copies (metric rows, views, events).
#include "labs/LabViews.h"
#include "labs/MetricSpec.h"
#include "labs/ParamEvent.h"
#include "labs/ParamSpec.h"
#include "StateArchive.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace reglab {

// Everything needed to put a lab back to an earlier step (NaN rollback). Each lab
// subclasses it for its own state; the base part is filled by Lab::saveState().
struct LabState {
    virtual ~LabState() = default;
    int64_t step = 0;
    std::vector<ParamValue> active; // parameter values in force at `step`
    // Writes or reads the lab's own part (not step and active), for session files. A lab
    // whose state cannot be saved keeps this default, which says so.
    virtual void archive(StateArchive& a);
};

struct StepResult {
    bool logged = false;       // a metric row was measured at this step (row is valid)
    MetricRow row;
    bool nonFinite = false;    // the loss became NaN or infinite: the run must stop here
    std::string nonFiniteWhat; // "train loss = nan at step 1234"
};

class Lab {
public:
    virtual ~Lab() = default;

    virtual std::string id() const = 0;
    virtual std::string title() const = 0;
    virtual std::string description() const = 0;

    const std::vector<ParamSpec>& params() const { return m_specs; }
    const ParamSpec* findParam(const std::string& id) const;
    // Current value (pending changes included: what the user last asked for).
    ParamValue value(const std::string& id) const;
    // What the user last asked for, the lab's own changes (an automatic task switch) left
    // out: what reset() starts from.
    const ParamValue& asked(const std::string& id) const;

    // Metric columns. May change after reset() (e.g. one weight norm per layer).
    virtual std::vector<MetricSpec> metrics() const = 0;

    // Asks for a change. Validated now; "" on success, else one clear sentence.
    // Live params apply at the next step boundary and are logged as a ParamEvent (at once
    // when the lab has finished(): it will not step again until they do);
    // the others wait for the next reset() (needsReset() tells).
    std::string set(const std::string& id, const ParamValue& v);
    std::string setText(const std::string& id, const std::string& text);
    bool needsReset() const { return m_needsReset; }

    // Rebuilds data, network and optimizer from the params the user asked for (the lab's own
    // changes, an automatic task switch, are undone: see asked()). Step goes to 0, the
    // event log is cleared, and the lab measures step 0 (see initialRow()).
    // Throws std::invalid_argument with one clear sentence when the params cannot make a
    // lab (e.g. dataset "csv" with no file chosen); the lab is then left as it was.
    void reset(uint64_t seed);
    uint64_t seed() const { return m_seed; }

    // One training update, after applying pending live changes.
    StepResult step();
    int64_t stepCount() const { return m_step; }
    // The row measured right after reset (step 0), so curves start at the untrained net.
    const MetricRow& initialRow() const { return m_initialRow; }
    // False when a loss metric (chart "loss") of the step-0 row is NaN or infinite: the data
    // or the initial weights give no finite loss, before any update.
    bool initialLossFinite() const;
    // What a run says when !initialLossFinite().
    std::string nonFiniteAtResetText() const;
    // True when the lab has decided to stop (e.g. early stopping fired).
    virtual bool finished() const { return false; }
    // When finished(): one or two sentences for the user on why, and how to go on.
    virtual std::string finishedMessage() const { return {}; }

    const std::vector<ParamEvent>& events() const { return m_events; }

    // Steps a run takes when none are asked for (`reglab run LAB`): enough for the lab's
    // story to unfold (a GAN needs thousands of generator steps, a toy classifier fewer).
    virtual int64_t defaultSteps() const { return 1000; }

    // Pictures besides line charts. Costly (a decision grid): call at a few Hz at most.
    virtual LabViews views() const = 0;

    std::unique_ptr<LabState> saveState() const;
    // Back to a saved step: events after it are forgotten, and values the user asked for
    // since then are applied again at the next step (and logged there).
    void restoreState(const LabState& state);

    // The training state (step, params in force, weights, optimizer, random streams) as
    // bytes, for a session file that continues where it stopped (StateArchive).
    std::string stateBytes() const;
    // Puts back stateBytes() of a run of this lab, into this lab freshly reset with the
    // params and seed that run started from, and its event log up to that step. Throws
    // std::invalid_argument with one sentence when the bytes do not fit (the lab is then
    // as it was).
    void restoreStateBytes(const std::string& bytes, const std::vector<ParamEvent>& events);

protected:
    void declare(ParamSpec spec);
    // A live change the lab asks for itself (an automatic task switch), applied and logged
    // at the next step boundary as set() does, its event flagged byLab. "" on success.
    std::string setByLab(const std::string& id, const ParamValue& v);
    double num(const std::string& id) const;          // active value of a number param
    const std::string& choice(const std::string& id) const; // active value of a choice param

    // Hooks for subclasses.
    virtual std::unique_ptr<LabState> onSaveState() const = 0;
    // Called after the base has put back the step and the parameter values. Check everything
    // before changing anything: on a throw the base puts back only the step and the values.
    virtual void onRestoreState(const LabState& state) = 0;
    // Lab-specific check of a value that already fits its spec (e.g. "is this CSV file
    // usable?"). "" when fine, else one clear sentence.
    virtual std::string checkValue(const std::string& /*id*/, const ParamValue& /*v*/) { return {}; }
    virtual void onReset(uint64_t seed) = 0;
    // The active value of a live param changed (called at a step boundary).
    virtual void onLiveChange(const std::string& id) = 0;
    // Does one update (m_step already counts it). Returns the training loss of the batch
    // (checked for NaN/Inf); fills *row and sets *logged when a metric row is due.
    virtual double onStep(MetricRow* row, bool* logged) = 0;
    // Measures a metric row now, in metrics() order (used after reset for step 0).
    virtual MetricRow measure() const = 0;
    // The step-0 row, measured right after onReset(), for labs that track bests.
    virtual void onInitialRow(const MetricRow& /*row*/) {}

private:
    size_t indexOf(const std::string& id) const; // throws std::out_of_range
    std::string request(const std::string& id, const ParamValue& v, bool byLab);
    void applyPending();

    std::vector<ParamSpec> m_specs;
    std::vector<ParamValue> m_active;   // what the model uses now
    std::vector<ParamValue> m_requested; // what the user asked for
    std::vector<bool> m_byLab;           // m_requested came from setByLab
    std::vector<ParamValue> m_asked;     // m_requested without the lab's own changes
    std::vector<ParamEvent> m_events;
    MetricRow m_initialRow;
    int64_t m_step = 0;
    uint64_t m_seed = 1;
    bool m_pendingLive = false;
    bool m_needsReset = false;
};

} // namespace reglab
