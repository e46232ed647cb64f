#pragma once
// What the CSV readers of core/data share (CsvDataset, CsvPoints): cutting a line into
// fields, reading numbers locale-independently, the checks before a file is opened and the
// messages for a file that cannot be read. Internal to core (core/data, and run/MetricHistory); the file formats
// themselves are documented in CsvDataset.h and CsvPoints.h.
#include "data/LineReader.h"

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace reglab::csvtext {

// Spaces, tabs and stray carriage returns around `s` removed.
std::string_view trim(std::string_view s);
// A field trimmed, and one pair of surrounding double quotes stripped (no quoted commas).
std::string_view cleanField(std::string_view s);
// Splits a trimmed line at every comma into cleaned fields (views into the line).
void splitFields(std::string_view line, std::vector<std::string_view>& fields);
// Removes a UTF-8 byte-order mark from the start of line 1.
void stripBom(std::string_view& line, int lineNumber);

enum class Num { Ok, NotANumber, OutOfRange };
// The whole of `s` as a number ("1.5", "-2e-3", "+4"), locale-independently: from_chars, not
// strtod, which Qt's LC_NUMERIC would make read "1.5" as 1 under a German locale.
Num parseNumber(std::string_view s, double& out);
Num parseNumber(std::string_view s, float& out);
bool isNumber(std::string_view s); // a cleaned field that parses (out of range counts)

// A value from a file as it appears in a message: quoted, control characters escaped, short.
std::string quoted(std::string_view s);
// Reads a float field exactly as the writers' shortest float form meant it. "" on success,
// else what is wrong with the field ("has 'abc', which is not a number"). NaN, infinities and
// values beyond the float range are refused.
std::string readFloat(std::string_view field, float& out);

// Sets *error (when given) and returns false.
bool fail(std::string* error, const std::string& message);
// "<source>: line <n> <what>."
std::string atLine(const std::string& shownSource, int line, const std::string& what);

// The checks before a file is opened: it exists, is a regular file (a FIFO would block
// forever and /dev/zero never ends, so neither is ever read) and has at most maxBytes.
// `kind` names the file in messages ("data file", "points file"). "" when fine.
std::string checkFile(const std::string& path, const std::string& kind, std::uint64_t maxBytes);
// (Re)opens `path` into `in` and returns a chunked reader of at most maxBytes over it; a file
// that cannot be opened reads as a read error (LineReader::failed).
std::unique_ptr<LineReader> openLines(std::ifstream& in, const std::string& path, std::uint64_t maxBytes);
// Why reading stopped early, when reader.failed() or reader.tooLarge(): one sentence.
std::string readFailure(const LineReader& reader, const std::string& shownSource, const std::string& kind,
                        std::uint64_t maxBytes);

} // namespace reglab::csvtext
