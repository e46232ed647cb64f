#include "session/ScriptStart.h"

#include <algorithm>

void ScriptStart::capture(const reglab::Lab* lab, const std::vector<reglab::ParamChange>& schedule)
{
    m_values.clear();
    if (!lab)
        return;
    for (const reglab::ParamChange& c : schedule) {
        const bool seen = std::any_of(m_values.begin(), m_values.end(), [&](const auto& v) { return v.first == c.param; });
        if (!seen && lab->findParam(c.param))
            m_values.emplace_back(c.param, lab->asked(c.param));
    }
}

void ScriptStart::userSet(const std::string& id)
{
    m_values.erase(std::remove_if(m_values.begin(), m_values.end(), [&](const auto& v) { return v.first == id; }),
                   m_values.end());
}

void ScriptStart::restore(reglab::Lab& lab) const
{
    for (const auto& [id, value] : m_values)
        lab.set(id, value); // valid: the lab had it
}
