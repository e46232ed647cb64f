#include "Split.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <utility>
#include <vector>

namespace reglab {

namespace {

// Same metadata as `data`, rows order[begin, end).
Dataset takeRows(const Dataset& data, const std::vector<Index>& order, Index begin, Index end)
{
    Dataset part;
    part.name = data.name;
    part.numClasses = data.numClasses;
    part.featureNames = data.featureNames;
    part.classNames = data.classNames;
    part.x.resize(end - begin, data.features());
    part.y.resize(data.y.empty() ? 0 : std::size_t(end - begin));
    part.target.resize(data.target.empty() ? 0 : std::size_t(end - begin));
    for (Index i = begin; i < end; ++i) {
        const std::size_t from = std::size_t(order[std::size_t(i)]);
        part.x.row(i - begin) = data.x.row(Index(from));
        if (!data.y.empty())
            part.y[std::size_t(i - begin)] = data.y[from];
        if (!data.target.empty())
            part.target[std::size_t(i - begin)] = data.target[from];
    }
    return part;
}

} // namespace

DataSplit splitTrainVal(const Dataset& data, double trainFraction, Rng& rng)
{
    const Index n = data.size();
    if (n < 2)
        throw std::invalid_argument("Cannot split the data set '" + data.name + "' of "
            + std::to_string(n) + " samples; it needs at least 2.");
    const bool targets = data.y.empty() && !data.target.empty(); // a regression
    if (Index(targets ? data.target.size() : data.y.size()) != n)
        throw std::invalid_argument("The data set '" + data.name + "' has "
            + std::to_string(targets ? data.target.size() : data.y.size()) + (targets ? " targets" : " labels")
            + " for " + std::to_string(n) + " samples.");
    if (!(trainFraction >= 0.0 && trainFraction <= 1.0))
        throw std::invalid_argument(
            "The training fraction must be in [0, 1], got " + std::to_string(trainFraction) + ".");
    if (n > Index(UINT32_MAX))
        throw std::invalid_argument("The data set '" + data.name + "' is too large to shuffle.");

    std::vector<Index> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), Index(0));
    for (Index i = n - 1; i > 0; --i) // Fisher-Yates, back to front
        std::swap(order[std::size_t(i)], order[rng.below(uint32_t(i + 1))]);

    Index numTrain = Index(std::llround(trainFraction * double(n)));
    numTrain = std::min(std::max(numTrain, Index(1)), n - 1);

    DataSplit split;
    split.train = takeRows(data, order, 0, numTrain);
    split.val = takeRows(data, order, numTrain, n);
    return split;
}

} // namespace reglab
