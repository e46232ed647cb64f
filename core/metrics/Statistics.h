#pragma once
// Summaries the labs and sweeps share: the median of finite values, and Spearman's rank
// correlation (ties get their average rank, as scipy.stats.spearmanr does).
#include <vector>

namespace reglab {

// The median of the finite values (NaN when there are none).
double median(std::vector<double> values);

// Ranks 1..n in ascending order; tied values share the mean of their ranks.
std::vector<double> averageRanks(const std::vector<double>& values);

// Pearson's correlation of the average ranks of a and b (equal sizes >= 2); NaN when either
// is constant.
double spearman(const std::vector<double>& a, const std::vector<double>& b);

} // namespace reglab
