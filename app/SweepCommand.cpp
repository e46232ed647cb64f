#include "SweepCommand.h"
#include "Cli.h"
#include "CliShared.h"
#include "MessageText.h"

#include "Parallel.h"
#include "export/SweepImages.h"
#include "labs/LabRegistry.h"
#include "lessons/LessonLibrary.h"
#include "run/AtomicFile.h"
#include "run/OutputDir.h"
#include "run/Sweep.h"
#include "run/SweepCsv.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace reglab::cli {

QList<QCommandLineOption> sweepOptions()
{
    return {
        {QStringLiteral("param"), QStringLiteral("the parameter to sweep"), QStringLiteral("k")},
        {QStringLiteral("values"), QStringLiteral("its values"), QStringLiteral("v1,v2,...")},
        {QStringLiteral("seeds"), QStringLiteral("seeds per value"), QStringLiteral("N")},
        {QStringLiteral("metric"), QStringLiteral("the metric to chart"), QStringLiteral("m")},
        {QStringLiteral("log-x"), QStringLiteral("log x axis")},
        {QStringLiteral("log-y"), QStringLiteral("log y axis")},
    };
}

const std::set<std::string>& sweepOptionNames()
{
    static const std::set<std::string> names{"param", "values", "seeds", "metric", "log-x", "log-y", "set",
                                             "steps", "seed", "threads", "out", "format"};
    return names;
}

namespace {

// Everything checked before any training: the sweep (prepared), the metric, the axes, the
// output folder and formats.
struct SweepRequest {
    Sweep sweep;
    int metric = -1;
    bool logX = false, logY = false;
    std::string out;
    QStringList formats;
};

int parseRequest(const QCommandLineParser& p, const std::string& target, SweepRequest* req)
{
    const Lesson* lesson = LessonLibrary::instance().find(target);
    if (isSessionPath(target))
        return fail(BadInput, "sweep takes a lab or a lesson, not a session file");
    RunPlan plan;
    if (lesson) {
        plan = lesson->plan();
    } else {
        const std::unique_ptr<Lab> lab = createLab(target);
        if (!lab)
            return fail(BadInput, unknownLab(target));
        plan.lab = target;
        plan.steps = lab->defaultSteps();
    }
    int64_t n = 0;
    if (p.isSet("steps")) {
        if (auto e = RunPlan::parseInteger(str(p.value("steps")), "--steps", 0, 1000000000, &n); !e.empty())
            return fail(BadInput, e);
        plan.steps = n;
        if (lesson) // its scheduled changes past the new end are skipped, as `run` does
            plan.changes.erase(std::remove_if(plan.changes.begin(), plan.changes.end(),
                                              [&](const ParamChange& c) { return c.step >= n; }),
                               plan.changes.end());
    }
    int threads = 0;
    if (auto e = parseSeedAndThreads(p, &plan.seed, &threads); !e.empty())
        return fail(BadInput, e);
    int seeds = 1;
    if (p.isSet("seeds")) {
        if (auto e = RunPlan::parseInteger(str(p.value("seeds")), "--seeds", 1, int64_t(Sweep::kMaxPoints), &n);
            !e.empty())
            return fail(BadInput, e);
        seeds = int(n);
    }
    if (threads > 0)
        setNumThreads(threads);
    for (const QString& s : p.values("set")) {
        std::string k, v;
        if (auto e = RunPlan::parseAssignment(str(s), &k, &v); !e.empty())
            return fail(BadInput, "--set " + e);
        plan.sets.emplace_back(k, v);
    }
    if (!p.isSet("param"))
        return fail(BadInput, "sweep needs --param k, the parameter to sweep (see: reglab describe " + plan.lab + ")");
    if (!p.isSet("values"))
        return fail(BadInput, "sweep needs --values v1,v2,... (or LO:HI:N, LO:HI:Nlog)");
    std::vector<std::string> values;
    if (auto e = Sweep::parseValues(str(p.values("values").join(',')), &values); !e.empty())
        return fail(BadInput, e);
    if (auto e = req->sweep.prepare(plan, str(p.value("param")), values, seeds); !e.empty())
        return fail(BadInput, e);

    const std::string metric = p.isSet("metric") ? str(p.value("metric")) : req->sweep.defaultMetric();
    req->metric = req->sweep.metricIndex(metric);
    if (req->metric < 0) {
        std::string ids;
        for (const MetricSpec& m : req->sweep.metrics())
            ids += (ids.empty() ? "" : ", ") + m.id;
        return fail(BadInput, "--metric: lab '" + plan.lab + "' has no metric '" + shownValue(metric) + "' (it has: "
                                  + ids + ")");
    }
    if (p.isSet("log-x") && req->sweep.categorical())
        return fail(BadInput, "--log-x: '" + req->sweep.param() + "' is a choice; its axis has names, not numbers");
    if (p.isSet("log-x"))
        for (const SweepPoint& pt : req->sweep.points())
            if (!(pt.x > 0))
                return fail(BadInput, "--log-x needs values above 0, got " + pt.value);
    req->logX = p.isSet("log-x") || req->sweep.suggestsLogX();
    req->logY = p.isSet("log-y");

    if (p.isSet("out")) {
        req->out = str(p.value("out"));
        if (req->out.empty())
            return fail(BadInput, "--out needs a path");
        if (auto e = OutputDir::check(req->out); !e.empty())
            return fail(BadInput, e);
    }
    if (auto e = parseFormats(p, !req->out.empty(), &req->formats); !e.empty())
        return fail(BadInput, e);
    return Ok;
}

// value, median of the metric, and each seed's value.
void printTable(const SweepRequest& req)
{
    const Sweep& s = req.sweep;
    const std::string metric = s.metrics()[size_t(req.metric)].id;
    const std::vector<double> medians = s.medians(req.metric);
    std::printf("%-12s %-14s %s\n", s.param().c_str(), ("median " + metric).c_str(),
                s.seeds() > 1 ? "each seed" : "");
    for (size_t i = 0; i < s.values().size(); ++i) {
        std::string each;
        if (s.seeds() > 1)
            for (const SweepPoint& p : s.points())
                if (p.valueIndex == i && p.done)
                    each += shortNumber(p.finals[size_t(req.metric)]) + " ";
        std::printf("%-12s %-14s %s\n", s.values()[i].c_str(), shortNumber(medians[i]).c_str(), each.c_str());
    }
}

} // namespace

