#include "SweepCommand.h"
#include "Cli.h"
#include "CliShared.h"
#include "MessageText.h"

#include "Parallel.h"
#include "export/SweepImages.h"
#include "labs/LabRegistry.h"
#include "lessons/LessonLibrary.h"
#include "run/AtomicFile.h"
#include "run/Frontier.h"
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
        {QStringLiteral("by"), QStringLiteral("one curve per value of a second parameter"), QStringLiteral("k=v1,v2")},
        {QStringLiteral("x"), QStringLiteral("the metric on the x axis"), QStringLiteral("m")},
        {QStringLiteral("frontier"), QStringLiteral("the lesson's frontier")},
        {QStringLiteral("log-x"), QStringLiteral("log x axis")},
        {QStringLiteral("log-y"), QStringLiteral("log y axis")},
    };
}

const std::set<std::string>& sweepOptionNames()
{
    static const std::set<std::string> names{"param", "values", "seeds", "metric", "by", "x", "frontier", "log-x",
                                             "log-y", "set", "steps", "seed", "threads", "out", "format"};
    return names;
}

namespace {

// Everything checked before any training: the sweep (prepared), the metric, the axes, the
// output folder and formats.
struct SweepRequest {
    Sweep sweep;
    int metric = -1;
    int xMetric = -1; // --x: a metric on the x axis
    const LessonFrontier* frontier = nullptr; // --frontier: the lesson's
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
    std::string param, by, metric = p.isSet("metric") ? str(p.value("metric")) : std::string(), x = str(p.value("x"));
    std::vector<std::string> values, curves;
    if (p.isSet("frontier")) {
        if (!lesson || !lesson->frontier)
            return fail(BadInput, "--frontier needs a lesson with a frontier (L16), not '" + shownValue(target) + "'");
        for (const char* o : {"param", "values", "by", "x", "metric"})
            if (p.isSet(o))
                return fail(BadInput, std::string("--frontier sets --") + o + " itself (the lesson's frontier)");
        const LessonFrontier& f = *lesson->frontier;
        req->frontier = &f;
        param = f.param;
        by = f.by;
        curves = f.curves;
        metric = f.y;
        x = f.x;
        if (!p.isSet("seeds"))
            seeds = f.seeds;
        if (auto e = Sweep::parseValues(f.values, &values); !e.empty())
            return fail(BadInput, "lesson " + lesson->id + " frontier: " + e);
    } else {
        if (!p.isSet("param"))
            return fail(BadInput, "sweep needs --param k, the parameter to sweep (see: reglab describe " + plan.lab + ")");
        if (!p.isSet("values"))
            return fail(BadInput, "sweep needs --values v1,v2,... (or LO:HI:N, LO:HI:Nlog)");
        param = str(p.value("param"));
        if (auto e = Sweep::parseValues(str(p.values("values").join(',')), &values); !e.empty())
            return fail(BadInput, e);
        if (p.isSet("by")) {
            std::string list;
            if (auto e = RunPlan::parseAssignment(str(p.value("by")), &by, &list); !e.empty())
                return fail(BadInput, "--by " + e);
            if (auto e = Sweep::parseValues(list, &curves); !e.empty())
                return fail(BadInput, "--by " + by + ": " + e.substr(e.rfind("--values ", 0) == 0 ? 9 : 0));
        }
    }
    if (auto e = req->sweep.prepare(plan, param, values, seeds, by, curves); !e.empty())
        return fail(BadInput, e);

