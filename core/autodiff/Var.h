#pragma once
// A handle to one node of a Tape: the tape, the node's index and the tape's generation.
// Copying a Var copies the handle, never the matrix. A Var from before Tape::clear() is
// stale; using it throws std::invalid_argument instead of silently reading recycled data.
#include <cstdint>

#include "Types.h"

namespace reglab {

template <typename S> class Tape;

template <typename S>
class Var {
public:
    using Scalar = S;

    Var() = default;

    bool valid() const { return m_tape != nullptr; }
    Tape<S>* tape() const { return m_tape; }
    int index() const { return m_index; }
    std::uint32_t generation() const { return m_generation; }

    // The node's matrix. The reference is valid until the tape next grows (any new op);
    // copy it if you need it longer.
    const Mat<S>& value() const;
    S item() const; // the value of a 1x1 node
    Index rows() const;
    Index cols() const;
    bool requiresGrad() const;

private:
    friend class Tape<S>;
    Var(Tape<S>* tape, int index, std::uint32_t generation)
        : m_tape(tape), m_index(index), m_generation(generation) {}

    Tape<S>* m_tape = nullptr;
    int m_index = -1;
    std::uint32_t m_generation = 0;
};

} // namespace reglab
