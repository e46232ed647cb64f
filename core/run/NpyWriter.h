#pragma once
// NumPy .npy files (format version 1.0) for model tensors: dtype '<f4', C (row-major)
// order, so `numpy.load("layer0.weight.npy")` gives the matrix as the lab uses it.
// Layout: magic "\x93NUMPY", version 1 0, uint16 little-endian header length, the header
// dict padded with spaces and ended by '\n' so the data starts at a multiple of 64 bytes,
// then rows*cols little-endian float32.
#include "Types.h"

#include <string>

namespace reglab {

class NpyWriter {
public:
    // The header bytes (magic to '\n'). vector: shape (cols,) for a 1-row matrix.
    static std::string header(Index rows, Index cols, bool vector = false);
    // The whole file as bytes. vector is ignored unless m has exactly one row.
    static std::string encode(const MatF& m, bool vector = false);
    // Writes the file; "" on success, else one clear sentence.
    static std::string write(const std::string& path, const MatF& m, bool vector = false);
};

} // namespace reglab
