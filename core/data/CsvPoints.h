#pragma once
// Reading and writing a cloud of 2D points as CSV: the target the user drew for the `gan`
// lab, or any file of points (`reglab run gan --set target=drawn --set target_file=pts.csv`).
//
// Reading:
//  - one point a line, "x,y"; a third column is allowed and ignored (a label, so the
//    data/train.csv that `reglab run classify --out` writes for a 2D set reads as points);
//    four or more columns are refused, and every line has the columns of the first;
//  - comma separated; spaces around fields and one pair of surrounding double quotes are
//    stripped; LF, CRLF and CR-only line ends and a UTF-8 byte-order mark are accepted;
//    blank lines are skipped (line numbers in messages still count them);
//  - the first line is a header when neither x nor y on it is a number ("x,y");
//  - numbers are read locale-independently ("1.5", "-2e-3"); NaN, infinities and values
//    beyond the float range are refused;
//  - at least 1 and at most kMaxCsvPoints points.
// Limits: regular files only (a FIFO or a device is refused, never read), at most
// kMaxCsvPointsBytes. Every failure returns nullopt and one sentence naming the file (and
// the line, when one is to blame) in *error.
//
// Writing: the header "x,y", then each point in the shortest text that reads back to the
// same float. The file is written to a temporary name and renamed, so a failed write leaves
// no half file.
#include "Types.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reglab {

constexpr Index kMaxCsvPoints = 100000;
constexpr std::uint64_t kMaxCsvPointsBytes = std::uint64_t(16) << 20; // 16 MB: 160 bytes a point

// The points, (n, 2).
std::optional<MatF> loadCsvPoints(const std::string& path, std::string* error);
// Same as loadCsvPoints on text already in memory; `source` names it in messages.
std::optional<MatF> parseCsvPoints(std::string_view text, const std::string& source, std::string* error);

// `points` must be (n, 2) with 1 <= n <= kMaxCsvPoints and finite: what loadCsvPoints reads.
bool writeCsvPoints(const MatF& points, const std::string& path, std::string* error);

} // namespace reglab
