#pragma once
// The worker sends one LabViews for a run and its twin: the twin's pictures as twin_<id>,
// its own point sets (perRun: generated samples) and meshes too, while the data points are
// sent once. This sorts them back into what each of the two pictures draws.
#include "labs/LabViews.h"

#include <vector>

struct RunPictures {
    const reglab::GridView* grid = nullptr; // points into the LabViews it came from
    std::vector<reglab::PointSetView> points;
    std::vector<reglab::MeshView> meshes;
};

struct TwinPictures {
    RunPictures main, twin; // twin.grid is null when there is no twin
    // The main picture is the first grid without the twin_ prefix; the twin's is its twin_
    // namesake. The twin's point sets come in the main run's order, ids without the prefix.
    static TwinPictures of(const reglab::LabViews& views);
};
