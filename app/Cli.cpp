#include "Cli.h"
#include "CliShared.h"
#include "SweepCommand.h"
#include "MessageText.h"

#include "Parallel.h"
#include "WindowShot.h"
#include "export/ChartImages.h"
#include "labs/LabRegistry.h"
#include "lessons/LessonLibrary.h"
#include "session/SessionFiles.h"
#include "run/AtomicFile.h"
#include "run/Json.h"
#include "run/LabJson.h"
#include "run/OutputDir.h"
#include "run/RunWriter.h"
#include "run/Runner.h"
#include "run/Session.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <exception>
#include <cctype>
#include <cmath>
#include <clocale>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <system_error>
#include <unistd.h>

namespace reglab::cli {

namespace {

const char* const kHelp = R"(Usage:
  reglab                                  open the GUI
  reglab FILE.reglab                      open a saved session in the GUI
  reglab list                             labs and lessons
  reglab describe LAB|LESSON              params and metrics, or the lesson, as JSON
  reglab run LAB|LESSON [--set k=v]... [--at STEP:k=v]... [--steps N] [--seed S]
             [--twin k=v]... [--twin-at STEP:k=v]... [--threads T]
             [--out DIR] [--format png,svg,pdf] [--keep-state]
  reglab shot LAB|LESSON [same options as run] [--out FILE.png]
  reglab sweep LAB|LESSON --param k --values v1,v2,... [--seeds N] [--metric m]
             [--by k=v1,v2,...] [--x m] [--set k=v]... [--steps N] [--seed S]
             [--threads T] [--log-x] [--log-y] [--out DIR] [--format png,svg,pdf]
  reglab sweep LESSON --frontier [--seeds N] [--seed S] [same options as sweep]

A lesson (L1, L2, ...) is a preset run with a claim; run prints whether the
claim held and summary.json says so with the numbers compared. Options given
with a lesson change its preset. In place of LAB|LESSON, run and shot take a
session saved by the GUI (FILE.reglab) or a run's session.json: it is replayed
to its last step (or, saved with its training state, put back there at once)
and --steps N continues it N steps further.

Options:
  --set k=v        set a parameter before training (see: reglab describe LAB)
  --at STEP:k=v    change a live parameter at the boundary after step STEP
                   (0 <= STEP < N), i.e. before step STEP + 1
  --steps N        training steps (default: the lab's, 1000 for classify,
                   6000 for gan; a lesson's own); 0 measures and writes the
                   untrained model (step-0 metrics and weights)
  --seed S         random seed, a whole number in [0, 2^53] (default 1)
  --twin k=v       train a twin beside the run: the same data, initial weights
                   and seed, with k set to v; metrics.csv gets twin_<id> columns
  --twin-at STEP:k=v  a change of the twin's own (--at changes go to both runs
                   unless the twin sets that parameter itself)
  --threads T      worker threads; results are identical at any count
  --out DIR        run: write metrics.csv, summary.json, session.json, chart
                   images, model/*.npy and data/*.csv into DIR. DIR must not
                   exist or be an empty folder; missing parents are created.
                   Everything is written to a temp folder next to DIR and
                   renamed at the end, so a failed run leaves nothing behind.
                   shot: the PNG file (default LAB.png)
  --format LIST    chart image formats for run --out: png, svg, pdf (default png)
  --param k        sweep: the parameter to sweep (a number, on/off or choice)
  --values LIST    sweep: its values, v1,v2,... or LO:HI:N (evenly spaced) or
                   LO:HI:Nlog (log-spaced), e.g. 1e-5:1:11log
  --seeds N        sweep: trainings per value, seeds S, S+1, ... (default 1);
                   the chart draws each one faint and their median bold
  --metric m       sweep: the final metric to chart (default val_loss, else
                   the lab's first)
  --by k=v1,v2,... sweep: one curve per value of a second parameter (every
                   value of --param is trained for each)
  --x m            sweep: chart --metric against this final metric instead of
                   against the parameter (a trade-off frontier; each curve's
                   median points joined in the order swept, labelled)
  --frontier       sweep: the lesson's frontier (L16: lambda for the L2
                   anchor and for EWC, accuracy on A against accuracy on B)
                   and its claim; --out adds frontier.json with the verdict
  --log-x, --log-y sweep: log axes (default: log x when all values are > 0
                   and span 100x or more)
                   sweep --out DIR writes sweep.csv (one row per value and
                   seed: the curve's value, the value, the seed, every final
                   metric) and sweep.png; without --out it prints the table
  --keep-state     run --out: session.json also keeps the weights, optimizer
                   state and metric history, so running it goes on at once
  -h, --help       this help
  --version        the version

Exit codes: 0 done, 1 writing the results failed, 2 bad input (nothing is
written), 3 training diverged (the results up to that step are written),
130 interrupted (nothing is written).
)";

std::string rowText(const std::vector<MetricSpec>& metrics, const MetricRow& row)
{
    std::string s = "step " + std::to_string(row.step);
    for (size_t i = 0; i < metrics.size() && i < row.values.size(); ++i)
        s += "  " + metrics[i].id + " " + shortNumber(row.values[i]);
    return s;
}

void printSummary(const Summary& summary, const std::vector<ParamEvent>& events)
{
    for (const MetricSummary& m : summary.metrics)
        if (m.bestStep >= 0)
            std::printf("  %-16s final %-10s best %-10s at step %lld\n", m.id.c_str(), shortNumber(m.final).c_str(),
                        shortNumber(m.best).c_str(), (long long)m.bestStep);
    for (const ParamEvent& e : events)
        std::printf("  event at step %lld: %s\n", (long long)e.step, e.label.c_str());
}

// The claim's verdict, with the numbers compared (those of metrics.csv).
void printVerdict(const ClaimTracker& claim)
{
    const Json v = claim.verdict();
    std::printf("claim %s: %s\n", v.find("holds")->toBool() ? "HOLDS" : "DOES NOT HOLD", claim.claim().text.c_str());
    for (const Json& c : v.find("checks")->items()) {
        const std::string against = c.find("against")->toString();
        std::printf("  [%s] %s: %s %s %s\n", c.find("holds")->toBool() ? "yes" : "no ", against.c_str(),
                    shortNumber(c.find("value")->toNumber(NAN)).c_str(), c.find("op")->toString().c_str(),
                    shortNumber(c.find("other")->toNumber(NAN)).c_str());
    }
}

// Everything `run` and `shot` share, checked before any training.
struct Request {
    const Lesson* lesson = nullptr; // when the target is a lesson
    RunPlan plan;
    int threads = 0; // 0: keep the default
    std::string out;
    QStringList formats;
};

// Parses the options of run/shot into a Request and a prepared Runner. Returns an exit
// code (Ok to go on); on error the one-line message is already printed.
int prepareRun(const QCommandLineParser& p, const std::string& target, bool isShot, Request* req,
               std::unique_ptr<Runner>* runner)
{
    // A lesson is its lab with a preset plan; the options below change that preset. A
    // session (FILE.reglab) is replayed to its last step and continued --steps more.
    req->lesson = LessonLibrary::instance().find(target);
    RunPlan& plan = req->plan;
    std::optional<Session> session;
    if (isSessionPath(target)) {
        std::string err;
        session = Session::load(target, createLab, &err);
        if (!session)
            return fail(BadInput, err);
        if (err = session->restoreFiles(SessionFiles::dataDir().toStdString()); !err.empty())
            return fail(BadInput, err);
        plan = session->toPlan();
    } else if (req->lesson) {
        plan = req->lesson->plan();
    } else {
        plan.lab = target;
    }
    std::unique_ptr<Lab> lab = createLab(plan.lab);
    if (!lab)
        return fail(BadInput, req->lesson ? "lesson " + target + " names an unknown lab '" + plan.lab + "'"
                                          : unknownLab(target));
    if (!req->lesson && !session)
        plan.steps = lab->defaultSteps();
    int64_t n = 0;
    if (p.isSet("steps")) {
        if (auto e = RunPlan::parseInteger(str(p.value("steps")), "--steps", 0, 1000000000, &n); !e.empty())
            return fail(BadInput, e);
        plan.steps = session ? session->steps + n : n;
    }
    if (req->lesson) {
        // A lesson cut short (`reglab shot L15 --steps 1500`, mid-run) skips its own changes
        // scheduled past the new end; changes typed with --at are still checked.
        auto past = [&](const ParamChange& c) { return c.step >= plan.steps; };
        plan.changes.erase(std::remove_if(plan.changes.begin(), plan.changes.end(), past), plan.changes.end());
        plan.twinChanges.erase(std::remove_if(plan.twinChanges.begin(), plan.twinChanges.end(), past),
                               plan.twinChanges.end());
    }
    if (auto e = parseSeedAndThreads(p, &plan.seed, &req->threads); !e.empty())
        return fail(BadInput, e);
    // --set / --twin (k=v) and --at / --twin-at (STEP:k=v), in the order given.
    auto assignments = [&](const char* option, const std::string& prefix, auto* out) {
        for (const QString& s : p.values(option)) {
            std::string k, v;
            if (auto e = RunPlan::parseAssignment(str(s), &k, &v); !e.empty())
                return fail(BadInput, prefix + e);
            out->emplace_back(k, v);
        }
        return int(Ok);
    };
    auto changes = [&](const char* option, const std::string& prefix, std::vector<ParamChange>* out) {
        for (const QString& s : p.values(option)) {
            ParamChange c;
            if (auto e = RunPlan::parseChange(str(s), &c); !e.empty())
                return fail(BadInput, prefix + e);
            out->push_back(c);
        }
        return int(Ok);
    };
    // The first bad one is the one line said.
    int code = assignments("set", "--set ", &plan.sets);
    if (code == Ok)
        code = changes("at", "", &plan.changes);
    if (code == Ok)
        code = assignments("twin", "--twin ", &plan.twinSets);
    if (code == Ok)
        code = changes("twin-at", "--twin-at: ", &plan.twinChanges);
    if (code != Ok)
        return code;
    if (p.isSet("out")) {
        req->out = str(p.value("out"));
        if (req->out.empty())
            return fail(BadInput, "--out needs a path");
    }
    if (isShot && p.isSet("format"))
        return fail(BadInput, "--format is an option of 'run' (a shot is always a PNG)");
    if (auto e = parseFormats(p, !req->out.empty(), &req->formats); !e.empty())
        return fail(BadInput, e);

    *runner = std::make_unique<Runner>(std::move(lab));
    if (auto e = (*runner)->prepare(plan); !e.empty())
        return fail(BadInput, e);
    // A session saved with its training state goes on from it, unless the options make it
    // another run (then it is replayed from the seed with them).
    const bool sameRun = !p.isSet("seed") && p.values("set").isEmpty() && p.values("at").isEmpty()
        && p.values("twin").isEmpty() && p.values("twin-at").isEmpty();
    if (session && session->hasState() && sameRun)
        if (auto e = (*runner)->resume(*session); !e.empty())
            return fail(BadInput, "'" + shownValue(target, 200) + "': " + e);
    if (req->lesson)
        if (auto e = (*runner)->judge(req->lesson->claim); !e.empty())
            return fail(BadInput, "lesson " + req->lesson->id + ": " + e);
    if (req->threads > 0)
        setNumThreads(req->threads);
    return Ok;
}

int cmdList()
{
    const auto labs = availableLabs();
    size_t w = 4;
    for (const LabInfo& l : labs)
        w = std::max(w, l.id.size());
    std::printf("Labs:\n");
    if (labs.empty())
        std::printf("  (none)\n");
    for (const LabInfo& l : labs)
        std::printf("  %-*s  %s\n", int(w), l.id.c_str(), l.title.c_str());
    const auto& lessons = LessonLibrary::instance().lessons();
    std::printf("Lessons:\n");
    if (lessons.empty())
        std::printf("  (none)\n");
    for (const Lesson& l : lessons)
        std::printf("  %-*s  %s (%s)\n", int(w), l.id.c_str(), l.title.c_str(), l.lab.c_str());
    return Ok;
}

int cmdDescribe(const std::string& labId)
{
    if (const Lesson* lesson = LessonLibrary::instance().find(labId)) {
        const std::string text = lesson->toJson().dump(true);
        std::fwrite(text.data(), 1, text.size(), stdout);
        return Ok;
    }
    std::unique_ptr<Lab> lab = createLab(labId);
    if (!lab)
        return fail(BadInput, unknownLab(labId));
    const std::string text = describeLabJson(*lab).dump(true);
    std::fwrite(text.data(), 1, text.size(), stdout);
    return Ok;
}

int cmdRun(const QCommandLineParser& p, const std::string& labId)
{
    if (p.isSet("keep-state") && !p.isSet("out"))
        return fail(BadInput, "--keep-state needs --out DIR (the state goes into its session.json)");
    Request req;
    std::unique_ptr<Runner> runner;
    if (int code = prepareRun(p, labId, false, &req, &runner); code != Ok)
        return code;
    OutputDir out;
    if (!req.out.empty()) {
        if (auto e = out.begin(req.out); !e.empty())
            return fail(BadInput, e);
        // metrics.csv grows as the run goes: memory stays flat however many steps.
        if (auto e = runner->streamMetricsTo(out.path() + "/metrics.csv"); !e.empty())
            return fail(Failure, e);
    }

    // From here on the input is valid: train.
    const RunPlan& plan = req.plan;
    const std::vector<MetricSpec> metrics = runner->lab().metrics();
    std::printf("%s: %lld steps, seed %llu, %d thread%s\n", labId.c_str(), (long long)plan.steps,
                (unsigned long long)plan.seed, numThreads(), numThreads() == 1 ? "" : "s");
    std::printf("%s\n", rowText(metrics, runner->rows().front()).c_str());
    std::fflush(stdout);
    const int64_t every = std::max<int64_t>(1, plan.steps / 10);
    int64_t nextPrint = every;
    QElapsedTimer timer;
    timer.start();
    catchStopSignals();
    runner->run([&](const MetricRow& row) {
        if (row.step < nextPrint && row.step != plan.steps)
            return;
        while (nextPrint <= row.step)
            nextPrint += every;
        std::printf("%s\n", rowText(metrics, row).c_str());
        std::fflush(stdout);
    }, &g_stop);
    if (runner->interrupted())
        return fail(Interrupted, "interrupted at step " + std::to_string(runner->stepsRun())
                                     + (req.out.empty() ? std::string() : "; nothing written"));
    const double seconds = double(timer.elapsed()) / 1000.0;
    const Summary summary = runner->summary();
    std::printf("%lld steps in %.1f s", (long long)runner->stepsRun(), seconds);
    if (runner->diverged())
        std::printf(" - stopped: training diverged: %s", runner->divergedWhat().c_str());
    else if (runner->stoppedEarly())
        std::printf(" - the lab stopped early (e.g. early stopping)");
    std::printf("\n");
    printSummary(summary, runner->session().events);
    if (const RunTrack* twin = runner->twin()) {
        std::printf("twin (%s): %lld steps", plan.twinLabel().c_str(), (long long)twin->stepsRun());
        if (twin->diverged())
            std::printf(" - stopped: training diverged: %s", twin->divergedWhat().c_str());
        else if (twin->stoppedEarly())
            std::printf(" - the lab stopped early (e.g. early stopping)");
        std::printf("\n");
        printSummary(twin->summary(), twin->session().events);
    }
    if (req.lesson)
        printVerdict(*runner->claim());

    if (!req.out.empty()) {
        // A diverged run exports the last finite weights, not the NaN ones (summary.json says
        // which step they are from).
        if (runner->diverged()) {
            const int64_t at = runner->restoreLastFinite();
            if (at >= 0)
                std::printf("model/ gets the weights of step %lld, the last finite state\n", (long long)at);
        }
        std::vector<std::string> written;
        runner->keepState(p.isSet("keep-state"));
        if (auto e = RunWriter::writeAll(out.path(), *runner, &written); !e.empty()) {
            out.abandon();
            return fail(Failure, e);
        }
        // Charts need Qt Gui; a missing chart must not cost the user the numbers.
        const auto app = makeRenderApp();
        QStringList charts;
        const QString err = writeChartImages(runner->chartMetrics(), runner->chartRows(), runner->session().events,
                                             QString::fromStdString(out.path()), req.formats, &charts);
        if (!err.isEmpty())
            warn("chart images not written: " + str(err));
        if (auto e = out.commit(); !e.empty())
            return fail(Failure, e);
        std::printf("wrote %s: %zu files (%zu chart images)\n", req.out.c_str(), written.size() + size_t(charts.size()),
                    size_t(charts.size()));
    }
    std::fflush(stdout);
    if (runner->diverged())
        return fail(Diverged, "training diverged: " + runner->divergedWhat());
    return Ok;
}

// Checks the PNG target of `shot` before training: a .png name in a writable folder.
std::string checkShotPath(const std::string& path)
{
    namespace fs = std::filesystem;
    const fs::path p(path);
    std::string ext = p.extension().string();
    for (char& c : ext)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    if (ext != ".png")
        return "--out of shot must be a .png file, got '" + shownValue(path, 200) + "'";
    std::error_code ec;
    if (fs::is_directory(fs::status(p, ec)))
        return "--out '" + path + "' is a folder; give a .png file name";
    const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    if (!fs::is_directory(fs::status(dir, ec)))
        return "cannot write '" + path + "': the folder '" + dir.string() + "' does not exist";
    if (::access(dir.c_str(), W_OK | X_OK) != 0)
        return "cannot write '" + path + "': the folder '" + dir.string() + "' is not writable";
    return {};
}

// Renders to a temp name first, so a failure never leaves a broken PNG, then moves it to
// `out` and says so. "" or why not (the temp file is gone then); *renderFailed tells a
// failed rendering from a failed move.
QString writeShot(const std::string& out, const std::function<QString(const QString& tmpPath)>& render,
                  bool* renderFailed)
{
    const std::string tmp = AtomicFile::tempNameFor(out, ".png");
    const QString err = render(QString::fromStdString(tmp));
    *renderFailed = !err.isEmpty();
    std::error_code ec;
    if (err.isEmpty())
        std::filesystem::rename(tmp, out, ec);
    if (!err.isEmpty() || ec) {
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        return err.isEmpty() ? QString::fromStdString("cannot write '" + out + "': " + ec.message()) : err;
    }
    std::printf("wrote %s\n", out.c_str());
    return {};
}

// A lesson, or a run with a twin: played in the offscreen window as a user would, so the
// shot shows the twin and the lesson's text and verdict. The plan was checked already.
int shotPlayedInWindow(const Request& req)
{
    Lesson lesson = req.lesson ? *req.lesson : Lesson();
    lesson.setPlan(req.plan); // the lesson's preset with the command line's changes
    const auto app = makeRenderApp();
    LessonShotOutcome outcome;
    bool renderFailed = false;
    const QString err = writeShot(req.out, [&](const QString& tmp) {
        return renderLessonShot(lesson, tmp, &g_stop, &outcome);
    }, &renderFailed);
    if (outcome.interrupted)
        return fail(Interrupted, str(err) + " Nothing written.");
    if (!err.isEmpty())
        return fail(Failure, (renderFailed ? "the window shot failed: " : "") + str(err));
    if (!outcome.diverged.isEmpty())
        return fail(Diverged, "training diverged: " + str(outcome.diverged));
    return Ok;
}

int cmdShot(const QCommandLineParser& p, const std::string& labId)
{
    Request req;
    std::unique_ptr<Runner> runner;
    if (int code = prepareRun(p, labId, true, &req, &runner); code != Ok)
        return code;
    if (req.out.empty())
        req.out = labId + ".png";
    if (auto e = checkShotPath(req.out); !e.empty())
        return fail(BadInput, e);

    std::printf("%s: %lld steps, seed %llu\n", labId.c_str(), (long long)req.plan.steps,
                (unsigned long long)req.plan.seed);
    std::fflush(stdout);
    catchStopSignals();
    if (req.lesson || req.plan.hasTwin())
        return shotPlayedInWindow(req);
    runner->run({}, &g_stop);
    if (runner->interrupted())
        return fail(Interrupted, "interrupted at step " + std::to_string(runner->stepsRun()) + "; nothing written");
    if (runner->diverged())
        std::printf("training diverged: %s (the shot shows that state)\n", runner->divergedWhat().c_str());
    const std::vector<MetricRow> history = runner->rows();
    const auto app = makeRenderApp();
    bool renderFailed = false;
    const QString err = writeShot(req.out, [&](const QString& tmp) {
        return renderWindowShot(runner->takeLab(), history, tmp);
    }, &renderFailed);
    if (!err.isEmpty())
        return fail(Failure, (renderFailed ? "the window shot failed: " : "") + str(err));
    // The same verdict as `run`: a diverged run is not a success, picture or not.
    if (runner->diverged())
        return fail(Diverged, "training diverged: " + runner->divergedWhat());
    return Ok;
}

int runVerb(const QStringList& args);

} // namespace

int run(const QStringList& args)
{
    // A lab or writer that throws must still end in one clear line, never an abort; the
    // OutputDir destructor removes a half-written folder on the way out.
    try {
        return runVerb(args);
    } catch (const std::exception& e) {
        return fail(Failure, std::string("internal error: ") + e.what());
    }
}

namespace {

int runVerb(const QStringList& args)
{
    QCommandLineParser p;
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    p.addOptions({
        {QStringLiteral("set"), QStringLiteral("set a parameter"), QStringLiteral("k=v")},
        {QStringLiteral("at"), QStringLiteral("change a live parameter after step STEP"), QStringLiteral("STEP:k=v")},
        {QStringLiteral("twin"), QStringLiteral("a param of the twin"), QStringLiteral("k=v")},
        {QStringLiteral("twin-at"), QStringLiteral("a change of the twin's"), QStringLiteral("STEP:k=v")},
        {QStringLiteral("steps"), QStringLiteral("training steps"), QStringLiteral("N")},
        {QStringLiteral("seed"), QStringLiteral("random seed"), QStringLiteral("S")},
        {QStringLiteral("threads"), QStringLiteral("worker threads"), QStringLiteral("T")},
        {QStringLiteral("out"), QStringLiteral("output folder (run) or PNG file (shot)"), QStringLiteral("PATH")},
        {QStringLiteral("format"), QStringLiteral("chart formats"), QStringLiteral("LIST")},
        {QStringLiteral("keep-state"), QStringLiteral("keep the training state in session.json")},
        {{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("help")},
        {QStringLiteral("version"), QStringLiteral("version")},
    });
    p.addOptions(sweepOptions());
    if (!p.parse(args)) {
        std::string e = str(p.errorText());
        if (!e.empty() && e.back() == '.')
            e.pop_back();
        return fail(BadInput, e + " (see: reglab --help)");
    }
    if (p.isSet("help")) {
        std::fputs(kHelp, stdout);
        return Ok;
    }
    if (p.isSet("version")) {
        std::printf("reglab %s\n", REGLAB_VERSION);
        return Ok;
    }
    const QStringList pos = p.positionalArguments();
    if (pos.isEmpty())
        return fail(BadInput, "no command given (expected list, describe, run, shot or sweep; see: reglab --help)");
    const std::string verb = str(pos.front());
    if (verb == "help") {
        std::fputs(kHelp, stdout);
        return Ok;
    }

    // Which options each verb takes: a stray one is a mistake worth reporting.
    static const std::set<std::string> runOpts{"set", "at", "twin", "twin-at", "steps", "seed", "threads", "out", "format"};
    std::set<std::string> allowed;
    size_t wantArgs = 0; // positional arguments after the verb
    if (verb == "list") {
    } else if (verb == "describe") {
        wantArgs = 1;
    } else if (verb == "run" || verb == "shot") {
        allowed = runOpts;
        if (verb == "run")
            allowed.insert("keep-state");
        wantArgs = 1;
    } else if (verb == "sweep") {
        allowed = sweepOptionNames();
        wantArgs = 1;
    } else {
        return fail(BadInput, "unknown command '" + shownValue(verb) + "' (expected list, describe, run, shot or sweep; see: reglab --help)");
    }
    for (const QString& name : p.optionNames())
        if (!allowed.count(str(name)))
            return fail(BadInput, "'" + verb + "' does not take --" + shownValue(str(name)) + " (see: reglab --help)");
    if (size_t(pos.size()) - 1 < wantArgs)
        return fail(BadInput, "'" + verb + "' needs a lab id (see: reglab list)");
    if (size_t(pos.size()) - 1 > wantArgs)
        return fail(BadInput, "unexpected argument '" + shownValue(str(pos.at(int(wantArgs) + 1))) + "' (see: reglab --help)");

    if (verb == "list")
        return cmdList();
    const std::string labId = str(pos.at(1));
    if (verb == "describe")
        return cmdDescribe(labId);
    if (verb == "run")
        return cmdRun(p, labId);
    if (verb == "sweep")
        return cmdSweep(p, labId);
    return cmdShot(p, labId);
}

} // namespace

} // namespace reglab::cli
