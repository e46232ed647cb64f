#include "labs/LabRegistry.h"

#include "labs/attention/AttentionLab.h"
#include "labs/cae/CaeLab.h"
#include "labs/classify/ClassifyLab.h"
#include "labs/continual/ContinualLab.h"
#include "labs/doubledescent/DoubleDescentLab.h"
#include "labs/escape/EscapeLab.h"
#include "labs/gan/GanLab.h"
#include "labs/margin/MarginLab.h"
#include "labs/rl/DqnLab.h"
#include "labs/rl/RlLab.h"

#include <functional>

namespace reglab {

namespace {
struct Entry {
    std::string id;
    std::function<std::unique_ptr<Lab>()> make;
};
const std::vector<Entry>& registry()
{
    static const std::vector<Entry> labs = {
        {"classify", [] { return std::make_unique<ClassifyLab>(); }},
        {"gan", [] { return std::make_unique<GanLab>(); }},
        {"attention", [] { return std::make_unique<AttentionLab>(); }},
        {"margin", [] { return std::make_unique<MarginLab>(); }},
        {"double-descent", [] { return std::make_unique<DoubleDescentLab>(); }},
        {"escape", [] { return std::make_unique<EscapeLab>(); }},
        {"continual", [] { return std::make_unique<ContinualLab>(); }},
        {"rl", [] { return std::make_unique<RlLab>(); }},
        {"cae", [] { return std::make_unique<CaeLab>(); }},
        {"dqn", [] { return std::make_unique<DqnLab>(); }},
    };
    return labs;
}
} // namespace

std::vector<LabInfo> availableLabs()
{
    std::vector<LabInfo> out;
    for (const auto& e : registry()) {
        auto lab = e.make();
        out.push_back({lab->id(), lab->title(), lab->description()});
    }
    return out;
}

std::unique_ptr<Lab> createLab(const std::string& id)
{
    for (const auto& e : registry())
        if (e.id == id)
            return e.make();
    return nullptr;
}

} // namespace reglab
