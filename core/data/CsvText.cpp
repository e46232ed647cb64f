#include "data/CsvText.h"

#include "MessageText.h"

#include <cfloat>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <system_error>

namespace reglab::csvtext {

namespace fs = std::filesystem;

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

void splitFields(std::string_view line, std::vector<std::string_view>& fields)
{
    fields.clear();
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = line.find(',', start);
        fields.push_back(cleanField(
            line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
}

void stripBom(std::string_view& line, int lineNumber)
{
    if (lineNumber == 1 && line.substr(0, 3) == "\xEF\xBB\xBF")
        line.remove_prefix(3);
}

namespace {
// from_chars must consume the whole field; it takes no leading '+'.
template <typename T> Num parse(std::string_view s, T& out)
{
    if (s.size() >= 2 && s.front() == '+' && s[1] != '-' && s[1] != '+')
        s.remove_prefix(1);
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
} // namespace

Num parseNumber(std::string_view s, double& out) { return parse(s, out); }
Num parseNumber(std::string_view s, float& out) { return parse(s, out); }

bool isNumber(std::string_view s)
{
    double v;
    return parseNumber(cleanField(s), v) != Num::NotANumber;
}

std::string quoted(std::string_view s)
{
    return "'" + shownValue(s, 40) + "'"; // a whole binary line in a message helps nobody
}

std::string readFloat(std::string_view field, float& out)
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

bool fail(std::string* error, const std::string& message)
{
    if (error)
        *error = message;
    return false;
}

std::string atLine(const std::string& shownSource, int line, const std::string& what)
{
    return shownSource + ": line " + std::to_string(line) + " " + what + ".";
}

std::string checkFile(const std::string& path, const std::string& kind, std::uint64_t maxBytes)
{
    const std::string shown = shownValue(path, 200);
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        return "The " + kind + " '" + shown + "' does not exist.";
    if (fs::is_directory(status))
        return "'" + shown + "' is a directory, not a CSV " + kind + ".";
    if (!fs::is_regular_file(status))
        return "'" + shown + "' is not a regular file (a pipe, device or socket); choose a CSV file.";
    const std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > maxBytes)
        return "'" + shown + "' has " + std::to_string(size >> 20) + " MB; " + kind + "s of at most "
            + std::to_string(maxBytes >> 20) + " MB are read.";
    return {};
}

std::unique_ptr<LineReader> openLines(std::ifstream& in, const std::string& path, std::uint64_t maxBytes)
{
    in.close();
    in.clear();
    in.open(path, std::ios::binary);
    return std::make_unique<LineReader>(in, maxBytes);
}

std::string readFailure(const LineReader& reader, const std::string& shownSource, const std::string& kind,
                        std::uint64_t maxBytes)
{
    if (reader.tooLarge())
        return shownSource + " is larger than " + std::to_string(maxBytes >> 20) + " MB, the most a " + kind
            + " may have.";
    return "Cannot read the " + kind + " '" + shownSource + "'.";
}

} // namespace reglab::csvtext
