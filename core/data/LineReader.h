#pragma once
// Lines of a text, from memory or from a file read in chunks (so a big file is never held
// whole). A line ends at "\n", "\r\n" or a lone "\r" (old Mac files), so every common line
// ending reads the same. Line numbers count every line, blank ones included.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>

namespace reglab {

class LineReader {
public:
    explicit LineReader(std::string_view text) : m_text(text), m_inMemory(true) {}
    // Reads `path` (already opened as `file`), at most maxBytes; past that next() fails and
    // tooLarge() says so. A file that failed to open reads as a read error (failed()).
    LineReader(std::ifstream& file, std::uint64_t maxBytes) : m_file(&file), m_maxBytes(maxBytes) {}

    // The next line without its ending; false at the end (or on a read error / too much).
    // The view is valid until the next call.
    bool next(std::string_view* line);
    int lineNumber() const { return m_line; }        // of the line next() returned
    bool failed() const { return m_failed; }         // a read error
    bool tooLarge() const { return m_tooLarge; }
    std::uint64_t bytesRead() const { return m_bytes; }

private:
    bool fill();

    std::string_view m_text;     // memory: the text; file: the unread part of m_buffer
    bool m_inMemory = false;
    std::ifstream* m_file = nullptr;
    std::uint64_t m_maxBytes = 0;
    std::string m_buffer;
    std::size_t m_pos = 0;
    std::uint64_t m_bytes = 0;
    bool m_eof = false, m_failed = false, m_tooLarge = false;
    bool m_skipLf = false; // the last line ended with '\r': a '\n' right after belongs to it
    int m_line = 0;
};

} // namespace reglab
