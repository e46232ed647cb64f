#pragma once
// Elementwise activations as plain functions, shared by ActivationLayer and by the tape.
#include "Types.h"

#include <string>
#include <vector>

namespace reglab {

enum class Activation { Identity, ReLU, LeakyReLU, Tanh, Sigmoid };

constexpr double kLeakySlope = 0.01;

std::string activationName(Activation a);          // "relu"
Activation activationFromName(const std::string& name); // throws std::invalid_argument
std::vector<std::string> activationNames();        // the names the UI offers

// y = f(x), elementwise; x and y may not alias.
template <typename S> void activationForward(Activation a, const Mat<S>& x, Mat<S>& y);
// dx = dy * f'(x), using the saved x and y = f(x) (tanh/sigmoid use y).
template <typename S>
void activationBackward(Activation a, const Mat<S>& x, const Mat<S>& y, const Mat<S>& dy, Mat<S>& dx);

} // namespace reglab
