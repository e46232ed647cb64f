#include "run/Frontier.h"

#include "metrics/Statistics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace reglab {

std::vector<FrontierPoint> Frontier::points(const Sweep& sweep, int xMetric, int yMetric, size_t curve)
{
    const std::vector<double> xs = sweep.medians(xMetric, curve), ys = sweep.medians(yMetric, curve);
    std::vector<FrontierPoint> out;
    for (size_t i = 0; i < sweep.values().size() && i < xs.size() && i < ys.size(); ++i)
        if (std::isfinite(xs[i]) && std::isfinite(ys[i]))
            out.push_back({sweep.values()[i], xs[i], ys[i]});
    return out;
}

FrontierCheck Frontier::dominates(const std::vector<FrontierPoint>& better, const std::vector<FrontierPoint>& worse,
                                  bool xHigher, bool yHigher, double tolerance)
{
    // a is at least as good as b, within the tolerance; the margin is how far it is better.
    // A gap of exactly the tolerance (0.97 vs 0.98) counts as within it, whatever the rounding
    // (relative: a metric in the millions rounds in larger steps).
    auto margin = [tolerance](double a, double b, bool higher) {
        const double eps = 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
        return (higher ? a - b : b - a) + tolerance + eps;
    };
    FrontierCheck c;
    std::string missing;
    for (const FrontierPoint& w : worse) {
        std::string by;
        double best = -INFINITY; // of the covering points, the one with the largest margin on its weaker side
        for (const FrontierPoint& b : better) {
            const double m = std::min(margin(b.x, w.x, xHigher), margin(b.y, w.y, yHigher));
            if (m >= 0 && m > best) {
                best = m;
                by = b.value;
            }
        }
        c.dominatedBy.push_back(by);
        if (by.empty())
            missing += (missing.empty() ? "" : ", ") + w.value;
    }
    c.holds = !better.empty() && !worse.empty() && missing.empty();
    if (better.empty() || worse.empty())
        c.text = "no finite points to compare";
    else if (c.holds)
        c.text = "every point has a point of the other curve at least as good on both metrics";
    else
        c.text = "not covered: " + missing;
    return c;
}

Json Frontier::verdict(const std::string& claim, const Sweep& sweep, int xMetric, int yMetric,
                       const std::string& dominant, double tolerance)
{
    const auto& curves = sweep.curves();
    std::string name = dominant; // as the param writes it ("1.0" is the curve "1")
    std::string err;
    if (!curves.empty())
        if (const auto v = sweep.bySpec().parse(dominant, &err))
            name = sweep.bySpec().toText(*v);
    const size_t better = size_t(std::find(curves.begin(), curves.end(), name) - curves.begin());
    if (better >= curves.size())
        return Json::object({{"claim", Json(claim)}, {"holds", Json(false)},
                             {"detail", Json("the sweep has no curve '" + dominant + "'")}});
    const MetricSpec& mx = sweep.metrics().at(size_t(xMetric));
    const MetricSpec& my = sweep.metrics().at(size_t(yMetric));
    // A curve's points; per point the covering point's value under `key` and, when
    // `curveOf` is given, that point's curve under key + "_curve".
    auto curveJson = [&](const std::vector<FrontierPoint>& pts, size_t curve, const std::vector<std::string>& by,
                         const std::vector<std::string>* curveOf, const std::string& key) {
        Json list = Json::array();
        for (size_t i = 0; i < pts.size(); ++i) {
            Json p = Json::object({{sweep.param(), Json(pts[i].value)}, {mx.id, Json(pts[i].x)}, {my.id, Json(pts[i].y)}});
            p.set(key, by[i].empty() ? Json() : Json(by[i]));
            if (curveOf)
                p.set(key + "_curve", by[i].empty() ? Json() : Json((*curveOf)[i]));
            list.push(p);
        }
        return Json::object({{sweep.by(), Json(curves.at(curve))}, {"points", list}});
    };
    const std::vector<FrontierPoint> best = points(sweep, xMetric, yMetric, better);
    Json others = Json::array();
    bool holds = curves.size() > 1;
    std::string detail = curves.size() > 1 ? std::string() : "the sweep has one curve, nothing to compare with";
    auto explain = [&](const std::string& why) { detail = detail.empty() ? why : detail; }; // the first reason
    if (best.empty())
        explain("the " + name + " curve has no finite points (its runs diverged)");
    // The dominating curve's points, each with a point of another curve covering it (of
    // the first curve that has one).
    std::vector<std::string> coverValue(best.size()), coverCurve(best.size());
    std::vector<std::string> missing;
    for (size_t c = 0; c < curves.size(); ++c)
        if (c != better) {
            const std::vector<FrontierPoint> pts = points(sweep, xMetric, yMetric, c);
            const FrontierCheck check = dominates(best, pts, mx.higherIsBetter, my.higherIsBetter, tolerance);
            const FrontierCheck reverse = dominates(pts, best, mx.higherIsBetter, my.higherIsBetter, tolerance);
            holds = holds && check.holds && !reverse.holds;
            Json j = curveJson(pts, c, check.dominatedBy, nullptr, "covered_by");
            j.set("covers_all", check.holds);      // this curve is dominated
            j.set("covered_by_it", reverse.holds); // it dominates the claimed curve
            others.push(j);
            if (pts.empty())
                explain("the " + curves[c] + " curve has no finite points (its runs diverged)");
            for (size_t i = 0; i < pts.size(); ++i)
                if (check.dominatedBy[i].empty())
                    missing.push_back(curves[c] + " " + sweep.param() + "=" + pts[i].value);
            if (!best.empty() && reverse.holds)
                explain("every " + name + " point is also covered by " + curves[c] + ": no clear difference");
            for (size_t i = 0; i < best.size(); ++i)
                if (coverValue[i].empty() && !reverse.dominatedBy[i].empty()) {
                    coverValue[i] = reverse.dominatedBy[i];
                    coverCurve[i] = curves[c];
                }
        }
    if (!missing.empty() && !best.empty()) {
        std::string list;
        for (const std::string& m : missing)
            list += (list.empty() ? "" : "; ") + m;
        char tol[32];
        std::snprintf(tol, sizeof tol, "%g", tolerance);
        const std::string within = tolerance > 0 ? " within " + std::string(tol) : std::string();
        detail = "not covered" + within + ": " + list; // the reason that names the points comes first
    }
    Json j = Json::object();
    j.set("claim", claim);
    j.set("holds", holds);
    if (!holds)
        j.set("detail", detail);
    j.set("param", sweep.param());
    j.set("by", sweep.by());
    j.set("x", mx.id);
    j.set("y", my.id);
    j.set("seeds", sweep.seeds());
    j.set("tolerance", tolerance);
    j.set("statistic", "median over the seeds of each (curve, value), from sweep.csv");
    j.set("dominating", curveJson(best, better, coverValue, &coverCurve, "covered_by"));
    j.set("dominated", others);
    return j;
}

} // namespace reglab
