#include "run/OutputDir.h"

#include "run/AtomicFile.h"

#include <filesystem>
#include <system_error>
#include <unistd.h>

namespace fs = std::filesystem;

namespace reglab {

namespace {

// Absolute, normalised, without a trailing separator; empty on failure.
fs::path target(const std::string& dir)
{
    std::error_code ec;
    fs::path p = fs::absolute(fs::path(dir), ec);
    if (ec)
        return {};
    p = p.lexically_normal();
    if (p.has_parent_path() && p.filename().empty()) // "out/" -> "out"
        p = p.parent_path();
    return p;
}

} // namespace

OutputDir::~OutputDir() { abandon(); }

std::string OutputDir::check(const std::string& dir)
{
    if (dir.empty())
        return "the output folder name is empty";
    const fs::path p = target(dir);
    if (p.empty() || p == p.root_path() || p.filename() == "." || p.filename() == "..")
        return "cannot use '" + dir + "' as the output folder";
    std::error_code ec;
    if (p == fs::current_path(ec).lexically_normal()) // renaming over it would strand the shell in a deleted folder
        return "cannot use the current folder '" + dir + "' as the output folder; name a new folder";
    const fs::file_status st = fs::status(p, ec);
    if (fs::exists(st)) {
        if (!fs::is_directory(st))
            return "cannot write the output folder '" + dir + "': a file with that name exists";
        if (!fs::is_empty(p, ec) || ec)
            return "the output folder '" + dir + "' already exists and is not empty (choose a new folder)";
    }
    // The nearest existing ancestor must be a folder we may write into.
    fs::path a = p.parent_path();
    while (!a.empty() && !fs::exists(fs::status(a, ec)) && a != a.root_path())
        a = a.parent_path();
    if (!fs::is_directory(fs::status(a, ec)))
        return "cannot create the output folder '" + dir + "': '" + a.string() + "' is not a folder";
    if (::access(a.c_str(), W_OK | X_OK) != 0)
        return "cannot create the output folder '" + dir + "': '" + a.string() + "' is not writable";
    return {};
}

std::string OutputDir::begin(const std::string& dir)
{
    abandon();
    if (std::string err = check(dir); !err.empty())
        return err;
    const fs::path p = target(dir);
    m_dir = dir;
    m_final = p.string();
    m_active = true;

    std::vector<fs::path> missing; // innermost first
    std::error_code ec;
    for (fs::path a = p.parent_path(); !a.empty() && !fs::exists(fs::status(a, ec)); a = a.parent_path())
        missing.push_back(a);
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        if (!fs::create_directory(*it, ec) || ec) {
            const std::string why = ec ? ec.message() : "it could not be made";
            abandon();
            return "cannot create the output folder '" + dir + "': " + why;
        }
        m_createdParents.push_back(it->string());
    }
    const std::string temp = AtomicFile::tempNameFor(m_final);
    if (!fs::create_directory(temp, ec) || ec) {
        const std::string why = ec ? ec.message() : "it could not be made";
        abandon();
        return "cannot create the output folder '" + dir + "': " + why;
    }
    m_temp = temp;
    return {};
}

std::string OutputDir::commit()
{
    if (!m_active || m_temp.empty())
        return "internal error: the output folder was not started";
    std::error_code ec;
    fs::rename(m_temp, m_final, ec); // replaces DIR only if it is an empty folder
    if (ec) {
        const std::string why = ec == std::errc::directory_not_empty || ec == std::errc::file_exists
            ? "it was filled by something else meanwhile"
            : ec.message();
        abandon();
        return "cannot create the output folder '" + m_dir + "': " + why;
    }
    m_temp.clear();
    m_createdParents.clear(); // they hold the result now
    m_active = false;
    return {};
}

void OutputDir::abandon()
{
    std::error_code ec;
    if (!m_temp.empty())
        fs::remove_all(m_temp, ec);
    m_temp.clear();
    for (auto it = m_createdParents.rbegin(); it != m_createdParents.rend(); ++it)
        fs::remove(*it, ec); // only removes empty folders: never something another process put there
    m_createdParents.clear();
    m_active = false;
}

} // namespace reglab
