#pragma once
// One matrix-valued node of a Tape. Plain data; the Tape owns and recycles them.
#include <vector>

#include "Types.h"
#include "autodiff/OpKind.h"

namespace reglab {

template <typename S>
struct TapeNode {
    Mat<S> value;            // kept across Tape::clear() so the next step reuses the storage
    OpKind op = OpKind::Leaf;
    int a = -1;              // first parent (node index), -1 if none
    int b = -1;              // second parent, -1 if none
    S param = S(0);          // scalar parameter (scale factor, slope, ...)
    int iparam = 0;          // integer parameter (matmul transpose flags)
    std::vector<int> ints;   // integer arguments of the sequence ops (row indices, offsets)
    bool requiresGrad = false; // a leaf marked so, or anything computed from one
};

} // namespace reglab
