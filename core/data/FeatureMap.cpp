#include "data/FeatureMap.h"

#include <cmath>
#include <stdexcept>

namespace reglab {

const char* FeatureMap::id(Feature f)
{
    static const char* ids[Count] = {"feat_x1", "feat_x2", "feat_x1_sq", "feat_x2_sq", "feat_x1x2", "feat_sin_x1",
                                     "feat_sin_x2"};
    return ids[f];
}

const char* FeatureMap::name(Feature f)
{
    static const char* names[Count] = {"x1", "x2", "x1\u00b2", "x2\u00b2", "x1\u00b7x2", "sin x1", "sin x2"};
    return names[f];
}

FeatureMap::FeatureMap(std::vector<bool> on)
{
    m_features.clear();
    for (int f = 0; f < Count && f < int(on.size()); ++f)
        if (on[size_t(f)])
            m_features.push_back(Feature(f));
    if (m_features.empty())
        throw std::invalid_argument("no input feature is switched on: choose at least one (x1, x2, x1², ...).");
}

std::vector<std::string> FeatureMap::names() const
{
    std::vector<std::string> out;
    for (Feature f : m_features)
        out.push_back(name(f));
    return out;
}

MatF FeatureMap::apply(const MatF& p) const
{
    if (p.cols() != 2)
        throw std::invalid_argument("input features are made from 2D points, got " + std::to_string(p.cols())
                                    + " columns.");
    MatF out(p.rows(), size());
    for (Index k = 0; k < size(); ++k) {
        auto x1 = p.col(0).array(), x2 = p.col(1).array();
        switch (m_features[size_t(k)]) {
        case X1: out.col(k) = x1; break;
        case X2: out.col(k) = x2; break;
        case X1Squared: out.col(k) = x1.square(); break;
        case X2Squared: out.col(k) = x2.square(); break;
        case X1X2: out.col(k) = x1 * x2; break;
        // std::sin per entry: Eigen's AVX-512 sine trips GCC 12's -Wuninitialized (bug 105593).
        case SinX1: out.col(k) = x1.unaryExpr([](float v) { return std::sin(v); }); break;
        case SinX2: out.col(k) = x2.unaryExpr([](float v) { return std::sin(v); }); break;
        case Count: break;
        }
    }
    return out;
}

} // namespace reglab
