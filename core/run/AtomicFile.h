#pragma once
// Saves a whole file or nothing: the bytes go to a temp file next to the target (same
// file system), which is then renamed over it. A crash or a full disk leaves the old
// file, never half of a new one.
#include <string>

namespace reglab {

class AtomicFile {
public:
    // "" on success, else one clear sentence. The temp file is removed on failure.
    static std::string write(const std::string& path, const std::string& bytes);
    // A fresh name next to `path` for a temp file or dir: "<dir>/.<name>.tmp-<pid>-<n><suffix>".
    static std::string tempNameFor(const std::string& path, const std::string& suffix = {});
};

} // namespace reglab
