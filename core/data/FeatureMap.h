#pragma once
// The input features of a 2D point that a network can be given, as TensorFlow Playground
// offers them: x1, x2, x1², x2², x1·x2, sin x1, sin x2. Each is a switch; the network sees
// the chosen ones, in this order. With x1 and x2 alone a deep net must bend the plane itself;
// with x1² + x2² a linear classifier already separates the circles.
#include "Types.h"

#include <string>
#include <vector>

namespace reglab {

class FeatureMap {
public:
    enum Feature { X1, X2, X1Squared, X2Squared, X1X2, SinX1, SinX2, Count };

    // Every feature's param id ("feat_x1", ...) and display name ("x1", "x1²", ...).
    static const char* id(Feature f);
    static const char* name(Feature f);

    FeatureMap() = default; // the identity on 2D points: x1, x2
    explicit FeatureMap(std::vector<bool> on);

    bool isIdentity() const { return m_features == std::vector<Feature>{X1, X2}; }
    Index size() const { return Index(m_features.size()); }
    std::vector<std::string> names() const;
    // (n, 2) points -> (n, size()) features. Throws std::invalid_argument for another shape.
    MatF apply(const MatF& points) const;

private:
    std::vector<Feature> m_features{X1, X2};
};

} // namespace reglab
