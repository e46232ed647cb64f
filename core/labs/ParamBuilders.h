#pragma once
// Short builders of ParamSpecs, so a lab's list of parameters reads as a table.
#include "labs/ParamSpec.h"

#include <string>
#include <vector>

namespace reglab {

ParamSpec floatParam(std::string id, std::string label, std::string shortLabel, std::string group, double lo,
                     double hi, double def, bool log, bool live, std::string tip);
ParamSpec intParam(std::string id, std::string label, std::string shortLabel, std::string group, int lo, int hi,
                   int def, bool live, std::string tip);
ParamSpec boolParam(std::string id, std::string label, std::string shortLabel, std::string group, bool def,
                    bool live, std::string tip);
ParamSpec choiceParam(std::string id, std::string label, std::string shortLabel, std::string group,
                      std::vector<std::string> choices, std::string def, bool live, std::string tip);
// A file chosen by the user (empty: none); it needs a reset, and the lab checks the file
// (Lab::checkValue).
ParamSpec pathParam(std::string id, std::string label, std::string shortLabel, std::string group, std::string tip);
// A set of labelled 2D points drawn by the user (data/LabelledPoints text), live; no panel
// control: the boundary picture edits it.
ParamSpec pointsParam(std::string id, std::string label, std::string shortLabel, std::string group, std::string tip);

// p, used only when the parameter `param` has one of `values` (toText form): the UI greys it
// out otherwise.
ParamSpec onlyWhen(ParamSpec p, std::string param, std::vector<std::string> values);

} // namespace reglab
