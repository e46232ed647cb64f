#pragma once
// A labelled data set: one sample per row of x, class index per sample in y.
#include "Types.h"

#include <string>
#include <vector>

namespace reglab {

struct Dataset {
    std::string name;                      // "spiral", "digits", a file name
    MatF x;                                // (n, features)
    std::vector<int> y;                    // (n), each in [0, numClasses)
    int numClasses = 0;
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
