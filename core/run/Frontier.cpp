#include "run/Frontier.h"

#include "metrics/Statistics.h"

#include <algorithm>
#include <cmath>

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
    auto margin = [tolerance](double a, double b, bool higher) { return (higher ? a - b : b - a) + tolerance; };
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
    const size_t better = size_t(std::find(curves.begin(), curves.end(), dominant) - curves.begin());
    if (better >= curves.size())
        return Json::object({{"claim", Json(claim)}, {"holds", Json(false)},
                             {"detail", Json("the sweep has no curve '" + dominant + "'")}});
    const MetricSpec& mx = sweep.metrics().at(size_t(xMetric));
    const MetricSpec& my = sweep.metrics().at(size_t(yMetric));
    auto curveJson = [&](const std::vector<FrontierPoint>& pts, size_t curve, const FrontierCheck& check,
                         const char* key) {
        Json list = Json::array();
        for (size_t i = 0; i < pts.size(); ++i) {
            Json p = Json::object({{sweep.param(), Json(pts[i].value)}, {mx.id, Json(pts[i].x)}, {my.id, Json(pts[i].y)}});
            p.set(key, check.dominatedBy[i].empty() ? Json() : Json(check.dominatedBy[i]));
            list.push(p);
        }
        return Json::object({{sweep.by(), Json(sweep.curves().at(curve))}, {"points", list}});
    };
    const std::vector<FrontierPoint> best = points(sweep, xMetric, yMetric, better);
    Json others = Json::array();
    bool holds = sweep.curves().size() > 1 && better < sweep.curves().size();
    // The dominating curve's points, each with the first other curve's point covering it.
    FrontierCheck reverseOfFirst;
    for (size_t c = 0; c < sweep.curves().size(); ++c)
        if (c != better) {
            const std::vector<FrontierPoint> pts = points(sweep, xMetric, yMetric, c);
            const FrontierCheck check = dominates(best, pts, mx.higherIsBetter, my.higherIsBetter, tolerance);
            const FrontierCheck reverse = dominates(pts, best, mx.higherIsBetter, my.higherIsBetter, tolerance);
            holds = holds && check.holds && !reverse.holds;
            Json j = curveJson(pts, c, check, "covered_by");
            j.set("covers_all", check.holds);      // this curve is dominated
            j.set("covered_by_it", reverse.holds); // it dominates the claimed curve
            others.push(j);
            if (reverseOfFirst.dominatedBy.empty())
                reverseOfFirst = reverse;
        }
    Json j = Json::object();
    j.set("claim", claim);
    j.set("holds", holds);
    j.set("param", sweep.param());
    j.set("by", sweep.by());
    j.set("x", mx.id);
    j.set("y", my.id);
    j.set("seeds", sweep.seeds());
    j.set("tolerance", tolerance);
    j.set("statistic", "median over the seeds of each (curve, value), from sweep.csv");
    if (reverseOfFirst.dominatedBy.size() == best.size())
        j.set("dominating", curveJson(best, better, reverseOfFirst, "covered_by"));
    j.set("dominated", others);
    return j;
}

std::vector<std::string> Frontier::uncovered(const Json& verdict)
{
    std::vector<std::string> out;
    const std::string by = verdict.find("by") ? verdict.find("by")->toString() : std::string();
    const std::string param = verdict.find("param") ? verdict.find("param")->toString() : std::string();
    if (const Json* d = verdict.find("dominated"))
        for (const Json& curve : d->items())
            if (const Json* pts = curve.find("points"))
                for (const Json& p : pts->items())
                    if (p.find("covered_by") && p.find("covered_by")->isNull())
                        out.push_back(curve.find(by)->toString() + " " + param + "=" + p.find(param)->toString());
    return out;
}

} // namespace reglab
