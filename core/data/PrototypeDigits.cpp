#include "data/PrototypeDigits.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace reglab {

Dataset PrototypeDigits::make(int count, double noise, Rng& rng)
{
    if (count < kClasses)
        throw std::invalid_argument("prototype digits need at least one sample per class (10)");
    std::vector<int> inputs(kInputs);
    std::iota(inputs.begin(), inputs.end(), 0);
    for (size_t k = inputs.size(); k > 1; --k) // Fisher-Yates: the first kActive are the active inputs
        std::swap(inputs[k - 1], inputs[rng.below(uint32_t(k))]);
    inputs.resize(kActive);
    std::sort(inputs.begin(), inputs.end());

    MatF prototypes(kClasses, kActive);
    for (Index k = 0; k < prototypes.size(); ++k)
        prototypes.data()[k] = float(rng.uniform());

    Dataset d;
    d.name = "prototypes";
    d.numClasses = kClasses;
    d.x = MatF::Zero(count, kInputs);
    d.y.resize(size_t(count));
    std::vector<int> order(static_cast<size_t>(count));
    std::iota(order.begin(), order.end(), 0);
    for (size_t k = order.size(); k > 1; --k)
        std::swap(order[k - 1], order[rng.below(uint32_t(k))]);
    for (int i = 0; i < count; ++i) {
        const int row = order[size_t(i)], c = i % kClasses;
        d.y[size_t(row)] = c;
        for (int a = 0; a < kActive; ++a) {
            const double v = prototypes(c, a) + noise * rng.normal();
            d.x(row, inputs[size_t(a)]) = float(std::clamp(v, 0.0, 1.0));
        }
    }
    for (int p = 0; p < kInputs; ++p)
        d.featureNames.push_back("px" + std::to_string(p));
    for (int c = 0; c < kClasses; ++c)
        d.classNames.push_back(std::to_string(c));
    return d;
}

} // namespace reglab
