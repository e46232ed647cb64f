#pragma once
// Plain values that cross from the training thread to the GUI thread (copied or shared,
// never pointing into the lab). One header, like hotspot's data.h.
#include "labs/Lab.h"

#include <QMetaType>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

// What the GUI knows about the lab the worker owns: enough to build the panels and charts.
struct LabDescription {
    std::string id, title, description;
    std::vector<reglab::ParamSpec> params;
    std::vector<reglab::ParamValue> values; // requested values, in params() order
    // What the user asked, the lab's own changes (continual's task switch) left out: what a
    // new run (a reset, a sweep, the next launch) starts from. In params() order.
    std::vector<reglab::ParamValue> asked;
    std::vector<reglab::MetricSpec> metrics;
    uint64_t seed = 1;
    int64_t step = 0;
    int64_t defaultSteps = 1000; // Lab::defaultSteps()
    reglab::MetricRow initialRow;
    std::vector<reglab::ParamEvent> events;

    // With a twin: twinLabel says what differs ("dropout 0.5"), twinMetrics are the twin's
    // own columns, which follow the main ones in `metrics` as twin_<id> with the label
    // "twin: <twinLabel>"; rows carry main values then twin values (NaN where a run did not
    // log). Lesson: the id of the lesson this run plays, if any.
    std::string twinLabel;
    size_t mainMetricCount = 0;
    std::string lessonId;
    bool hasTwin() const { return !twinLabel.empty(); }

    // Reads the lab (and its twin); call only from the thread that owns them.
    static LabDescription of(const reglab::Lab& lab, const reglab::Lab* twin = nullptr,
                             const std::string& twinLabel = {});

    const reglab::ParamSpec* findParam(const std::string& id) const;
    int paramIndex(const std::string& id) const; // -1 when unknown
};

// Everything the worker measured since its last batch (sent at most ~30 times a second).
struct MetricBatch {
    quint64 runId = 0;
    std::vector<reglab::MetricRow> rows;
    std::vector<reglab::ParamEvent> events;
    int64_t step = 0;            // the lab's step count when the batch was sent
    double stepsPerSecond = 0.0; // measured over the last ~0.5 s, 0 when paused
    bool playing = false;
    bool finished = false;       // the lab decided to stop (e.g. early stopping)
    int64_t bestStep = -1;       // when early stopping finished: the step whose weights it restored
    quint64 commandSeq = 0;      // the last play/pause command the worker had seen
    qint64 sentAtMs = 0;         // std::chrono::steady_clock at sending
    bool forced = false;         // sent at once (a command's answer), not on the batch timer
    std::string verdict;         // a lesson's claim, judged when its run ended (JSON), else ""
    // Main-run params set during this batch without the GUI asking (a lesson's schedule, the
    // lab's own switch): the GUI's copy follows, in force and asked, as the lab has them.
    struct ParamUpdate {
        std::string id;
        reglab::ParamValue value, asked;
    };
    std::vector<ParamUpdate> scheduled;
};

using MetricBatchPtr = std::shared_ptr<const MetricBatch>;

Q_DECLARE_METATYPE(LabDescription)
Q_DECLARE_METATYPE(reglab::ParamValue)
Q_DECLARE_METATYPE(MetricBatchPtr)