int cmdSweep(const QCommandLineParser& p, const std::string& target)
{
    SweepRequest req;
    if (int code = parseRequest(p, target, &req); code != Ok)
        return code;
    OutputDir out;
    if (!req.out.empty())
        if (auto e = out.begin(req.out); !e.empty())
            return fail(BadInput, e);

    Sweep& sweep = req.sweep;
    const size_t total = sweep.points().size();
    const std::string metric = sweep.metrics()[size_t(req.metric)].id;
    std::printf("%s: sweep of %s over %zu value%s x %d seed%s (%zu trainings), %lld steps, %d thread%s\n",
                target.c_str(), sweep.param().c_str(), sweep.values().size(), sweep.values().size() == 1 ? "" : "s",
                sweep.seeds(), sweep.seeds() == 1 ? "" : "s", total, (long long)sweep.base().steps, numThreads(),
                numThreads() == 1 ? "" : "s");
    std::fflush(stdout);
    size_t finished = 0;
    QElapsedTimer timer;
    timer.start();
    catchStopSignals();
    sweep.run([&](const SweepPoint& pt) {
        ++finished;
        std::string note = pt.diverged ? " (diverged)" : pt.failure.empty() ? "" : " (" + pt.failure + ")";
        std::printf("  [%zu/%zu] %s=%s seed %llu: %s %s%s\n", finished, total, sweep.param().c_str(), pt.value.c_str(),
                    (unsigned long long)pt.seed, metric.c_str(), shortNumber(pt.finals[size_t(req.metric)]).c_str(),
                    note.c_str());
        std::fflush(stdout);
    }, &g_stop);
    if (sweep.interrupted())
        return fail(Interrupted, "interrupted after " + std::to_string(finished) + " of " + std::to_string(total)
                                     + " trainings" + (req.out.empty() ? std::string() : "; nothing written"));
    std::printf("%zu trainings in %.1f s\n", total, double(timer.elapsed()) / 1000.0);
    printTable(req);

    if (!req.out.empty()) {
        if (auto e = AtomicFile::write(out.path() + "/sweep.csv", sweepCsv(sweep)); !e.empty()) {
            out.abandon();
            return fail(Failure, e);
        }
        const auto app = makeRenderApp();
        QStringList charts;
        const QString err = writeSweepImages(sweep, req.metric, req.logX, req.logY, QString::fromStdString(out.path()),
                                             req.formats, &charts);
        if (!err.isEmpty())
            warn("chart images not written: " + str(err));
        if (auto e = out.commit(); !e.empty())
            return fail(Failure, e);
        std::printf("wrote %s: sweep.csv and %zu chart image%s\n", req.out.c_str(), size_t(charts.size()),
                    charts.size() == 1 ? "" : "s");
    }
    std::fflush(stdout);
    return Ok;
}

} // namespace reglab::cli
