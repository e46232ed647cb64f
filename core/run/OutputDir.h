#pragma once
// The folder `reglab run --out DIR` writes, all or nothing. Everything is written into a
// hidden temp folder next to DIR (same file system), which commit() renames to DIR in one
// step; on any failure (or without commit) the temp folder and any parent folders this
// class created are removed, so a failed run leaves nothing behind.
//
// Policy for an existing DIR: an empty folder is replaced (rename over an empty directory
// is atomic on POSIX); a non-empty folder or a file is refused, so a run never mixes its
// files with an older run's. Missing parent folders are created (and removed on failure).
#include <string>
#include <vector>

namespace reglab {

class OutputDir {
public:
    OutputDir() = default;
    ~OutputDir();
    OutputDir(const OutputDir&) = delete;
    OutputDir& operator=(const OutputDir&) = delete;

    // Can DIR be created? Creates nothing. "" or one clear sentence.
    static std::string check(const std::string& dir);

    // check(), then creates missing parents and the temp folder. "" or one clear sentence
    // (then nothing is left behind).
    std::string begin(const std::string& dir);
    // Where to write until commit().
    const std::string& path() const { return m_temp; }
    // Renames the temp folder to DIR. "" or one clear sentence (then everything is removed).
    std::string commit();
    // Removes the temp folder and the parents begin() created. Safe to call twice.
    void abandon();

private:
    std::string m_dir;                  // as the user typed it, for messages
    std::string m_final;                // absolute, normalised
    std::string m_temp;
    std::vector<std::string> m_createdParents; // outermost first
    bool m_active = false;
};

} // namespace reglab
