#pragma once
// The UCI 8x8 handwritten digits (resources/data/README.md): 1,797 images of 64 pixel counts,
// embedded in the library at build time so no data path is needed at run time.
#include "Dataset.h"

#include <cstddef>

namespace reglab {

// The embedded CSV text (64 pixel values 0..16, then the label, one image per line); generated
// from resources/data/digits.csv by cmake/EmbedText.cmake. kDigitsCsvSize excludes the final NUL.
extern const unsigned char kDigitsCsv[];
extern const std::size_t kDigitsCsvSize;

// Features scaled to [0, 1] (pixel / 16), featureNames "px0".."px63" (row-major), numClasses 10,
// classNames "0".."9", name "digits". Parsed once (thread-safe) and copied out.
Dataset loadDigits();

} // namespace reglab
