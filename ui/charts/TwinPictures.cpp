#include "charts/TwinPictures.h"

#include <algorithm>
#include <string>

namespace {
bool isTwin(const std::string& id) { return id.rfind("twin_", 0) == 0; }
} // namespace

TwinPictures TwinPictures::of(const reglab::LabViews& views)
{
    TwinPictures out;
    // A matrix over named things (attention maps) is not a plane picture: AttentionPicture
    // draws those.
    for (const auto& g : views.grids)
        if (!isTwin(g.id) && g.xLabels.empty()) {
            out.main.grid = &g;
            break;
        }
    for (const auto& g : views.grids)
        if (out.main.grid && g.id == "twin_" + out.main.grid->id)
            out.twin.grid = &g;
    // The twin's own set where it has one, else the data (the same for both runs).
    for (const auto& p : views.points) {
        if (isTwin(p.id))
            continue;
        out.main.points.push_back(p);
        const auto own = std::find_if(views.points.begin(), views.points.end(),
                                      [&](const auto& t) { return p.perRun && t.id == "twin_" + p.id; });
        out.twin.points.push_back(own != views.points.end() ? *own : p);
        out.twin.points.back().id = p.id;
    }
    for (const auto& m : views.meshes)
        (isTwin(m.id) ? out.twin.meshes : out.main.meshes).push_back(m);
    return out;
}
