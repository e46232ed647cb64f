#pragma once
// The lessons shipped with the app: resources/lessons/L<n>.json, embedded as Qt resources
// and parsed by core (lessons/Lesson). In number order: L1, L2, ..., L10.
#include "lessons/Lesson.h"

#include <string>
#include <vector>

namespace reglab {

class LessonLibrary {
public:
    // Every embedded lesson. A file that does not parse is a build mistake: it is skipped
    // here and named by errors() (a test keeps that list empty).
    static const LessonLibrary& instance();

    const std::vector<Lesson>& lessons() const { return m_lessons; }
    const Lesson* find(const std::string& id) const;
    const std::vector<std::string>& errors() const { return m_errors; }

private:
    LessonLibrary();
    std::vector<Lesson> m_lessons;
    std::vector<std::string> m_errors;
};

} // namespace reglab
