#include "Digits.h"

#include "CsvDataset.h"

#include <stdexcept>
#include <string_view>

namespace reglab {

namespace {

Dataset parseDigits()
{
    std::string error;
    const std::string_view text(reinterpret_cast<const char*>(kDigitsCsv), kDigitsCsvSize);
    std::optional<Dataset> parsed = parseCsvDataset(text, "digits.csv", &error);
    // Only a broken build gets here: the file is fixed and checked by the tests.
    if (!parsed)
        throw std::runtime_error("The embedded digits data is corrupt: " + error);
    if (parsed->features() != 64 || parsed->numClasses != 10)
        throw std::runtime_error("The embedded digits data has "
            + std::to_string(parsed->features()) + " features and "
            + std::to_string(parsed->numClasses) + " classes instead of 64 and 10.");
    Dataset d = std::move(*parsed);
    d.name = "digits";
    d.x /= 16.0f; // pixel counts 0..16 -> [0, 1]
    d.featureNames.clear();
    for (int j = 0; j < 64; ++j)
        d.featureNames.push_back("px" + std::to_string(j));
    return d;
}

} // namespace

Dataset loadDigits()
{
    static const Dataset digits = parseDigits(); // C++11 guarantees one thread-safe init
    return digits;
}

} // namespace reglab
