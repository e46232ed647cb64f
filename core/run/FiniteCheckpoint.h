#pragma once
// The last state of a lab whose loss was finite (DESIGN section 9), for the NaN rollback of
// the window and for what `reglab run` exports after a divergence. A candidate is saved
// before a step when one is due; it becomes the checkpoint only if that step's loss
// (computed from exactly that state) is finite.
#include "labs/Lab.h"

#include <cstdint>
#include <memory>

namespace reglab {

class FiniteCheckpoint {
public:
    static constexpr int64_t kDefaultEverySteps = 1000;

    explicit FiniteCheckpoint(int64_t everySteps = kDefaultEverySteps) : m_every(everySteps) {}

    // The state right after reset (or rollback) is always a safe place to return to.
    void reset(const Lab& lab) { m_checkpoint = lab.saveState(); m_candidate.reset(); }
    // Before a step: saves a candidate when `everySteps` steps passed since the checkpoint
    // or when the caller says one is due anyway (e.g. by time). Returns true when it saved.
    bool beforeStep(const Lab& lab, bool dueAnyway = false);
    // After the step: a finite loss promotes the candidate (returns true when it did).
    bool afterStep(bool finite);
    void clear() { m_checkpoint.reset(); m_candidate.reset(); }

    const LabState* last() const { return m_checkpoint.get(); }
    int64_t lastStep() const { return m_checkpoint ? m_checkpoint->step : -1; }

private:
    int64_t m_every;
    std::unique_ptr<LabState> m_checkpoint, m_candidate;
};

} // namespace reglab
