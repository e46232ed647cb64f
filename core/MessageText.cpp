#include "MessageText.h"

#include <cstdio>

namespace reglab {

namespace {
bool isContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

std::string escaped(std::string_view text, std::size_t maxChars, bool* cut, std::size_t* total)
{
    std::string out;
    std::size_t chars = 0;
    *cut = false;
    *total = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (!isContinuation(c))
            ++*total;
        if (*cut)
            continue;
        if (!isContinuation(c) && chars == maxChars) {
            *cut = true;
            continue;
        }
        if (!isContinuation(c))
            ++chars;
        switch (c) {
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\0': out += "\\0"; break;
        default:
            if (c < 0x20 || c == 0x7F) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02X", unsigned(c));
                out += buf;
            } else {
                out += char(c);
            }
        }
    }
    return out;
}
} // namespace

std::string shownValue(std::string_view text, std::size_t maxChars)
{
    bool cut = false;
    std::size_t total = 0;
    std::string out = escaped(text, maxChars, &cut, &total);
    if (cut)
        out += "... (" + std::to_string(total) + " characters)";
    return out;
}

std::string oneLine(std::string_view message, std::size_t maxChars)
{
    bool cut = false;
    std::size_t total = 0;
    std::string out = escaped(message, maxChars, &cut, &total);
    if (cut)
        out += "...";
    return out;
}

} // namespace reglab
