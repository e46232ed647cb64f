#pragma once
// A trade-off frontier (issue 14, L16): per curve of a sweep, the median over the seeds of
// two final metrics at each swept value, one point per value (accuracy on task A against
// accuracy on task B, one curve per penalty, lambda along each). And the claim that one
// curve's frontier dominates another's, in Pareto's sense: every point of the dominated
// curve has a point of the dominating one at least as good on both metrics ("good" as each
// metric says: higherIsBetter), and not the other way round. Everything is recomputable
// from sweep.csv: medians of the seeds' rows of each (curve, value).
//
// At their ends two frontiers can meet (L16: both weakest penalties are plain SGD, both
// strongest freeze the weights A needs), where the medians differ by the noise of the
// measurement alone. A tolerance, the noise of one metric value (L16: 0.01, two standard
// errors of an accuracy near 0.99 on 500 validation points), lets such ties count as ties;
// the reverse check (the other curve must not dominate, with the same tolerance) keeps
// the claim from holding between two equal curves.
#include "run/Json.h"
#include "run/Sweep.h"

#include <string>
#include <vector>

namespace reglab {

struct FrontierPoint {
    std::string value; // the swept param's value
    double x = 0, y = 0;
};

struct FrontierCheck {
    bool holds = false;
    // Per point of the dominated curve: the value of a point of the dominating curve at least
    // as good on both metrics, within the tolerance ("" when there is none).
    std::vector<std::string> dominatedBy;
    std::string text; // what holds, or which points are not dominated
};

class Frontier {
public:
    // The medians of metric indices xMetric and yMetric (into sweep.metrics()) per value of
    // the curve; values with no finite median on either are left out.
    static std::vector<FrontierPoint> points(const Sweep& sweep, int xMetric, int yMetric, size_t curve);

    // Does every point of `worse` have a point of `better` at least as good on both, within
    // `tolerance`? xHigher, yHigher: which way each metric is better.
    static FrontierCheck dominates(const std::vector<FrontierPoint>& better, const std::vector<FrontierPoint>& worse,
                                   bool xHigher, bool yHigher, double tolerance = 0);

    // frontier.json: the claim that the curve of value `dominant` (one of sweep.curves(), as
    // the param writes it or not) dominates every other curve and is not dominated by any;
    // whether it holds, and when not, "detail": one sentence on the first reason why (points
    // not covered, named, come first; else a curve with no finite points, another curve
    // covering the claimed one, no such curve). The dominating
    // curve's points with, per point, a point of another curve that covers it (covered_by,
    // covered_by_curve; null: none does); each other curve's points with the dominating
    // point that covers each (covered_by; null: none does).
    static Json verdict(const std::string& claim, const Sweep& sweep, int xMetric, int yMetric,
                        const std::string& dominant, double tolerance = 0);
};

} // namespace reglab
