#include "CsvDataset.h"

#include <algorithm>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>
#include <vector>

namespace reglab {

namespace {

namespace fs = std::filesystem;

struct Row {
    int line = 0; // 1-based, counting blank lines
    std::vector<std::string_view> fields;
};

enum class Num { Ok, NotANumber, OutOfRange };

std::string_view trim(std::string_view s)
{
    const auto isSpace
        = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; };
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

std::string_view cleanField(std::string_view s)
{
    s = trim(s);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
        s = trim(s.substr(1, s.size() - 2));
    return s;
}

// from_chars is locale-independent (Qt sets LC_NUMERIC from the environment, which would make
// strtod read "1.5" as 1 under a German locale) and must consume the whole field.
template <typename T> Num parseNumber(std::string_view s, T& out)
{
    if (s.size() >= 2 && s.front() == '+' && s[1] != '-' && s[1] != '+')
        s.remove_prefix(1); // from_chars does not take a leading '+'
    if (s.empty())
        return Num::NotANumber;
    const char* end = s.data() + s.size();
    const auto [ptr, ec] = std::from_chars(s.data(), end, out);
    if (ptr != end)
        return Num::NotANumber;
    if (ec == std::errc::result_out_of_range)
        return Num::OutOfRange;
    return ec == std::errc() ? Num::Ok : Num::NotANumber;
}

bool isNumber(std::string_view s)
{
    double v;
    return parseNumber(cleanField(s), v) != Num::NotANumber;
}

std::string quoted(std::string_view s)
{
    constexpr std::size_t kMax = 40; // a whole binary line in a message helps nobody
    if (s.size() > kMax)
        return "'" + std::string(s.substr(0, kMax)) + "...'";
    return "'" + std::string(s) + "'";
}

bool fail(std::string* error, const std::string& message)
{
    if (error)
        *error = message;
    return false;
}

// Reads one feature value exactly as the writer's shortest float form meant it.
// Returns an empty string on success, else what is wrong with the field.
std::string readFeature(std::string_view field, float& out)
{
    if (field.empty())
        return "is empty";
    double d = 0.0;
    const Num n = parseNumber(field, d);
    if (n == Num::NotANumber)
        return "has " + quoted(field) + ", which is not a number";
    if (n == Num::OutOfRange) // beyond double range, either way
        return "has " + quoted(field) + ", which is out of the range of numbers";
    if (!std::isfinite(d))
        return "has " + quoted(field) + ", which is not a finite number";
    if (std::abs(d) > double(FLT_MAX))
        return "has " + quoted(field) + ", which is too large for a float";
    // Parse as float directly: double-then-float rounding could be off by one ulp. Values below
    // the float range (1e-300) fail here and flush to float(d).
    float f = 0.0f;
    out = parseNumber(field, f) == Num::Ok ? f : float(d);
    return {};
}

} // namespace

std::optional<Dataset> parseCsvDataset(
    std::string_view text, const std::string& source, std::string* error)
{
    const auto failAt = [&](int line, const std::string& what) {
        fail(error, source + ": line " + std::to_string(line) + " " + what + ".");
        return std::nullopt;
    };
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);

