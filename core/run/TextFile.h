#pragma once
// Reading a whole text file the user chose (a session), safely: only a regular file (a
// FIFO or a device would block or never end), at most `maxBytes`.
#include <cstdint>
#include <string>

namespace reglab {

// "" and the bytes in *text, or one clear sentence naming the file (as `kind`: "session").
std::string readTextFile(const std::string& path, const std::string& kind, std::uint64_t maxBytes, std::string* text);

} // namespace reglab
