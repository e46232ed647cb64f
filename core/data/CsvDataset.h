#pragma once
// Reading and writing labelled data sets as CSV: one sample per line, "feature, ..., label".
//
// Reading:
//  - comma separated; spaces around fields and one pair of surrounding double quotes are
//    stripped (no quoted commas); LF, CRLF and CR-only line ends and a UTF-8 byte-order
//    mark are accepted;
//    blank lines are skipped (line numbers in messages still count them);
//  - the first line is a header when one of its feature fields is not a number, or when its
//    label is not a number but the next line's label is; its feature names become
//    featureNames (without a header featureNames stays empty);
//  - numbers are read locale-independently ("1.5", "-2e-3"); NaN and infinities are refused;
//  - labels: if every label is a whole number in [0, kMaxCsvClasses) it is the class index
//    itself (numClasses = largest + 1, so a file missing some class still means the same
//    classes); otherwise the distinct labels, sorted (numerically when all are whole numbers,
//    else as byte strings), become classes 0..k-1. classNames holds the label text per class.
//  - at least 2 distinct classes and at most kMaxCsvClasses classes.
// Limits: regular files only (a FIFO or a device is refused, never read), at most
// kMaxCsvBytes and kMaxCsvFeatures feature columns. Memory is about the size of the data set
// (4 bytes a value), not of the text: the file is read in chunks, twice.
// Every failure returns nullopt and one sentence naming the file (and the line, when one is to
// blame) in *error.
//
// Writing: a header row (featureNames, or x0..x{n-1}, then "label"), then each sample's features
// in the shortest form that reads back to the same float, and its class index. The file is
// written to a temporary name and renamed, so a failed write leaves no half file.
#include "Dataset.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reglab {

constexpr int kMaxCsvClasses = 100;
constexpr std::uint64_t kMaxCsvBytes = std::uint64_t(256) << 20; // 256 MB
constexpr std::size_t kMaxCsvFeatures = 4096;                    // a 64 x 64 image

std::optional<Dataset> loadCsvDataset(const std::string& path, std::string* error);

// Same as loadCsvDataset on text already in memory; `source` names it in messages and, without
// its directory and extension, becomes the data set's name.
std::optional<Dataset> parseCsvDataset(std::string_view text, const std::string& source,
                                       std::string* error);

// The features, then the label; for a regression (Dataset::target) a "target" column of
// values, which the loader above does not read back as one.
bool writeCsvDataset(const Dataset& data, const std::string& path, std::string* error);

} // namespace reglab
