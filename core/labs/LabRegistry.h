#pragma once
// The labs the app knows, by id. Adding a lab means adding one line to LabRegistry.cpp.
#include "labs/Lab.h"

#include <memory>
#include <string>
#include <vector>

namespace reglab {

struct LabInfo {
    std::string id, title, description;
};

std::vector<LabInfo> availableLabs();
// nullptr when no lab has this id.
std::unique_ptr<Lab> createLab(const std::string& id);

} // namespace reglab
