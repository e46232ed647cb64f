#pragma once
// The contents of a file a Path param names (a user's CSV): read when the param is set, so a
// bad file is refused at once (Lab::checkValue), and at a reset only when the path changed
// since (the lab keeps what it read, e.g. for a GUI to show).
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace reglab {

template <typename T> class PathFile {
public:
    // loadCsvDataset, loadCsvPoints: nullopt and one sentence in *error when the file is unusable.
    using Loader = std::optional<T> (*)(const std::string& path, std::string* error);
    explicit PathFile(Loader load) : m_load(load) {}

    // Reads `path`; "" when it is usable (it is then held), else the loader's sentence.
    std::string read(const std::string& path)
    {
        std::string error;
        std::optional<T> v = m_load(path, &error);
        if (!v)
            return error;
        m_value = std::make_shared<const T>(std::move(*v));
        m_path = path;
        return {};
    }

    // For a reset: the contents of `path`, read again only when it is not the file held.
    // Throws std::invalid_argument with `whenNone` for an empty path, else the loader's sentence.
    std::shared_ptr<const T> at(const std::string& path, const std::string& whenNone)
    {
        if (path.empty())
            throw std::invalid_argument(whenNone);
        if (!m_value || path != m_path)
            if (std::string error = read(path); !error.empty())
                throw std::invalid_argument(error);
        return m_value;
    }

private:
    Loader m_load;
    std::shared_ptr<const T> m_value;
    std::string m_path;
};

} // namespace reglab
