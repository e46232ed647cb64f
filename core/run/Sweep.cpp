#include "run/Sweep.h"

#include "MessageText.h"

#include "Parallel.h"
#include "labs/LabRegistry.h"
#include "metrics/Statistics.h"
#include "run/Runner.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace reglab {

namespace {
std::string trimmed(const std::string& s)
{
    const size_t a = s.find_first_not_of(" \t");
    if (a == std::string::npos)
        return {};
    const size_t b = s.find_last_not_of(" \t");
    return s.substr(a, b - a + 1);
}

// A number typed in a range (strtod, the whole text).
bool readNumber(const std::string& text, double* out)
{
    if (text.empty())
        return false;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(v))
        return false;
    *out = v;
    return true;
}

std::string shortText(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}
} // namespace

Sweep::Sweep(LabMaker makeLab) : m_makeLab(std::move(makeLab))
{
    if (!m_makeLab)
        m_makeLab = [](const std::string& id) { return createLab(id); };
}

std::string Sweep::parseValues(const std::string& text, std::vector<std::string>* out)
{
    out->clear();
    const std::string t = trimmed(text);
    if (t.empty())
        return "--values needs at least one value (v1,v2,... or LO:HI:N or LO:HI:Nlog)";
    if (t.find(':') != std::string::npos && t.find(',') == std::string::npos) {
        // A range: LO:HI:N or LO:HI:Nlog.
        const size_t a = t.find(':'), b = t.find(':', a + 1);
        const std::string bad = "the range '" + shownValue(t) + "' is not of the form LO:HI:N or LO:HI:Nlog";
        if (b == std::string::npos || t.find(':', b + 1) != std::string::npos)
            return bad;
        double lo = 0, hi = 0;
        std::string count = trimmed(t.substr(b + 1));
        const bool log = count.size() > 3 && count.compare(count.size() - 3, 3, "log") == 0;
        if (log)
            count.resize(count.size() - 3);
        int64_t n = 0;
        if (!readNumber(trimmed(t.substr(0, a)), &lo) || !readNumber(trimmed(t.substr(a + 1, b - a - 1)), &hi))
            return bad;
        if (auto e = RunPlan::parseInteger(count, "the count N of the range '" + shownValue(t) + "'", 1,
                                           int64_t(kMaxPoints), &n);
            !e.empty())
            return e;
        if (log && (lo <= 0 || hi <= 0))
            return "a log range needs LO and HI above 0, got '" + shownValue(t) + "'";
        if (log) {
            *out = logRange(lo, hi, int(n));
        } else {
            for (int64_t i = 0; i < n; ++i)
                out->push_back(shortText(n == 1 ? lo : lo + (hi - lo) * double(i) / double(n - 1)));
        }
        return {};
    }
    size_t start = 0;
    while (true) {
        const size_t comma = t.find(',', start);
        const std::string v = trimmed(t.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (v.empty())
            return "--values '" + shownValue(t) + "' has an empty value";
        out->push_back(v);
        if (out->size() > kMaxPoints)
            return "--values has more than " + std::to_string(kMaxPoints) + " values";
        if (comma == std::string::npos)
            return {};
        start = comma + 1;
    }
}

std::vector<std::string> Sweep::logRange(double lo, double hi, int n)
{
    std::vector<std::string> out;
    const double a = std::log10(lo), b = std::log10(hi);
    for (int i = 0; i < n; ++i)
        out.push_back(shortText(std::pow(10.0, n == 1 ? a : a + (b - a) * double(i) / double(n - 1))));
    return out;
}

namespace {
// A swept param (the x param or the curves' param) and its values as the param writes them.
std::string checkValues(const Lab& lab, const std::string& param, const std::vector<std::string>& values,
                        const std::string& option, ParamSpec* spec, std::vector<std::string>* texts,
                        std::vector<double>* xs)
{
    if (param.empty())
        return option + " needs the id of a parameter (see: reglab describe " + lab.id() + ")";
    const ParamSpec* s = lab.findParam(param);
    if (!s)
        return option + ": unknown parameter '" + shownValue(param) + "' for lab '" + lab.id()
            + "' (see: reglab describe " + lab.id() + ")";
    if (s->type == ParamType::Path || s->type == ParamType::Points)
        return option + ": '" + param + "' is not a number or a choice, so it cannot be swept";
    *spec = *s;
    texts->clear();
    xs->clear();
    for (const std::string& v : values) {
        std::string err;
        const auto pv = s->parse(v, &err);
        if (!pv)
            return (option == "--param" ? std::string("--values ") : option + " ") + shownValue(v) + ": " + err;
        const std::string text = s->toText(*pv);
        if (std::find(texts->begin(), texts->end(), text) != texts->end() && option != "--param")
            return option + ": the value " + text + " is given twice";
        texts->push_back(text);
        xs->push_back(s->type == ParamType::Choice ? std::nan("") : pv->number);
    }
    return {};
}
} // namespace

std::string Sweep::prepare(const RunPlan& base, const std::string& param, const std::vector<std::string>& values,
                           int seeds, const std::string& by, const std::vector<std::string>& curves)
{
    m_prepared = false;
    m_points.clear();
    m_metrics.clear();
    RunPlan plan = base;
    plan.twinSets.clear();
    plan.twinChanges.clear();
    plan.changes.erase(std::remove_if(plan.changes.begin(), plan.changes.end(),
                                      [&](const ParamChange& c) { return c.param == param || c.param == by; }),
                       plan.changes.end());
    std::unique_ptr<Lab> lab = m_makeLab(plan.lab);
    if (!lab)
        return "unknown lab '" + shownValue(plan.lab) + "' (see: reglab list)";
    std::vector<std::string> texts, curveTexts;
    std::vector<double> xs, unused;
    if (auto e = checkValues(*lab, param, values, "--param", &m_spec, &texts, &xs); !e.empty())
        return e;
    if (values.empty())
        return "--values needs at least one value";
    if (!by.empty() || !curves.empty()) {
        if (by == param)
            return "--by: '" + param + "' is already the swept parameter; curves need another one";
        if (curves.empty())
            return "--by needs the values of '" + shownValue(by) + "', one curve each: --by " + shownValue(by)
                + "=v1,v2,...";
        if (auto e = checkValues(*lab, by, curves, "--by", &m_bySpec, &curveTexts, &unused); !e.empty())
            return e;
    }
    if (seeds < 1)
        return "--seeds must be at least 1";
    const size_t curveCount = std::max<size_t>(1, curveTexts.size());
    const size_t total = curveCount * values.size() * size_t(seeds);
    if (total > kMaxPoints || values.size() > kMaxPoints || curveCount > kMaxPoints)
        return "a sweep of " + (curveTexts.empty() ? std::string() : std::to_string(curveCount) + " curves x ")
            + std::to_string(values.size()) + " values x " + std::to_string(seeds) + " seeds is "
            + std::to_string(total) + " trainings, more than " + std::to_string(kMaxPoints);
    if (plan.seed + uint64_t(seeds - 1) > RunPlan::kMaxSeed)
        return "the seeds " + std::to_string(plan.seed) + " + " + std::to_string(seeds - 1)
            + " go beyond 2^53";
    // The base plan, then every (curve, value) through the lab's own checks and a reset: a
    // value the lab cannot build from is refused now, not after hours of training. The
    // metric columns are those of all values (a width sweep may change a lab's weight columns).
    for (size_t c = 0; c < curveCount; ++c)
        for (size_t i = 0; i < texts.size(); ++i) {
            RunPlan p = plan;
            if (!curveTexts.empty())
                p.sets.emplace_back(by, curveTexts[c]);
            p.sets.emplace_back(param, texts[i]);
            const bool first = c == 0 && i == 0;
            Runner runner(first ? std::move(lab) : m_makeLab(plan.lab));
            if (auto e = runner.prepare(p); !e.empty())
                return (first ? "" : (curveTexts.empty() ? "" : "--by " + curveTexts[c] + ", ") + "--values " + texts[i] + ": ")
                    + e;
            for (const MetricSpec& m : runner.lab().metrics())
                if (std::none_of(m_metrics.begin(), m_metrics.end(), [&](const MetricSpec& s) { return s.id == m.id; }))
                    m_metrics.push_back(m);
        }
    m_base = plan;
    m_param = param;
    m_values = texts;
    m_by = curveTexts.empty() ? std::string() : by;
    m_curves = curveTexts;
    m_seeds = seeds;
    for (size_t c = 0; c < curveCount; ++c)
        for (size_t i = 0; i < texts.size(); ++i)
            for (int s = 0; s < seeds; ++s) {
                SweepPoint p;
                p.index = m_points.size();
                p.curveIndex = c;
                p.curve = curveTexts.empty() ? std::string() : curveTexts[c];
                p.valueIndex = i;
                p.value = texts[i];
                p.x = xs[i];
                p.seed = plan.seed + uint64_t(s);
                p.finals.assign(m_metrics.size(), std::nan(""));
                m_points.push_back(std::move(p));
            }
    m_interrupted = false;
    m_prepared = true;
    return {};
}

void Sweep::train(size_t index, const std::atomic<bool>* stop, int threads)
{
    SweepPoint& point = m_points[index];
    RunPlan plan = m_base;
    if (!m_by.empty())
        plan.sets.emplace_back(m_by, point.curve);
    plan.sets.emplace_back(m_param, point.value);
    plan.seed = point.seed;
    ThreadShare share(threads);
    Runner runner(m_makeLab(plan.lab));
    if (auto e = runner.prepare(plan); !e.empty()) {
        point.failure = e;
        point.done = true;
        return;
    }
    runner.run({}, stop);
    if (runner.interrupted())
        return;
    const std::vector<MetricSpec> metrics = runner.lab().metrics();
    const std::vector<MetricRow> rows = runner.rows();
    const MetricRow& last = rows.back();
    for (size_t m = 0; m < metrics.size() && m < last.values.size(); ++m)
        if (const int k = metricIndex(metrics[m].id); k >= 0)
            point.finals[size_t(k)] = last.values[m];
    point.stepsRun = runner.stepsRun();
    point.diverged = runner.diverged();
    point.done = true;
}

void Sweep::run(const PointCallback& onPoint, const std::atomic<bool>* stop)
{
    if (!m_prepared)
        throw std::logic_error("Sweep::run() before a successful prepare()");
    std::vector<size_t> todo;
    for (size_t i = 0; i < m_points.size(); ++i)
        if (!m_points[i].done)
            todo.push_back(i);
    const int threads = numThreads();
    const int workers = std::max(1, std::min<int>(threads, int(todo.size())));
    const int share = std::max(1, threads / workers);
    std::atomic<size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr failure;
    std::mutex lock; // onPoint and failure
    auto work = [&] {
        try {
            flushSubnormals(); // every training computes alike, on whichever thread
            for (size_t k = next++; k < todo.size(); k = next++) {
                if ((stop && stop->load()) || failed.load())
                    return;
                train(todo[k], stop, share);
                if (m_points[todo[k]].done && onPoint) {
                    std::lock_guard<std::mutex> guard(lock);
                    onPoint(m_points[todo[k]]);
                }
            }
        } catch (...) {
            std::lock_guard<std::mutex> guard(lock);
            if (!failure)
                failure = std::current_exception();
            failed.store(true);
        }
    };
    std::vector<std::thread> pool;
    for (int w = 0; w < workers; ++w)
        pool.emplace_back(work);
    for (std::thread& t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
    m_interrupted = std::any_of(m_points.begin(), m_points.end(), [](const SweepPoint& p) { return !p.done; });
}

int Sweep::metricIndex(const std::string& id) const
{
    for (size_t i = 0; i < m_metrics.size(); ++i)
        if (m_metrics[i].id == id)
            return int(i);
    return -1;
}

bool Sweep::suggestsLogX() const
{
    if (categorical() || m_points.empty())
        return false;
    double lo = INFINITY, hi = 0;
    for (const SweepPoint& p : m_points) {
        lo = std::min(lo, p.x);
        hi = std::max(hi, p.x);
    }
    return lo > 0 && hi >= 100 * lo;
}

std::string Sweep::defaultMetric() const
{
    if (metricIndex("val_loss") >= 0)
        return "val_loss";
    return m_metrics.empty() ? std::string() : m_metrics.front().id;
}

std::vector<double> Sweep::medians(int metric, size_t curve) const
{
    std::vector<std::vector<double>> per(m_values.size());
    if (metric >= 0)
        for (const SweepPoint& p : m_points)
            if (p.done && p.curveIndex == curve && size_t(metric) < p.finals.size())
                per[p.valueIndex].push_back(p.finals[size_t(metric)]);
    std::vector<double> out;
    for (const auto& v : per)
        out.push_back(reglab::median(v));
    return out;
}

} // namespace reglab