    auto metricIndex = [&](const std::string& option, const std::string& id, int* out) -> int {
        *out = req->sweep.metricIndex(id);
        if (*out >= 0)
            return Ok;
        std::string ids;
        for (const MetricSpec& m : req->sweep.metrics())
            ids += (ids.empty() ? "" : ", ") + m.id;
        return fail(BadInput, option + ": lab '" + plan.lab + "' has no metric '" + shownValue(id) + "' (it has: " + ids
                                  + ")");
    };
    if (int code = metricIndex("--metric", metric.empty() ? req->sweep.defaultMetric() : metric, &req->metric);
        code != Ok)
        return code;
    if (!x.empty() || p.isSet("x")) {
        if (int code = metricIndex("--x", x, &req->xMetric); code != Ok)
            return code;
        if (p.isSet("log-x"))
            return fail(BadInput, std::string("--log-x: ") + (req->frontier ? "a frontier's" : "with --x the")
                                      + " x axis is a metric (" + x + "), drawn on a linear axis");
    }
    if (p.isSet("log-x") && req->sweep.categorical())
        return fail(BadInput, "--log-x: '" + req->sweep.param() + "' is a choice; its axis has names, not numbers");
    if (p.isSet("log-x"))
        for (const SweepPoint& pt : req->sweep.points())
            if (!(pt.x > 0))
                return fail(BadInput, "--log-x needs values above 0, got " + pt.value);
    req->logX = req->xMetric < 0 && (p.isSet("log-x") || req->sweep.suggestsLogX());
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

// Per curve: value, median of the metric (and of the x metric), and each seed's value.
void printTable(const SweepRequest& req)
{
    const Sweep& s = req.sweep;
    const std::string metric = s.metrics()[size_t(req.metric)].id;
    const std::string x = req.xMetric >= 0 ? s.metrics()[size_t(req.xMetric)].id : std::string();
    for (size_t c = 0; c < s.curveCount(); ++c) {
        if (!s.curves().empty())
            std::printf("%s%s=%s\n", c ? "\n" : "", s.by().c_str(), s.curves()[c].c_str());
        const std::vector<double> medians = s.medians(req.metric, c);
        const std::vector<double> xs = req.xMetric >= 0 ? s.medians(req.xMetric, c) : std::vector<double>();
        std::printf("%-12s %-14s %s%s\n", s.param().c_str(), ("median " + metric).c_str(),
                    x.empty() ? "" : ("median " + x + "  ").c_str(), s.seeds() > 1 ? "each seed" : "");
        for (size_t i = 0; i < s.values().size(); ++i) {
            std::string each;
            if (s.seeds() > 1)
                for (const SweepPoint& p : s.points())
                    if (p.curveIndex == c && p.valueIndex == i && p.done)
                        each += shortNumber(p.finals[size_t(req.metric)]) + " ";
            std::printf("%-12s %-14s %s%s\n", s.values()[i].c_str(), shortNumber(medians[i]).c_str(),
                        x.empty() ? "" : (shortNumber(xs[i]) + std::string(std::max<size_t>(2, 9 + x.size() - shortNumber(xs[i]).size()), ' ')).c_str(),
                        each.c_str());
        }
    }
}

// The lesson's frontier claim, judged on the medians (frontier.json holds it).
Json frontierVerdict(const SweepRequest& req)
{
    return Frontier::verdict(req.frontier->text, req.sweep, req.xMetric, req.metric, req.frontier->dominant,
                             req.frontier->tolerance);
}

void printFrontier(const Json& v)
{
    const bool holds = v.find("holds")->toBool();
    std::printf("frontier claim %s: %s\n", holds ? "HOLDS" : "DOES NOT HOLD", v.find("claim")->toString().c_str());
    if (!holds)
        std::printf("  %s\n", v.find("detail")->toString().c_str());
    if (!v.find("dominated")) // no such curve: nothing compared
        return;
    const std::string x = v.find("x")->toString(), y = v.find("y")->toString();
    const std::string by = v.find("by")->toString(), param = v.find("param")->toString();
    const std::string tol = v.find("tolerance")->toNumber() > 0
        ? " (within " + shortNumber(v.find("tolerance")->toNumber()) + ")"
        : std::string();
    // Each point of a curve, with the point that covers it (of `other`, or of the curve it names).
    auto list = [&](const Json& curve, const std::string& other) {
        for (const Json& pt : curve.find("points")->items()) {
            const Json* d = pt.find("covered_by");
            const Json* c = pt.find("covered_by_curve");
            const std::string coverer = c && c->isString() ? c->toString() : other;
            std::printf("  [%s] %s %s=%s (%s %s, %s %s): %s\n", d->isString() ? "yes" : "no ",
                        curve.find(by)->toString().c_str(), param.c_str(), pt.find(param)->toString().c_str(),
                        x.c_str(), shortNumber(pt.find(x)->toNumber(NAN)).c_str(), y.c_str(),
                        shortNumber(pt.find(y)->toNumber(NAN)).c_str(),
                        (d->isString() ? "covered by " + coverer + " " + param + "=" + d->toString() + tol
                                       : "no " + other + " point is as good on both" + tol)
                            .c_str());
        }
    };
    const Json& best = *v.find("dominating");
    const std::string name = best.find(by)->toString();
    std::string names;
    for (const Json& curve : v.find("dominated")->items()) {
        const std::string other = curve.find(by)->toString();
        names += (names.empty() ? "" : " or ") + other;
        std::printf(" every %s point covered by %s: %s\n", other.c_str(), name.c_str(),
                    curve.find("covers_all")->toBool() ? "yes" : "no");
        list(curve, name);
        std::printf(" every %s point covered by %s: %s (it must not be)\n", name.c_str(), other.c_str(),
                    curve.find("covered_by_it")->toBool() ? "yes" : "no");
    }
    std::printf(" %s's points, each covered by a point of %s or not:\n", name.c_str(), names.c_str());
    list(best, names);
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
    const std::string curves = sweep.curves().empty()
        ? std::string()
        : std::to_string(sweep.curves().size()) + " curves (" + sweep.by() + ") x ";
    std::printf("%s: sweep of %s over %s%zu value%s x %d seed%s (%zu trainings), %lld steps, %d thread%s\n",
                target.c_str(), sweep.param().c_str(), curves.c_str(), sweep.values().size(),
                sweep.values().size() == 1 ? "" : "s",
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
        std::printf("  [%zu/%zu] %s%s=%s seed %llu: %s %s%s\n", finished, total,
                    pt.curve.empty() ? "" : (sweep.by() + "=" + pt.curve + " ").c_str(), sweep.param().c_str(), pt.value.c_str(),
                    (unsigned long long)pt.seed, metric.c_str(), shortNumber(pt.finals[size_t(req.metric)]).c_str(),
                    note.c_str());
        std::fflush(stdout);
    }, &g_stop);
    if (sweep.interrupted())
        return fail(Interrupted, "interrupted after " + std::to_string(finished) + " of " + std::to_string(total)
                                     + " trainings" + (req.out.empty() ? std::string() : "; nothing written"));
    std::printf("%zu trainings in %.1f s\n", total, double(timer.elapsed()) / 1000.0);
    printTable(req);
    Json verdict;
    if (req.frontier) {
        verdict = frontierVerdict(req);
        printFrontier(verdict);
    }

    if (!req.out.empty()) {
        if (auto e = AtomicFile::write(out.path() + "/sweep.csv", sweepCsv(sweep)); !e.empty()) {
            out.abandon();
            return fail(Failure, e);
        }
        if (req.frontier)
            if (auto e = AtomicFile::write(out.path() + "/frontier.json", verdict.dump() + "\n"); !e.empty()) {
                out.abandon();
                return fail(Failure, e);
            }
        const auto app = makeRenderApp();
        QStringList charts;
        const QString err = writeSweepImages(sweep, req.metric, req.xMetric, req.logX, req.logY,
                                             QString::fromStdString(out.path()), req.formats, &charts);
        if (!err.isEmpty())
            warn("chart images not written: " + str(err));
        if (auto e = out.commit(); !e.empty())
            return fail(Failure, e);
        std::printf("wrote %s: sweep.csv%s and %zu chart image%s\n", req.out.c_str(),
                    req.frontier ? ", frontier.json" : "", size_t(charts.size()),
                    charts.size() == 1 ? "" : "s");
    }
    std::fflush(stdout);
    return Ok;
}

} // namespace reglab::cli
