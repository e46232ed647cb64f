#pragma once
// Matrix aliases shared by the whole core. Numerics are templated on the scalar S so the
// trainer runs in float and the gradient checks in double; both are instantiated explicitly.
#include <Eigen/Core>

namespace reglab {

template <typename S> using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
template <typename S> using RowVec = Eigen::Matrix<S, 1, Eigen::Dynamic>;
template <typename S> using ColVec = Eigen::Matrix<S, Eigen::Dynamic, 1>;

using MatF = Mat<float>;
using MatD = Mat<double>;
using Index = Eigen::Index;

} // namespace reglab
