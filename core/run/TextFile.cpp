#include "run/TextFile.h"

#include "MessageText.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace reglab {

namespace fs = std::filesystem;

std::string readTextFile(const std::string& path, const std::string& kind, std::uint64_t maxBytes, std::string* text)
{
    const std::string shown = "'" + shownValue(path, 200) + "'";
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        return "the " + kind + " file " + shown + " does not exist";
    if (fs::is_directory(status))
        return shown + " is a directory, not a " + kind + " file";
    if (!fs::is_regular_file(status))
        return shown + " is not a regular file (a pipe, device or socket)";
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec || size > maxBytes)
        return shown + " is larger than " + std::to_string(maxBytes >> 20) + " MB, the most a " + kind
            + " file may have";
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return "cannot open the " + kind + " file " + shown;
    std::string bytes(size_t(size), '\0');
    in.read(bytes.data(), std::streamsize(size));
    if (size_t(in.gcount()) != size_t(size))
        return "cannot read the " + kind + " file " + shown + " (it changed while being read)";
    *text = std::move(bytes);
    return {};
}

} // namespace reglab
