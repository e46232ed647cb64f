#pragma once
// How the run code makes a lab from its id. Defaults to the registry (createLab); tests
// pass their own so that fake labs never have to be registered in the product.
#include "labs/Lab.h"

#include <functional>
#include <memory>
#include <string>

namespace reglab {

using LabFactory = std::function<std::unique_ptr<Lab>(const std::string& id)>;

// The registry's createLab as a LabFactory.
LabFactory registryLabFactory();

} // namespace reglab
