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
    // Signed values around 0 (a regressor's output): a diverging map centred at 0, shared
    // with the points' values.
    bool centered = false;
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
    std::vector<float> value; // a value per point (regression targets) instead of a label
};

// A regular grid's image under a map (the generator's warping of its noise space): points
// (x, y) of `rows` x `cols` grid nodes, row-major; painted as lines through every
// `stride`-th row and column.
// With rows = 1 it is one polyline (a separating line); `dashed` draws it dashed.
struct MeshView {
    std::string id, title;
    int rows = 0, cols = 0, stride = 1;
    std::vector<float> x, y;
    bool dashed = false;
};

// The ranks (in percent) of HistogramView::percentiles, TensorBoard's distribution bands:
// min, 7, 16, 31, median, 69, 84, 93, max.
inline constexpr int kPercentileRanks[] = {0, 7, 16, 31, 50, 69, 84, 93, 100};
inline constexpr int kPercentileCount = int(sizeof(kPercentileRanks) / sizeof(kPercentileRanks[0]));

// Counts over equal-width bins spanning [lo, hi], and the values at kPercentileRanks of the
// same (finite) values: kPercentileCount numbers in rank order, or empty when not computed.
struct HistogramView {
    std::string id, title;
    std::string valueLabel{}; // the value axis' title; "" means "weight value"
    double lo = 0, hi = 1;
    std::vector<double> counts;
    std::vector<double> percentiles;
};

// One unit of a NetworkView: what it computes over the input plane, on a side x side grid
// (row-major, row 0 at yMax, as GridView).
struct NetworkNode {
    std::string label;      // "x1", "unit 3", "class 1"
    std::vector<float> map; // hidden units: their activation; outputs: class probability
    float scale = 1;        // the largest |value| of the map (colours: value / scale)
    bool dead = false;      // a hidden unit that outputs 0 for every validation input
};

// A column of the network: its first nodes (at most a cap) of `units`.
struct NetworkLayer {
    std::string title; // "input", "hidden 1", "output"
    int units = 0;     // the layer's width; units - nodes.size() are not shown
    int deadUnits = 0; // among all units (shown or not)
    std::vector<NetworkNode> nodes;
    // The weights of the links from the previous layer's shown nodes into this one's:
    // weightsIn[to * previous.nodes.size() + from]. Empty for the input layer, and when
    // what lies between is not one Linear layer (a branch block).
    std::vector<float> weightsIn;
};

// TensorFlow Playground's network picture: inputs, every hidden unit and the outputs as
// small maps over the 2D input plane ([xMin, xMax] x [yMin, yMax]), joined by their weights.
struct NetworkView {
    std::string id, title;
    int side = 0;
    double xMin = 0, xMax = 1, yMin = 0, yMax = 1;
    std::vector<NetworkLayer> layers;
    std::string note;
};

// Small images (digits) with the true and predicted class each: count x height x width
// pixels, row-major, values in [0, 1].
struct ImagesView {
    std::string id, title;
    int width = 0, height = 0;
    std::vector<float> pixels;
    std::vector<int> label, predicted; // one per image
    std::vector<std::string> classNames;
    int count() const { return int(label.size()); }
};

// A value per position along a sequence (per-site coefficients along a protein): bars at
// `position`, coloured by `kind` (0: buried, 1: surface; see kindNames), a reference
// line `truth` on the same scale (empty: none), and a mark above each position flagged
// in `marked` (the true top sites). All vectors have one entry per position.
struct ProfileView {
    std::string id, title;
    std::vector<int> position;
    std::vector<float> value;
    std::vector<float> truth;
    std::vector<int> kind;
    std::vector<std::string> kindNames; // legend names of the kinds ("buried", "surface")
    std::vector<uint8_t> marked;
    std::string valueLabel, truthLabel, markLabel; // legend: "ridge", "measured", "true top 10"
    std::string note;
    // The twin fits other data or another model: each run sends its own profile.
    bool perRun = true;
};

// A cart-pole episode played by a policy (the `dqn` lab's greedy policy), one entry per
// 0.02 s frame: the cart's position and the pole's angle (radians, 0 upright, positive
// leaning right), and the action taken there (0 left, 1 right; the last frame has none).
// The picture plays the frames in time and marks the limits where the episode ends.
struct CartPoleView {
    std::string id, title;
    std::vector<float> x, theta;
    std::vector<int8_t> action;
    double xLimit = 2.4, thetaLimit = 0.2094; // termination thresholds (m, rad)
    std::string note; // "greedy policy: 500 steps (the limit), return 500"
    bool perRun = true; // a twin plays its own policy
};

struct LabViews {
    int64_t step = 0;
    std::vector<GridView> grids;
    std::vector<PointSetView> points;
    std::vector<HistogramView> histograms;
    std::vector<MeshView> meshes;
    std::vector<NetworkView> networks;
    std::vector<ImagesView> images;
    std::vector<ProfileView> profiles;
    std::vector<CartPoleView> cartPoles;
    // What the last step did, when the lab is stepped slowly enough for it to be read
    // ("D update 2 of 5: ..."); empty otherwise.
    std::string caption;
};

} // namespace reglab
