#include "CsvDataset.h"
#include "data/CsvText.h"
#include "data/LineReader.h"
#include "MessageText.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <system_error>
#include <vector>

namespace reglab {

namespace {

namespace fs = std::filesystem;
using namespace csvtext;

const std::string kKind = "data file";

// The distinct label texts of a file, in order of first appearance, and what they mean.
struct LabelText {
    std::string text;
    int line = 0; // first line it is on
};
constexpr std::size_t kMaxDistinctLabels = 10000; // counted for the message, then given up

// Reads a CSV data set in two passes over the lines (makeReader() starts a new pass): the
// first counts the data rows (so the matrix is allocated once, at its final size), the
// second parses them. Memory is the data set itself plus a few lines, whatever the file.
template <typename MakeReader>
std::optional<Dataset> readCsv(MakeReader makeReader, const std::string& source, std::string* error)
{
    const std::string shownSource = shownValue(source, 200);
    const auto failAt = [&](int line, const std::string& what) {
        fail(error, atLine(shownSource, line, what));
        return std::nullopt;
    };
    const auto failRead = [&](LineReader& r) {
        fail(error, readFailure(r, shownSource, kKind, kMaxCsvBytes));
        return std::nullopt;
    };

    // Pass 1: the first two non-blank lines (header detection) and the number of rows.
    std::string firstLine, secondLine;
    int firstNo = 0;
    std::size_t nonBlank = 0;
    {
        auto reader = makeReader();
        std::string_view line;
        while (reader->next(&line)) {
            stripBom(line, reader->lineNumber());
            line = trim(line);
            if (line.empty())
                continue;
            if (nonBlank == 0) {
                firstLine = std::string(line);
                firstNo = reader->lineNumber();
            } else if (nonBlank == 1) {
                secondLine = std::string(line);
            }
            ++nonBlank;
        }
        if (reader->failed() || reader->tooLarge())
            return failRead(*reader);
    }
    if (nonBlank == 0) {
        fail(error, shownSource + " is empty; expected lines of comma-separated features followed by a label.");
        return std::nullopt;
    }

    std::vector<std::string_view> first, fields;
    splitFields(firstLine, first);
    const std::size_t numFields = first.size();
    if (numFields < 2)
        return failAt(firstNo,
                      "has a single column; a data set needs at least one feature column and a label column");
    if (numFields - 1 > kMaxCsvFeatures)
        return failAt(firstNo, "has " + std::to_string(numFields - 1) + " feature columns, but at most "
                                   + std::to_string(kMaxCsvFeatures) + " are supported");

    // Header: a feature that is not a number, or a non-numeric label above a numeric one.
    bool header = false;
    for (std::size_t j = 0; j + 1 < numFields; ++j)
        header = header || !isNumber(first[j]);
    if (!header && !isNumber(first.back()) && nonBlank > 1) {
        splitFields(secondLine, fields);
        if (fields.size() == numFields && isNumber(fields.back()))
            header = true;
    }

    Dataset data;
    data.name = fs::path(source).stem().string();
    if (header)
        for (std::size_t j = 0; j + 1 < numFields; ++j) {
            const std::string_view name = first[j];
            data.featureNames.push_back(name.empty() ? "x" + std::to_string(j) : std::string(name));
        }
    const Index n = Index(nonBlank - (header ? 1 : 0));
    if (n == 0) {
        fail(error, shownSource + " has a header line but no data rows.");
        return std::nullopt;
    }
    const Index numFeatures = Index(numFields - 1);
    data.x.resize(n, numFeatures);
    data.y.resize(std::size_t(n));

    // Pass 2: the rows. Labels are collected as distinct texts (at most a few hundred in any
    // usable file) and decided on at the end.
    std::vector<LabelText> distinct;
    std::map<std::string, int, std::less<>> idOf;
    bool sawName = false; // a label that is not a number: every label is a name
    {
        auto reader = makeReader();
        std::string_view line;
        Index i = 0;
        bool skippedHeader = !header;
        while (reader->next(&line)) {
            stripBom(line, reader->lineNumber());
            line = trim(line);
            if (line.empty())
                continue;
            if (!skippedHeader) {
                skippedHeader = true;
                continue;
            }
            const int lineNo = reader->lineNumber();
            if (i >= n)
                break; // the file grew between the passes
            splitFields(line, fields);
            if (fields.size() != numFields)
                return failAt(lineNo, "has " + std::to_string(fields.size()) + " fields, but line "
                                          + std::to_string(firstNo) + " has " + std::to_string(numFields));
            for (Index j = 0; j < numFeatures; ++j) {
                const std::string problem = readFloat(fields[std::size_t(j)], data.x(i, j));
                if (!problem.empty())
                    return failAt(lineNo, "column " + std::to_string(j + 1) + " " + problem);
            }
            const std::string_view label = fields.back();
            if (label.empty())
                return failAt(lineNo, "has an empty label (last column)");
            auto it = idOf.find(label);
            if (it == idOf.end()) {
                double v = 0.0;
                const Num num = parseNumber(label, v);
                if (num == Num::NotANumber) {
                    sawName = true;
                } else if (!sawName) { // numbers are class labels unless a name came first
                    if (num != Num::Ok || !std::isfinite(v) || v != std::floor(v))
                        return failAt(lineNo, "has the label " + quoted(label)
                                                  + ", which is not a whole number; the last column must hold "
                                                    "class labels");
                    if (std::abs(v) > 1e15)
                        return failAt(lineNo, "has the label " + quoted(label)
                                                  + ", which is too large for a class label (at most 1e15)");
                }
                if (distinct.size() >= kMaxDistinctLabels) {
                    fail(error, shownSource + " has more than " + std::to_string(kMaxDistinctLabels)
                                    + " distinct labels, but at most " + std::to_string(kMaxCsvClasses)
                                    + " classes are supported (is the last column really the class label?).");
                    return std::nullopt;
                }
                it = idOf.emplace(std::string(label), int(distinct.size())).first;
                distinct.push_back({std::string(label), lineNo});
            }
            data.y[std::size_t(i)] = it->second;
            ++i;
        }
        if (reader->failed() || reader->tooLarge())
            return failRead(*reader);
        if (i != n) {
            fail(error, shownSource + " changed while it was read; try again.");
            return std::nullopt;
        }
    }

    // Labels: whole numbers are class indices or sortable integers; anything else is a name.
    std::vector<int> classOf(distinct.size());
    if (!sawName) {
        std::vector<long long> value(distinct.size());
        for (std::size_t k = 0; k < distinct.size(); ++k) {
            double v = 0.0;
            parseNumber(std::string_view(distinct[k].text), v);
            value[k] = static_cast<long long>(v);
        }
        const auto [lo, hi] = std::minmax_element(value.begin(), value.end());
        if (*lo >= 0 && *hi < kMaxCsvClasses) {
            // Indices as they are: a validation file lacking a class keeps the same numbering.
            data.numClasses = int(*hi + 1);
            for (std::size_t k = 0; k < distinct.size(); ++k)
                classOf[k] = int(value[k]);
            for (int c = 0; c < data.numClasses; ++c)
                data.classNames.push_back(std::to_string(c));
        } else {
            std::map<long long, int> index; // sorted numerically
            for (long long v : value)
                index.emplace(v, 0);
            int c = 0;
            for (auto& [v, k] : index) {
                k = c++;
                data.classNames.push_back(std::to_string(v));
            }
            data.numClasses = c;
            for (std::size_t k = 0; k < distinct.size(); ++k)
                classOf[k] = index.at(value[k]);
        }
    } else {
        std::map<std::string_view, int> index; // sorted by bytes
        for (const LabelText& l : distinct)
            index.emplace(l.text, 0);
        int c = 0;
        for (auto& [name, k] : index) {
            k = c++;
            data.classNames.emplace_back(name);
        }
        data.numClasses = c;
        for (std::size_t k = 0; k < distinct.size(); ++k)
            classOf[k] = index.at(distinct[k].text);
    }
    for (int& y : data.y)
        y = classOf[std::size_t(y)];

    if (data.numClasses > kMaxCsvClasses) {
        fail(error, shownSource + " has " + std::to_string(data.numClasses) + " distinct labels, but at most "
                        + std::to_string(kMaxCsvClasses)
                        + " classes are supported (is the last column really the class label?).");
        return std::nullopt;
    }
    std::vector<int> counts(std::size_t(data.numClasses), 0);
    for (int c : data.y)
        ++counts[std::size_t(c)];
    const auto present = std::count_if(counts.begin(), counts.end(), [](int k) { return k > 0; });
    if (present < 2) {
        fail(error, shownSource + " has only one class (label " + quoted(std::string_view(distinct.front().text))
                        + "); a classifier needs at least two.");
        return std::nullopt;
    }
    return data;
}

} // namespace

std::optional<Dataset> parseCsvDataset(std::string_view text, const std::string& source, std::string* error)
{
    return readCsv([text] { return std::make_unique<LineReader>(text); }, source, error);
}

std::optional<Dataset> loadCsvDataset(const std::string& path, std::string* error)
{
    if (const std::string problem = checkFile(path, kKind, kMaxCsvBytes); !problem.empty()) {
        fail(error, problem);
        return std::nullopt;
    }
    std::ifstream in;
    return readCsv([&]() { return openLines(in, path, kMaxCsvBytes); }, path, error);
}

bool writeCsvDataset(const Dataset& data, const std::string& path, std::string* error)
{
    const std::string cannot = "Cannot write '" + path + "': ";
    const Index n = data.size();
    const Index features = data.features();
    const bool targets = data.y.empty() && Index(data.target.size()) == n && n > 0;
    if (!targets && Index(data.y.size()) != n)
        return fail(error,
            cannot + "the data set has " + std::to_string(data.y.size()) + " labels for "
                + std::to_string(n) + " samples.");
    if (features < 1)
        return fail(error, cannot + "the data set has no features.");
    if (!data.featureNames.empty() && Index(data.featureNames.size()) != features)
        return fail(error,
            cannot + "the data set has " + std::to_string(data.featureNames.size())
                + " feature names for " + std::to_string(features) + " features.");
    for (Index i = 0; i < n; ++i) {
        if (!targets && (data.y[i] < 0 || data.y[i] >= data.numClasses))
            return fail(error,
                cannot + "sample " + std::to_string(i) + " has label " + std::to_string(data.y[i])
                    + ", outside 0.." + std::to_string(data.numClasses - 1) + ".");
        if (!data.x.row(i).allFinite())
            return fail(
                error, cannot + "sample " + std::to_string(i) + " has a NaN or infinite feature.");
    }

    std::string out;
    out.reserve(std::size_t(n * (features + 1) * 12 + 64));
    for (Index j = 0; j < features; ++j) {
        std::string name
            = data.featureNames.empty() ? "x" + std::to_string(j) : data.featureNames[j];
        // The reader splits on commas and has no quoting: keep names from breaking the columns.
        std::replace_if(
            name.begin(), name.end(),
            [](char c) { return c == ',' || c == '"' || c == '\n' || c == '\r'; }, '_');
        if (trim(name).empty())
            name = "x" + std::to_string(j);
        out += name;
        out += ',';
    }
    out += targets ? "target\n" : "label\n";
    char buf[64];
    for (Index i = 0; i < n; ++i) {
        for (Index j = 0; j < features; ++j) {
            // Shortest text that reads back to the same float.
            const auto res = std::to_chars(buf, buf + sizeof buf, data.x(i, j));
            out.append(buf, res.ptr);
            out += ',';
        }
        if (targets)
            out.append(buf, std::to_chars(buf, buf + sizeof buf, data.target[size_t(i)]).ptr);
        else
            out += std::to_string(data.y[i]);
        out += '\n';
    }

    // Write beside the target, then rename: a failed write never leaves half a file.
    const std::string tmp = path + ".tmp";
    {
        std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
        if (!file)
            return fail(error,
                cannot + "cannot create the file (does the folder exist and is it writable?).");
        file.write(out.data(), std::streamsize(out.size()));
        file.close();
        if (!file) {
            std::error_code ignored;
            fs::remove(tmp, ignored);
            return fail(error, cannot + "writing failed (is the disk full?).");
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        return fail(error, cannot + ec.message() + ".");
    }
    return true;
}

} // namespace reglab
