#pragma once
// Optional second interface of a lab: what `reglab run --out DIR` writes besides metrics
// (DIR/model/<name>.npy, DIR/data/train.csv and val.csv). A lab opts in by also deriving
// from ExportableLab; the runner finds it with dynamic_cast, so labs without a model or
// data (e.g. tabular Q-learning) simply don't derive from it.
#include "Types.h"
#include "data/Dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace reglab {

// One model tensor as written to DIR/model/<name>.npy ('<f4', C order).
struct NamedTensor {
    std::string name; // file stem, e.g. "layer0.weight" (in, out), "layer0.bias" (1, out)
    MatF value;       // (rows, cols)
    // Write a 1-row tensor as 1-D shape (cols,) instead of (1, cols): biases.
    bool asVector = false;
};

class ExportableLab {
public:
    virtual ~ExportableLab() = default;

    // Current model parameters, in a stable order. Names must be usable as file names
    // (letters, digits, '.', '_', '-').
    virtual std::vector<NamedTensor> tensors() const = 0;
    // The train/val split the lab trains on, or nullptr when it has none. Owned by the lab.
    virtual const DataSplit* data() const = 0;
    // Early stopping: the step whose weights are (or would be) restored as the best, or -1
    // when early stopping is off or has not recorded a best step. Goes into summary.json.
    virtual int64_t earlyStopBestStep() const { return -1; }
};

} // namespace reglab
