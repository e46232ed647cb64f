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
};

// Labelled 2D points (train or val samples, GAN samples).
struct PointSetView {
    std::string id, title;
    std::vector<float> x, y;
    std::vector<int> label;
};

// Counts over equal-width bins spanning [lo, hi].
struct HistogramView {
    std::string id, title;
    double lo = 0, hi = 1;
    std::vector<double> counts;
};

struct LabViews {
    int64_t step = 0;
    std::vector<GridView> grids;
    std::vector<PointSetView> points;
    std::vector<HistogramView> histograms;
};

} // namespace reglab
