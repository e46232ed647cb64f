#pragma once
// A run opened whole rather than built by hand: a lesson, or a saved session. Both give a
// lab (and maybe a twin) set up and reset, a schedule of changes for each, and what the
// worker does next: pause at a lesson's last step and judge its claim, or replay a
// session's steps at once so its curves and weights come back.
#include "lessons/Lesson.h"
#include "run/Session.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>

struct RunSetup {
    using Factory = std::function<std::unique_ptr<reglab::Lab>(const std::string& id)>;

    std::unique_ptr<reglab::Lab> lab, twin;
    reglab::RunPlan plan; // the twin's sets and own changes (twinSets, twinChanges)
    std::vector<reglab::ParamChange> schedule, twinSchedule; // sorted by step
    std::string lessonId;
    bool scripted = false; // the schedule is a lesson's script: a reset plays it again (ScriptStart)
    std::optional<reglab::Claim> claim;
    int64_t lastStep = -1;   // a lesson's end: both runs pause there; -1: none
    int64_t replaySteps = 0; // a session's steps, run at once when it opens
    // A session saved with its training state: both runs are already at its last step, and
    // these are its metric rows so far (main then twin_ columns), shown instead of a replay.
    std::vector<reglab::MetricRow> history;

    // Both throw std::invalid_argument with one sentence when the lab cannot be made.
    static RunSetup fromLesson(const reglab::Lesson& lesson, const Factory& factory);
    static RunSetup fromSession(const reglab::Session& session, const Factory& factory);
};
