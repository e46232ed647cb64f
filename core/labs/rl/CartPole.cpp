#include "labs/rl/CartPole.h"

#include <cmath>

namespace reglab {

void CartPole::reset(Rng& rng)
{
    for (double& v : m_s)
        v = rng.uniform(-0.05, 0.05);
    m_steps = 0;
}

void CartPole::setState(const State& s, int steps)
{
    m_s = s;
    m_steps = steps;
}

CartPole::State CartPole::next(const State& s, int action)
{
    const double x = s[0], xDot = s[1], theta = s[2], thetaDot = s[3];
    const double force = action == 1 ? kForceMag : -kForceMag;
    const double cosT = std::cos(theta), sinT = std::sin(theta);
    const double temp = (force + kPoleMassLength * thetaDot * thetaDot * sinT) / kTotalMass;
    const double thetaAcc
        = (kGravity * sinT - cosT * temp) / (kLength * (4.0 / 3.0 - kMassPole * cosT * cosT / kTotalMass));
    const double xAcc = temp - kPoleMassLength * thetaAcc * cosT / kTotalMass;
    // Explicit Euler, Gymnasium's "euler" integrator: positions move with the old velocities.
    return {x + kTau * xDot, xDot + kTau * xAcc, theta + kTau * thetaDot, thetaDot + kTau * thetaAcc};
}

double CartPole::step(int action)
{
    m_s = next(m_s, action);
    ++m_steps;
    return 1.0;
}

bool CartPole::terminated() const
{
    return m_s[0] < -kXThreshold || m_s[0] > kXThreshold || m_s[2] < -kThetaThreshold || m_s[2] > kThetaThreshold;
}

void CartPole::observe(float* out) const
{
    for (int i = 0; i < kObservations; ++i)
        out[i] = float(m_s[size_t(i)]);
}

} // namespace reglab
