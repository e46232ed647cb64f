#pragma once
// How text a user typed (or a file held) appears inside a one-line message: control
// characters escaped (a newline in a value must not break the one-line rule, a NUL must not
// cut the message), and long values shortened (a 100,000-character value is not echoed).
#include <cstddef>
#include <string>
#include <string_view>

namespace reglab {

// `text` with control characters written as \n, \r, \t, \0 or \xNN, cut after maxChars
// characters (whole UTF-8 sequences) with "... (N characters)" appended.
std::string shownValue(std::string_view text, std::size_t maxChars = 60);
// A whole message made safe for one line: control characters escaped, at most maxChars.
std::string oneLine(std::string_view message, std::size_t maxChars = 1000);

} // namespace reglab
