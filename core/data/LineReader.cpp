#include "data/LineReader.h"

namespace reglab {

namespace {
constexpr std::size_t kChunk = 1 << 16;
}

bool LineReader::fill()
{
    if (m_inMemory || m_eof)
        return false;
    if (!m_file->is_open()) { // could not be opened (no permission): a read error, not an empty file
        m_failed = m_eof = true;
        return false;
    }
    m_buffer.erase(0, m_pos);
    m_pos = 0;
    const std::size_t old = m_buffer.size();
    m_buffer.resize(old + kChunk);
    m_file->read(&m_buffer[old], std::streamsize(kChunk));
    const std::size_t got = std::size_t(m_file->gcount());
    m_buffer.resize(old + got);
    m_bytes += got;
    if (m_bytes > m_maxBytes) {
        m_tooLarge = true;
        m_eof = true;
        return false;
    }
    if (got < kChunk) {
        m_eof = true;
        if (m_file->bad())
            m_failed = true;
    }
    return got > 0;
}

bool LineReader::next(std::string_view* line)
{
    if (m_tooLarge || m_failed)
        return false;
    for (;;) {
        const std::string_view rest = m_inMemory ? m_text.substr(m_pos)
                                                 : std::string_view(m_buffer).substr(m_pos);
        if (m_skipLf && !rest.empty()) {
            m_skipLf = false;
            if (rest.front() == '\n') {
                ++m_pos;
                continue;
            }
        }
        const std::size_t end = rest.find_first_of("\r\n");
        if (end != std::string_view::npos) {
            *line = rest.substr(0, end);
            m_skipLf = rest[end] == '\r';
            m_pos += end + 1;
            ++m_line;
            return true;
        }
        if (fill())
            continue; // the line goes on in the next chunk
        if (m_tooLarge || m_failed)
            return false;
        // fill() moved the buffer even when it read nothing: `rest` may point into freed
        // memory (found by the fuzz corpus under AddressSanitizer), so look again.
        const std::string_view last = m_inMemory ? m_text.substr(m_pos) : std::string_view(m_buffer).substr(m_pos);
        if (last.empty())
            return false;
        *line = last; // the last line, without an ending
        m_pos += last.size();
        ++m_line;
        return true;
    }
}

} // namespace reglab
