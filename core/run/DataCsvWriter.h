#pragma once
// DIR/data/train.csv and val.csv of `reglab run`: one sample per line, the features then
// the class label, under a header of feature names (`x0,x1,...` when the set has none)
// and `label`. Written here until the data module has its own CSV writer.
#include "data/Dataset.h"

#include <ostream>
#include <string>

namespace reglab {

class DataCsvWriter {
public:
    static void write(std::ostream& out, const Dataset& data);
    // "" on success, else one clear sentence.
    static std::string write(const std::string& path, const Dataset& data);
};

} // namespace reglab
