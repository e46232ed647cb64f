#include "session/RunSetup.h"

#include "run/MetricHistory.h"
#include "run/TwinColumns.h"

#include <algorithm>
#include <stdexcept>

namespace {

std::unique_ptr<reglab::Lab> makeLab(const RunSetup::Factory& factory, const std::string& id, uint64_t seed,
                                     const std::vector<std::vector<std::pair<std::string, std::string>>>& lists)
{
    std::unique_ptr<reglab::Lab> lab = factory ? factory(id) : nullptr;
    if (!lab)
        throw std::invalid_argument("there is no lab called '" + id + "'");
    for (const auto& list : lists)
        for (const auto& [k, v] : list)
            if (std::string e = lab->setText(k, v); !e.empty())
                throw std::invalid_argument(e);
    lab->reset(seed);
    return lab;
}

void fill(RunSetup* s, const reglab::RunPlan& plan, const RunSetup::Factory& factory)
{
    s->lab = makeLab(factory, plan.lab, plan.seed, {plan.sets});
    if (plan.hasTwin())
        s->twin = makeLab(factory, plan.lab, plan.seed, {plan.sets, plan.twinSets});
    s->plan = plan;
    s->schedule = plan.changes;
    s->twinSchedule = plan.hasTwin() ? plan.twinPlan().changes : std::vector<reglab::ParamChange>{};
    for (auto* list : {&s->schedule, &s->twinSchedule})
        std::stable_sort(list->begin(), list->end(), [](const auto& a, const auto& b) { return a.step < b.step; });
}

} // namespace

RunSetup RunSetup::fromLesson(const reglab::Lesson& lesson, const Factory& factory)
{
    RunSetup s;
    fill(&s, lesson.plan(), factory);
    s.lessonId = lesson.id;
    s.scripted = true;
    s.lastStep = lesson.steps;
    if (!lesson.claim.checks.empty()) // a plain run with a twin (shots) has no claim
        s.claim = lesson.claim;
    return s;
}

RunSetup RunSetup::fromSession(const reglab::Session& session, const Factory& factory)
{
    RunSetup s;
    fill(&s, session.toPlan(), factory);
    s.lessonId = session.lesson;
    if (!session.hasState()) {
        s.replaySteps = session.steps;
        return s;
    }
    s.lab->restoreStateBytes(session.stateMain, session.events);
    if (s.twin) {
        // What the user asked of the twin: the shared changes it followed, and its own
        // schedule (what its reset starts from, as the main run's).
        std::vector<reglab::ParamEvent> asked;
        for (const reglab::ParamEvent& e : session.events)
            if (!e.byLab && !s.plan.twinOwns(e.param))
                asked.push_back(e);
        for (const reglab::ParamChange& c : session.twinAt) {
            reglab::ParamEvent e;
            e.step = c.step;
            e.param = c.param;
            e.newValue = c.value;
            asked.push_back(e);
        }
        std::stable_sort(asked.begin(), asked.end(),
                         [](const reglab::ParamEvent& a, const reglab::ParamEvent& b) { return a.step < b.step; });
        s.twin->restoreStateBytes(session.stateTwin, asked);
    }
    // The twin may be behind (it stopped on a NaN) or ahead (the main run stopped early).
    if (s.lab->stepCount() != session.steps)
        throw std::invalid_argument("the saved training state is at step " + std::to_string(s.lab->stepCount())
                                    + ", the session at step " + std::to_string(session.steps));
    const std::vector<reglab::MetricSpec> columns = s.twin
        ? reglab::twinColumns(s.lab->metrics(), s.twin->metrics(), s.plan.twinLabel())
        : s.lab->metrics();
    std::string err;
    const int64_t last = std::max(session.steps, s.twin ? s.twin->stepCount() : int64_t(0));
    auto rows = reglab::parseMetricHistory(session.history, columns, last, &err);
    if (!rows)
        throw std::invalid_argument(err);
    s.history = std::move(*rows);
    return s;
}