    // Split into non-blank lines and fields (views into text).
    std::vector<Row> rows;
    int lineNo = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = text.size();
        const std::string_view line = trim(text.substr(pos, eol - pos));
        pos = eol + 1;
        ++lineNo;
        if (line.empty())
            continue;
        Row row;
        row.line = lineNo;
        std::size_t start = 0;
        for (;;) {
            const std::size_t comma = line.find(',', start);
            row.fields.push_back(cleanField(line.substr(
                start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
            if (comma == std::string_view::npos)
                break;
            start = comma + 1;
        }
        rows.push_back(std::move(row));
    }
    if (rows.empty()) {
        fail(error,
            source + " is empty; expected lines of comma-separated features followed by a label.");
        return std::nullopt;
    }

    const Row& first = rows.front();
    const std::size_t numFields = first.fields.size();
    if (numFields < 2)
        return failAt(first.line,
            "has a single column; a data set needs at least one feature column and a label column");

    // Header: a feature that is not a number, or a non-numeric label above a numeric one.
    bool header = false;
    for (std::size_t j = 0; j + 1 < numFields; ++j)
        header = header || !isNumber(first.fields[j]);
    if (!header && !isNumber(first.fields.back()) && rows.size() > 1
        && rows[1].fields.size() == numFields && isNumber(rows[1].fields.back()))
        header = true;

    Dataset data;
    data.name = fs::path(source).stem().string();
    const std::size_t firstData = header ? 1 : 0;
    if (header) {
        for (std::size_t j = 0; j + 1 < numFields; ++j) {
            const std::string_view name = first.fields[j];
            data.featureNames.push_back(name.empty() ? "x" + std::to_string(j) : std::string(name));
        }
    }
    const Index n = Index(rows.size() - firstData);
    if (n == 0) {
        fail(error, source + " has a header line but no data rows.");
        return std::nullopt;
    }

    const Index numFeatures = Index(numFields - 1);
    data.x.resize(n, numFeatures);
    std::vector<std::string_view> labels(n);
    for (Index i = 0; i < n; ++i) {
        const Row& row = rows[firstData + i];
        if (row.fields.size() != numFields)
            return failAt(row.line,
                "has " + std::to_string(row.fields.size()) + " fields, but line "
                    + std::to_string(first.line) + " has " + std::to_string(numFields));
        for (Index j = 0; j < numFeatures; ++j) {
            const std::string problem = readFeature(row.fields[j], data.x(i, j));
            if (!problem.empty())
                return failAt(row.line, "column " + std::to_string(j + 1) + " " + problem);
        }
        labels[i] = row.fields.back();
        if (labels[i].empty())
            return failAt(row.line, "has an empty label (last column)");
    }

    // Labels: whole numbers are class indices or sortable integers; anything else is a name.
    bool allIntegers = true;
    std::vector<long long> intLabels(n);
    for (Index i = 0; i < n && allIntegers; ++i) {
        double v = 0.0;
        const Num num = parseNumber(labels[i], v);
        if (num == Num::NotANumber) {
            allIntegers = false;
            break;
        }
        if (num != Num::Ok || !std::isfinite(v) || v != std::floor(v) || std::abs(v) > 1e15)
            return failAt(rows[firstData + i].line,
                "has the label " + quoted(labels[i])
                    + ", which is not a whole number; the last column must hold class labels");
        intLabels[i] = static_cast<long long>(v);
    }

    data.y.resize(n);
    if (allIntegers) {
        const auto [lo, hi] = std::minmax_element(intLabels.begin(), intLabels.end());
        if (*lo >= 0 && *hi < kMaxCsvClasses) {
            // Indices as they are: a validation file lacking a class keeps the same numbering.
            data.numClasses = int(*hi + 1);
            for (Index i = 0; i < n; ++i)
                data.y[i] = int(intLabels[i]);
            for (int c = 0; c < data.numClasses; ++c)
                data.classNames.push_back(std::to_string(c));
        } else {
            std::map<long long, int> index; // sorted numerically
            for (long long v : intLabels)
                index.emplace(v, 0);
            int c = 0;
            for (auto& [value, k] : index) {
                k = c++;
                data.classNames.push_back(std::to_string(value));
            }
            data.numClasses = c;
            for (Index i = 0; i < n; ++i)
                data.y[i] = index.at(intLabels[i]);
        }
    } else {
        std::map<std::string_view, int> index; // sorted by bytes
        for (std::string_view s : labels)
            index.emplace(s, 0);
        int c = 0;
        for (auto& [name, k] : index) {
            k = c++;
            data.classNames.emplace_back(name);
        }
        data.numClasses = c;
        for (Index i = 0; i < n; ++i)
            data.y[i] = index.at(labels[i]);
    }

    std::vector<int> counts(std::size_t(data.numClasses), 0);
    for (int c : data.y)
        ++counts[std::size_t(c)];
    const auto present = std::count_if(counts.begin(), counts.end(), [](int k) { return k > 0; });
    if (present < 2) {
        fail(error,
            source + " has only one class (label " + quoted(labels[0])
                + "); a classifier needs at least two.");
        return std::nullopt;
    }
    if (data.numClasses > kMaxCsvClasses) {
        fail(error,
            source + " has " + std::to_string(data.numClasses) + " distinct labels, but at most "
                + std::to_string(kMaxCsvClasses)
                + " classes are supported (is the last column really the class label?).");
        return std::nullopt;
    }
    return data;
}

std::optional<Dataset> loadCsvDataset(const std::string& path, std::string* error)
{
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        fail(error, "The data file '" + path + "' does not exist.");
        return std::nullopt;
    }
    if (fs::is_directory(status)) {
        fail(error, "'" + path + "' is a directory, not a CSV data file.");
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    if (in)
        content << in.rdbuf();
    if (!in || in.bad()) {
        fail(error, "Cannot read the data file '" + path + "'.");
        return std::nullopt;
    }
    const std::string text = content.str();
    return parseCsvDataset(text, path, error);
}

bool writeCsvDataset(const Dataset& data, const std::string& path, std::string* error)
{
    const std::string cannot = "Cannot write '" + path + "': ";
    const Index n = data.size();
    const Index features = data.features();
    if (Index(data.y.size()) != n)
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
        if (data.y[i] < 0 || data.y[i] >= data.numClasses)
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
    out += "label\n";
    char buf[64];
    for (Index i = 0; i < n; ++i) {
        for (Index j = 0; j < features; ++j) {
            // Shortest text that reads back to the same float.
            const auto res = std::to_chars(buf, buf + sizeof buf, data.x(i, j));
            out.append(buf, res.ptr);
            out += ',';
        }
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
