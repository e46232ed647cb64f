#pragma once
// The classify lab's pictures, built from its network and data: the decision boundary (or a
// regressor's output) over the plane, the network view (every unit's map over the input
// plane), the validation confusion matrix and, for image data (digits), validation images
// with their predictions.
#include "data/Dataset.h"
#include "data/FeatureMap.h"
#include "labs/LabViews.h"
#include "nn/Sequential.h"

#include <cstdint>
#include <vector>

namespace reglab {

// At most this many units of a layer are drawn in the network view.
inline constexpr int kNetworkMaxUnits = 16;

// One evaluation pass over x, layer by layer. predicted: the arg-max class per row.
// alive: per top-level activation layer (the hidden layers), per unit, 1 when the unit's
// output is nonzero for some row. Either may be null.
void validationPass(const Sequential<float>& net, const MatF& x, std::vector<int>* predicted,
                    std::vector<std::vector<uint8_t>>* alive);

// The net over the plane of the 2D `points` (train and val, padded by a tenth), side x side
// cells, fed their `features`. Classes: each cell's predicted class and its softmax
// probability, id "boundary". A regression (one output): the output, centred at 0, id "output".
GridView makePlaneGrid(const Sequential<float>& net, const DataSplit& points, const FeatureMap& features, int side,
                       bool regression);

// The network over the plane of `domain` (its xMin..yMax) on a side x side grid, all maps
// from one batched forward of the grid points. alive: validationPass's, for the dead flags
// (empty: none dead). The inputs are the features of the plane's points (x1, x2, x1², ...).
// The outputs are the classes' probabilities, or a regressor's one value.
NetworkView makeNetworkView(const Sequential<float>& net, const GridView& domain, int side,
                            const std::vector<std::vector<uint8_t>>& alive, const FeatureMap& features = {},
                            int maxUnits = kNetworkMaxUnits);

// Counts of the validation set, rows the true class, columns the predicted one (value
// row-major, row 0 = class 0), class names on both axes; id "confusion".
GridView makeConfusionMatrix(const std::vector<int>& truth, const std::vector<int>& predicted, int numClasses,
                             const std::vector<std::string>& classNames = {});

// The first `count` samples of d as side x side images (features = side * side, values
// in [0, 1]) with their true and predicted classes; id "images".
ImagesView makeImagesView(const Dataset& d, const std::vector<int>& predicted, int count);

} // namespace reglab
