#include "run/TwinViews.h"

#include <utility>

namespace reglab {

LabViews withTwinViews(LabViews v, LabViews t, const std::string& label)
{
    const std::string suffix = " (twin: " + label + ")";
    for (auto& g : t.grids) {
        g.id = "twin_" + g.id;
        g.title = "Twin: " + label; // short: it sits beside the main picture
        v.grids.push_back(std::move(g));
    }
    for (auto& h : t.histograms) {
        h.id = "twin_" + h.id;
        h.title += suffix;
        v.histograms.push_back(std::move(h));
    }
    for (auto& p : t.points)
        if (p.perRun) {
            p.id = "twin_" + p.id;
            v.points.push_back(std::move(p));
        }
    for (auto& m : t.meshes) {
        m.id = "twin_" + m.id;
        v.meshes.push_back(std::move(m));
    }
    for (auto& n : t.networks) {
        n.id = "twin_" + n.id;
        n.title = "Twin: " + label;
        v.networks.push_back(std::move(n));
    }
    for (auto& i : t.images) {
        i.id = "twin_" + i.id;
        i.title = "Twin: " + label;
        v.images.push_back(std::move(i));
    }
    // A profile is the run's own fit (other data or another model): the twin's beside it.
    for (auto& p : t.profiles)
        if (p.perRun) {
            p.id = "twin_" + p.id;
            p.title = "Twin: " + label;
            v.profiles.push_back(std::move(p));
        }
    // A cart-pole episode is the run's own policy playing: the twin's below it.
    for (auto& c : t.cartPoles)
        if (c.perRun) {
            c.id = "twin_" + c.id;
            c.title = "Twin: " + label;
            v.cartPoles.push_back(std::move(c));
        }
    return v;
}

} // namespace reglab
