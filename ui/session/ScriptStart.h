#pragma once
// A lesson's scheduled changes are its script, not the user's choices: a reset plays the
// lesson again from the lesson's own values. (L15's learning rates drop at step 3000; a
// reset after it must not train at the dropped rates from step 0.) A value the user set
// since is theirs, and is kept.
#include "labs/Lab.h"
#include "run/RunPlan.h"

#include <string>
#include <utility>
#include <vector>

class ScriptStart {
public:
    // Remembers the lab's values of the params the schedule changes, before it runs; with
    // no lab (a run that is not a lesson), nothing.
    void capture(const reglab::Lab* lab, const std::vector<reglab::ParamChange>& schedule);
    void clear() { m_values.clear(); }
    // The user set this param: from now on a reset starts from their value.
    void userSet(const std::string& id);
    // Sets the remembered values back as asked, before Lab::reset.
    void restore(reglab::Lab& lab) const;

private:
    std::vector<std::pair<std::string, reglab::ParamValue>> m_values;
};
