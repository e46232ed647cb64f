#pragma once
// session.json / .reglab files (DESIGN section 8): lab id, seed, every param value as
// lossless text (ParamSpec::toText), the event log and the steps run. Replaying it (the
// params, reset(seed), the events at their steps) gives the same run bit for bit.
//
//   { "format": "reglab-session", "version": 2, "lab": "classify", "seed": 1,
//     "steps": 5000, "params": { "l2": "0.001", ... },
//     "events": [ { "step": 2000, "param": "dropout", "old": "0", "new": "0.3",
//                   "label": "dropout 0 -> 0.3" } ],   (+ "by_lab": true: the lab's own switch)
//     "twin": { "params": { "dropout": "0.5" }, "at": [ { "step": 100, "param": "l2", "value": "0" } ] },
//     "lesson": "L2",
//     "files": [ { "param": "csv_file", "name": "my.csv", "text": "x1,x2,label\n..." } ],
//     "state": { "main": "<base64>", "twin": "<base64>", "metrics": "step,train_loss,...\n..." } }
//
// Version 2 added twin, lesson and files, version 3 the optional state (older files read
// as before). Drawn data is a param (drawn_points), so it travels with the params; a
// loaded CSV is embedded so the session opens on another machine. Without "state",
// opening replays the params and events from the seed, which gives the weights back bit
// for bit (the same seed gives the same numbers at any thread count). With it (asked for
// when saving: a long run replays slowly), the weights, optimizer and random streams of
// both runs (Lab::stateBytes) and the metric rows so far are stored, and opening puts
// them back at once: the same curves, and the same next steps.
#include "labs/ParamEvent.h"
#include "run/Json.h"
#include "run/LabFactory.h"
#include "run/RunPlan.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace reglab {

class Session {
public:
    static constexpr int kFormatVersion = 3;
    static constexpr std::uint64_t kMaxBytes = std::uint64_t(96) << 20; // a session file, files included
    static constexpr std::uint64_t kMaxFileBytes = std::uint64_t(32) << 20; // one embedded file

    struct EmbeddedFile {
        std::string param, name, text; // name: a plain file name, no folders
    };

    std::string lab;
    uint64_t seed = 1;
    int64_t steps = 0;
    // Param values at reset, as ParamSpec::toText, in the lab's declaration order.
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<ParamEvent> events;
    // The twin (DESIGN section 5): the params it sets differently, as text; empty: none.
    std::vector<std::pair<std::string, std::string>> twin;
    std::vector<ParamChange> twinAt; // the twin's own scheduled changes (a lesson's twin_at)
    std::string lesson; // the lesson this run plays, "" when none
    std::vector<EmbeddedFile> files;
    // The training state (version 3), "" when not saved: Lab::stateBytes() of each run at
    // `steps`, and the metric rows so far as metrics.csv text (main then twin_ columns).
    std::string stateMain, stateTwin, history;
    bool hasState() const { return !stateMain.empty(); }

    // The current requested values of every param of `lab` (before any run).
    static std::vector<std::pair<std::string, std::string>> paramTexts(const Lab& lab);

    Json toJson() const;
    // Atomic: writes a temp file next to `path`, then renames. "" or one clear sentence.
    std::string save(const std::string& path) const;

    // Validates against the lab the factory makes: refuses a newer format version, an
    // unknown lab, unknown params, values the params do not allow and malformed events.
    // Params missing from the file keep their defaults.
    static std::optional<Session> fromJson(const Json& j, const LabFactory& factory, std::string* error);
    static std::optional<Session> parse(const std::string& text, const LabFactory& factory, std::string* error);
    static std::optional<Session> load(const std::string& path, const LabFactory& factory, std::string* error);

    // The run that replays this session: params as --set, events as --at, the twin.
    RunPlan toPlan() const;

    // Reads the file of every non-empty path param of `lab` (its specs) into `files`.
    // "" or one clear sentence (a file that cannot be read or is too large).
    std::string embedFiles(const Lab& lab);
    // Each embedded file whose param's path is missing or holds other bytes is written to
    // `dir` (atomically, under its name) and the param points there. "" or one sentence.
    std::string restoreFiles(const std::string& dir);
};

} // namespace reglab
