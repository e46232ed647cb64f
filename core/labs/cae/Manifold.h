#pragma once
// Points on a one-dimensional curve of the plane (a circle or a spiral), placed in R^D by a
// fixed orthonormal embedding: the `cae` lab's data. The unit tangent at every point goes
// with it, so the encoder's Jacobian can be split into its gain along the manifold and
// across it.
#include "Rng.h"
#include "Types.h"

#include <string>

namespace reglab {

struct ManifoldPoints {
    MatD x;       // (n, D) points in R^D
    MatD tangent; // (n, D) unit tangents
    MatD plane;   // (n, 2) the same points in the curve's plane
    ColVec<double> t; // (n) the curve parameter of each point (its angle)
};

class Manifold {
public:
    // kind: "circle" (radius 1) or "spiral" (1.5 turns, radius 0.25 to 1). dim >= 2: for
    // dim > 2 the plane is spanned by two random orthonormal directions of R^dim drawn from
    // `rng`; for dim 2 it is the plane itself.
    Manifold(const std::string& kind, int dim, Rng& rng);

    int dim() const { return int(m_embed.rows()); }
    const MatD& embedding() const { return m_embed; } // (D, 2), orthonormal columns
    // n points at curve parameters drawn uniformly from `rng`.
    ManifoldPoints sample(int n, Rng& rng) const;
    // n points at evenly spaced curve parameters (the picture's curve).
    ManifoldPoints evenly(int n) const;
    // Points of the plane (n, 2) in R^D.
    MatD embed(const MatD& plane) const { return plane * m_embed.transpose(); }
    // Points of R^D (n, D) projected onto the plane, in its coordinates.
    MatD project(const MatD& x) const { return x * m_embed; }

private:
    ManifoldPoints at(const ColVec<double>& t) const;
    bool m_spiral = false;
    MatD m_embed;
};

} // namespace reglab
