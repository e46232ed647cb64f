#pragma once
// CartPole-v1 exactly as Gymnasium defines it (gymnasium/envs/classic_control/cartpole.py):
// a pole hinged on a cart that a force of +-10 N pushes left or right each 0.02 s step,
// integrated by explicit Euler in Gymnasium's order. The episode terminates when the pole
// leans past 12 degrees or the cart leaves [-2.4, 2.4]; every step pays +1, the terminating
// one too. Gymnasium's TimeLimit cuts it at 500 steps: a truncation, not a terminal state,
// so a learner must still bootstrap through it (truncated() vs terminated()).
// The dynamics run in double as Gymnasium's do; observations are handed out as float32,
// as Gymnasium's are.
#include "Rng.h"

#include <array>

namespace reglab {

class CartPole {
public:
    static constexpr double kGravity = 9.8, kMassCart = 1.0, kMassPole = 0.1;
    static constexpr double kTotalMass = kMassCart + kMassPole;
    static constexpr double kLength = 0.5; // half the pole's length
    static constexpr double kPoleMassLength = kMassPole * kLength;
    static constexpr double kForceMag = 10.0, kTau = 0.02;
    static constexpr double kThetaThreshold = 12 * 2 * 3.14159265358979323846 / 360;
    static constexpr double kXThreshold = 2.4;
    static constexpr int kMaxSteps = 500; // CartPole-v1's TimeLimit
    static constexpr int kObservations = 4, kActions = 2; // action 0 pushes left, 1 right

    // x, x_dot, theta, theta_dot
    using State = std::array<double, 4>;

    // A new episode: each state variable uniform in [-0.05, 0.05], four uniform() draws.
    void reset(Rng& rng);
    // Puts the cart in a given state (tests, restored sessions) with `steps` already taken.
    void setState(const State& s, int steps);
    // One step of the dynamics; returns the reward (+1). Call only while !done().
    double step(int action);

    const State& state() const { return m_s; }
    int steps() const { return m_steps; }
    bool terminated() const;                                   // the pole fell or the cart left
    bool truncated() const { return !terminated() && m_steps >= kMaxSteps; }
    bool done() const { return terminated() || truncated(); }
    // The observation as Gymnasium returns it (float32).
    void observe(float* out) const;

    // The pure dynamics, Gymnasium's formulas: the state after one Euler step.
    static State next(const State& s, int action);

private:
    State m_s{};
    int m_steps = 0;
};

} // namespace reglab
