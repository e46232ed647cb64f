#include "data/CsvPoints.h"

#include "MessageText.h"
#include "data/CsvText.h"
#include "data/LineReader.h"
#include "run/AtomicFile.h"

#include <charconv>
#include <fstream>
#include <vector>

namespace reglab {

namespace {

using namespace csvtext;

const std::string kKind = "points file";

// One pass over the lines; the points are collected (at most kMaxCsvPoints, 800 kB) as read.
std::optional<MatF> readPoints(LineReader& reader, const std::string& source, std::string* error)
{
    const std::string shownSource = shownValue(source, 200);
    const auto failAt = [&](int line, const std::string& what) {
        fail(error, atLine(shownSource, line, what));
        return std::nullopt;
    };

    std::vector<float> xy;
    std::vector<std::string_view> fields;
    std::size_t numFields = 0; // of the first non-blank line; 0 before it
    int firstNo = 0;
    bool header = false;
    std::string_view line;
    while (reader.next(&line)) {
        const int lineNo = reader.lineNumber();
        stripBom(line, lineNo);
        line = trim(line);
        if (line.empty())
            continue;
        splitFields(line, fields);
        if (numFields == 0) {
            numFields = fields.size();
            firstNo = lineNo;
            if (numFields < 2)
                return failAt(lineNo, "has a single column; a points file has two, x and y");
            if (numFields > 3)
                return failAt(lineNo, "has " + std::to_string(numFields)
                                          + " columns; a points file has x and y, and at most a third (label) "
                                            "column, which is ignored");
            header = !isNumber(fields[0]) && !isNumber(fields[1]);
            if (header)
                continue;
        } else if (fields.size() != numFields) {
            return failAt(lineNo, "has " + std::to_string(fields.size()) + " fields, but line "
                                      + std::to_string(firstNo) + " has " + std::to_string(numFields));
        }
        if (Index(xy.size() / 2) >= kMaxCsvPoints) {
            fail(error, shownSource + " has more than " + std::to_string(kMaxCsvPoints)
                            + " points, the most a points file may have.");
            return std::nullopt;
        }
        float p[2];
        for (int j = 0; j < 2; ++j) {
            const std::string problem = readFloat(fields[std::size_t(j)], p[j]);
            if (!problem.empty())
                return failAt(lineNo, std::string(j == 0 ? "x" : "y") + " (column " + std::to_string(j + 1) + ") "
                                          + problem);
        }
        xy.push_back(p[0]);
        xy.push_back(p[1]);
    }
    if (reader.failed() || reader.tooLarge()) {
        fail(error, readFailure(reader, shownSource, kKind, kMaxCsvPointsBytes));
        return std::nullopt;
    }
    if (numFields == 0) {
        fail(error, shownSource + " is empty; expected lines of two comma-separated numbers, x,y.");
        return std::nullopt;
    }
    if (xy.empty()) {
        fail(error, shownSource + " has a header line but no points.");
        return std::nullopt;
    }
    const Index n = Index(xy.size() / 2);
    MatF points(n, 2);
    for (Index i = 0; i < n; ++i) {
        points(i, 0) = xy[std::size_t(2 * i)];
        points(i, 1) = xy[std::size_t(2 * i + 1)];
    }
    return points;
}

} // namespace

std::optional<MatF> parseCsvPoints(std::string_view text, const std::string& source, std::string* error)
{
    LineReader reader(text);
    return readPoints(reader, source, error);
}

std::optional<MatF> loadCsvPoints(const std::string& path, std::string* error)
{
    if (const std::string problem = checkFile(path, kKind, kMaxCsvPointsBytes); !problem.empty()) {
        fail(error, problem);
        return std::nullopt;
    }
    std::ifstream in;
    return readPoints(*openLines(in, path, kMaxCsvPointsBytes), path, error);
}

bool writeCsvPoints(const MatF& points, const std::string& path, std::string* error)
{
    const std::string cannot = "Cannot write '" + shownValue(path, 200) + "': ";
    if (points.cols() != 2)
        return fail(error, cannot + "points have two coordinates, not " + std::to_string(points.cols()) + ".");
    if (points.rows() < 1 || points.rows() > kMaxCsvPoints)
        return fail(error, cannot + "a points file holds 1 to " + std::to_string(kMaxCsvPoints) + " points, not "
                               + std::to_string(points.rows()) + ".");
    if (!points.allFinite())
        return fail(error, cannot + "a point has a NaN or infinite coordinate.");

    std::string out = "x,y\n";
    out.reserve(std::size_t(points.rows()) * 28 + 8);
    char buf[32];
    for (Index i = 0; i < points.rows(); ++i) {
        for (Index j = 0; j < 2; ++j) {
            const auto res = std::to_chars(buf, buf + sizeof buf, points(i, j)); // shortest round-trip
            out.append(buf, res.ptr);
            out += j == 0 ? ',' : '\n';
        }
    }
    if (const std::string problem = AtomicFile::write(path, out); !problem.empty())
        return fail(error, "Cannot save the points: " + problem + ".");
    return true;
}

} // namespace reglab
