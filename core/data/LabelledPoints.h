#pragma once
// The 2D points a user draws on the boundary picture (ConvNetJS classify2d: click adds a
// point, shift-click one of the other class, ctrl-click deletes), kept as the text of a
// `points` parameter so sessions, the event log, the CLI and twins carry them like any
// other value.
//
// Text: points separated by ';', each "x,y,class" or "x,y,class,v" (v: a validation
// point; the others train). Numbers are read locale-independently; spaces around fields
// are allowed. At most kMaxLabelledPoints points, classes 0..kMaxPointClasses-1, finite
// coordinates. An empty text is an empty set.
#include "data/Dataset.h"

#include <optional>
#include <string>
#include <vector>

namespace reglab {

constexpr int kMaxLabelledPoints = 5000;
constexpr int kMaxPointClasses = 10;

struct LabelledPoint {
    float x = 0, y = 0;
    int label = 0;
    bool val = false;
    bool operator==(const LabelledPoint& o) const
    {
        return x == o.x && y == o.y && label == o.label && val == o.val;
    }
};

// nullopt and one sentence in *error when the text is not such a list.
std::optional<std::vector<LabelledPoint>> parseLabelledPoints(const std::string& text, std::string* error);
// The shortest text that parses back to the same points.
std::string formatLabelledPoints(const std::vector<LabelledPoint>& points);

// The points of a split (2D data): train points first, then val points.
std::vector<LabelledPoint> labelledPointsOf(const DataSplit& split);
// The split the points make: train and val parts in their order, numClasses = the
// largest class + 1 (at least 2), named `name`.
DataSplit splitOf(const std::vector<LabelledPoint>& points, const std::string& name);

// CSV for a spreadsheet or `--set dataset=csv --set csv_file=F`: the header "x1,x2,label",
// then one row a point (the train/val roles are not kept: the csv data set draws its own).
std::string labelledPointsCsv(const std::vector<LabelledPoint>& points);

} // namespace reglab
