#include "run/AtomicFile.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <unistd.h>

namespace fs = std::filesystem;

namespace reglab {

std::string AtomicFile::tempNameFor(const std::string& path, const std::string& suffix)
{
    static std::atomic<unsigned> counter{0};
    const fs::path p(path);
    const fs::path dir = p.parent_path();
    const std::string name = "." + p.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-"
        + std::to_string(counter++) + suffix;
    return (dir.empty() ? fs::path(name) : dir / name).string();
}

std::string AtomicFile::write(const std::string& path, const std::string& bytes)
{
    const std::string tmp = tempNameFor(path);
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f)
            return "cannot create a file next to '" + path + "' (is the folder writable?)";
        f.write(bytes.data(), std::streamsize(bytes.size()));
        f.close();
        if (!f) {
            std::error_code ec;
            fs::remove(tmp, ec);
            return "cannot write '" + path + "' (disk full?)";
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(tmp, ignored);
        return "cannot save '" + path + "': " + ec.message();
    }
    return {};
}

} // namespace reglab
