#include "lessons/LessonLibrary.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace reglab {

const LessonLibrary& LessonLibrary::instance()
{
    static const LessonLibrary library;
    return library;
}

LessonLibrary::LessonLibrary()
{
    const QDir dir(QStringLiteral(":/lessons"));
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly)) {
            m_errors.push_back(name.toStdString() + ": cannot be read");
            continue;
        }
        std::string error;
        auto lesson = Lesson::parse(f.readAll().toStdString(), &error);
        if (!lesson)
            m_errors.push_back(name.toStdString() + ": " + error);
        else if (name != QString::fromStdString(lesson->id) + QStringLiteral(".json"))
            m_errors.push_back(name.toStdString() + ": its id is " + lesson->id);
        else
            m_lessons.push_back(std::move(*lesson));
    }
    // L2 before L10, L15 before L15b: by number, then by id.
    auto number = [](const Lesson& l) { return std::strtol(l.id.c_str() + std::min<size_t>(1, l.id.size()), nullptr, 10); };
    std::sort(m_lessons.begin(), m_lessons.end(), [&](const Lesson& a, const Lesson& b) {
        return std::make_pair(number(a), a.id) < std::make_pair(number(b), b.id);
    });
}

const Lesson* LessonLibrary::find(const std::string& id) const
{
    for (const Lesson& l : m_lessons)
        if (l.id == id)
            return &l;
    return nullptr;
}

} // namespace reglab
