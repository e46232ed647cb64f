#include "run/LabFactory.h"

#include "labs/LabRegistry.h"

namespace reglab {

LabFactory registryLabFactory()
{
    return [](const std::string& id) { return createLab(id); };
}

} // namespace reglab
