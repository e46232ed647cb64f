#include "autodiff/Var.h"

#include <stdexcept>
#include <string>

#include "autodiff/Tape.h"

namespace reglab {

namespace {

template <typename S>
const Tape<S>& tapeOf(const Var<S>& v)
{
    if (!v.valid())
        throw std::invalid_argument("Var: the Var is empty (default-constructed).");
    return *v.tape();
}

} // namespace

template <typename S>
const Mat<S>& Var<S>::value() const
{
    return tapeOf(*this).value(*this);
}

template <typename S>
S Var<S>::item() const
{
    const Mat<S>& v = value();
    if (v.rows() != 1 || v.cols() != 1)
        throw std::invalid_argument("Var::item: the value is " + std::to_string(v.rows()) + "x"
                                    + std::to_string(v.cols()) + ", not 1x1.");
    return v(0, 0);
}

template <typename S>
Index Var<S>::rows() const
{
    return value().rows();
}

template <typename S>
Index Var<S>::cols() const
{
    return value().cols();
}

template <typename S>
bool Var<S>::requiresGrad() const
{
    const Tape<S>& t = tapeOf(*this);
    return t.node(t.indexOf(*this, "Var::requiresGrad")).requiresGrad;
}

template class Var<float>;
template class Var<double>;

} // namespace reglab
