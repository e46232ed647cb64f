#pragma once
// A labelled data set: one sample per row of x, and per sample a class index in y or, for a
// regression, a target value (then y is empty and numClasses 0).
#include "Types.h"

#include <string>
#include <vector>

namespace reglab {

struct Dataset {
    std::string name;                      // "spiral", "digits", a file name
    MatF x;                                // (n, features)
    std::vector<int> y;                    // (n), each in [0, numClasses); empty for a regression
    int numClasses = 0;
    std::vector<float> target;             // (n) regression targets; empty for classes
    std::vector<std::string> featureNames; // optional, size = features when set
    std::vector<std::string> classNames;   // optional, size = numClasses when set

    Index size() const { return x.rows(); }
    Index features() const { return x.cols(); }
};

// A data set cut into the part that trains and the part that measures generalisation.
struct DataSplit {
    Dataset train, val;
};

} // namespace reglab
