#pragma once
// Pictures a lab draws besides line charts, as plain data the UI paints (DESIGN section 3).
// Plain value types: they cross from the worker thread to the GUI thread by copy.
#include <cstdint>
#include <string>
#include <vector>

namespace reglab {

// A scalar field on a regular grid over [xMin, xMax] x [yMin, yMax], row-major, row 0 at
// yMax (top, as painted). For classifiers: `cls` is the predicted class per cell and
// `value` its probability; for a plain heatmap `cls` is empty.
struct GridView {
    std::string id, title;
    int width = 0, height = 0;
    double xMin = 0, xMax = 1, yMin = 0, yMax = 1;
    int numClasses = 0;
    std::vector<float> value;
    std::vector<int16_t> cls;
    // A matrix over named things (attention: query and key tokens) rather than a plane:
    // one name per column and per row; empty for a plane.
    std::vector<std::string> xLabels, yLabels;
    std::string note; // a line under the picture ("more A: A 5, B 3; predicted more A, 0.91")
};

// Labelled 2D points (train or val samples, GAN samples), optionally each with an arrow
// (dx, dy: a direction in data units, e.g. where the generator pushes a sample).
struct PointSetView {
    std::string id, title;
    std::vector<float> x, y;
    std::vector<int> label;
    std::vector<float> dx, dy; // empty: no arrows
    // The set differs between a run and its twin (generated samples), so a twin sends its
    // own; otherwise it is the lab's data, the same for both, and sent once.
    bool perRun = false;
};

// A regular grid's image under a map (the generator's warping of its noise space): points
// (x, y) of `rows` x `cols` grid nodes, row-major; painted as lines through every
// `stride`-th row and column.
struct MeshView {
    std::string id, title;
    int rows = 0, cols = 0, stride = 1;
    std::vector<float> x, y;
};

// The ranks (in percent) of HistogramView::percentiles, TensorBoard's distribution bands:
// min, 7, 16, 31, median, 69, 84, 93, max.
inline constexpr int kPercentileRanks[] = {0, 7, 16, 31, 50, 69, 84, 93, 100};
inline constexpr int kPercentileCount = int(sizeof(kPercentileRanks) / sizeof(kPercentileRanks[0]));

// Counts over equal-width bins spanning [lo, hi], and the values at kPercentileRanks of the
// same (finite) values: kPercentileCount numbers in rank order, or empty when not computed.
struct HistogramView {
    std::string id, title;
    double lo = 0, hi = 1;
    std::vector<double> counts;
    std::vector<double> percentiles;
};

struct LabViews {
    int64_t step = 0;
    std::vector<GridView> grids;
    std::vector<PointSetView> points;
    std::vector<HistogramView> histograms;
    std::vector<MeshView> meshes;
    // What the last step did, when the lab is stepped slowly enough for it to be read
    // ("D update 2 of 5: ..."); empty otherwise.
    std::string caption;
};

} // namespace reglab
