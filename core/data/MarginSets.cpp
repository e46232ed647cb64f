#include "data/MarginSets.h"

#include <stdexcept>
#include <utility>

namespace reglab {

namespace {
using Points = std::vector<std::pair<double, double>>;

MarginSet make(const Points& pos, const Points& neg)
{
    MarginSet s;
    s.x.resize(Index(pos.size() + neg.size()), 2);
    Index i = 0;
    for (const Points* list : {&pos, &neg})
        for (const auto& [a, b] : *list) {
            s.x(i, 0) = a;
            s.x(i, 1) = b;
            s.y.push_back(list == &pos ? 1.0 : -1.0);
            ++i;
        }
    return s;
}

// The support vectors; every other point has |x1 + x2| > 2, beyond the margin of w = (0.5, 0.5).
const Points kSupportPos = {{0.5, 1.5}, {1.5, 0.5}};
const Points kSupportNeg = {{-0.5, -1.5}, {-1.5, -0.5}};

Points with(Points base, const Points& more)
{
    base.insert(base.end(), more.begin(), more.end());
    return base;
}
} // namespace

std::vector<std::string> MarginSet::names() { return {"figure1", "off-axis"}; }

MarginSet MarginSet::named(const std::string& name)
{
    if (name == "figure1") // sigma_max(X) = 10.27: step 1/sigma_max = 0.097, loss * t -> 1/(2 step) = 5.1
        return make(with(kSupportPos, {{2.0, 1.0}, {2.6, 1.3}, {1.3, 2.2}, {2.1, 2.3}, {3.0, 1.6}, {1.6, 2.9}}),
                    with(kSupportNeg, {{-2.2, -0.9}, {-2.4, -1.1}, {-1.7, -2.6}, {-2.9, -1.5}, {-2.2, -2.0}, {-3.2, -0.9}}));
    if (name == "off-axis") // three far positives near the x1 axis
        return make(with(kSupportPos, {{5.5, 0.3}, {6.0, 0.8}, {5.2, 1.2}, {1.2, 2.4}, {2.8, 1.8}, {3.4, 0.4}}),
                    with(kSupportNeg, {{-2.6, -0.7}, {-2.1, -1.3}, {-3.1, -1.0}, {-1.0, -2.5}, {-2.9, -1.9}, {-3.3, -0.6}}));
    throw std::invalid_argument("unknown margin data set '" + name + "'");
}

} // namespace reglab
