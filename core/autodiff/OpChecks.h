#pragma once
// Shared by the op implementations (Ops.cpp, SequenceOps.cpp): shape checks that throw one
// clear std::invalid_argument naming the op, and the recording of one- and two-operand nodes.
#include <stdexcept>
#include <string>

#include "autodiff/Tape.h"
#include "autodiff/Var.h"

namespace reglab::opchecks {

inline std::string shapeOf(Index r, Index c)
{
    return "(" + std::to_string(r) + "x" + std::to_string(c) + ")";
}

template <typename S>
Tape<S>& tapeOf(Var<S> a, const char* op)
{
    if (!a.valid())
        throw std::invalid_argument(std::string(op) + ": the input Var is empty (default-constructed).");
    return *a.tape();
}

template <typename S>
Tape<S>& tapeOf(Var<S> a, Var<S> b, const char* op)
{
    Tape<S>& t = tapeOf(a, op);
    tapeOf(b, op);
    if (a.tape() != b.tape())
        throw std::invalid_argument(std::string(op) + ": the two inputs live on different tapes.");
    return t;
}

template <typename S>
void requireSameShape(const Mat<S>& a, const Mat<S>& b, const char* op)
{
    if (a.rows() != b.rows() || a.cols() != b.cols())
        throw std::invalid_argument(std::string(op) + ": shapes differ: " + shapeOf(a.rows(), a.cols())
                                    + " vs " + shapeOf(b.rows(), b.cols()) + ".");
}

template <typename S>
void requireScalar(const Mat<S>& s, const char* op, const char* what)
{
    if (s.rows() != 1 || s.cols() != 1)
        throw std::invalid_argument(std::string(op) + ": " + what + " must be 1x1, got "
                                    + shapeOf(s.rows(), s.cols()) + ".");
}

// One-operand op: records the node, then fn(out, in) assigns its whole value.
template <typename S, typename Fn>
Var<S> unary(Var<S> a, OpKind op, const char* name, Fn&& fn, S param = S(0))
{
    Tape<S>& t = tapeOf(a, name);
    const int ia = t.indexOf(a, name);
    const int i = t.push(op, ia, -1, param);
    fn(t.valueAt(i), t.valueAt(ia)); // references taken after push: it may reallocate
    return t.var(i);
}

// Two-operand elementwise op on equal shapes.
template <typename S, typename Fn>
Var<S> binary(Var<S> a, Var<S> b, OpKind op, const char* name, Fn&& fn)
{
    Tape<S>& t = tapeOf(a, b, name);
    const int ia = t.indexOf(a, name);
    const int ib = t.indexOf(b, name);
    requireSameShape(t.valueAt(ia), t.valueAt(ib), name);
    const int i = t.push(op, ia, ib);
    fn(t.valueAt(i), t.valueAt(ia), t.valueAt(ib));
    return t.var(i);
}


} // namespace reglab::opchecks
