#include "labs/gan/GanObjective.h"

#include "autodiff/Ops.h"

#include <stdexcept>

namespace reglab {

const std::vector<std::string>& ganLossNames()
{
    static const std::vector<std::string> n = {"minimax", "non-saturating", "wgan-gp", "hinge"};
    return n;
}

GanLoss ganLossFromName(const std::string& name)
{
    const auto& n = ganLossNames();
    for (size_t i = 0; i < n.size(); ++i)
        if (n[i] == name)
            return GanLoss(i);
    throw std::invalid_argument("unknown GAN loss '" + name + "' (expected minimax, non-saturating, wgan-gp or hinge)");
}

template <typename S>
GanObjective<S>::GanObjective(Sequential<S>& generator, Sequential<S>& critic)
    : m_g(generator), m_d(critic), m_gm(generator.parameters()), m_dm(critic.parameters())
{
}

namespace {
// The squared norm of each row of D's input gradient at x (a leaf): (n, 1), on the graph.
template <typename S>
Var<S> inputGradNormSq(Tape<S>& t, const Module<S>& dm, const Sequential<S>& d, Var<S> x, Rng& rng)
{
    const Var<S> out = forwardOnTape(dm, d, x, true, rng);
    const Var<S> gx = t.grad(sum(out), {x}, /*createGraph*/ true)[0]; // (n, 2): row i = grad of D(x_i)
    return sumCols(square(gx));
}
} // namespace

template <typename S> double GanObjective<S>::criticStep(const Mat<S>& real, const Mat<S>& z, const Mat<S>& e)
{
    if (loss == GanLoss::WganGp && r1 == 0.0 && WganGpSteps<S>::supports(m_g, m_d))
        return m_closedForm.criticStep(m_g, m_d, real, z, e, lambda);
    Tape<S>& t = m_tape;
    t.clear();
    m_gm.bind(t); // bound so G's forward can run on the tape; its grads are not taken here
    m_dm.bind(t);
    // The fakes as constants: the critic step does not train G.
    const Var<S> fake = detach(forwardOnTape(m_gm, m_g, t.constant(z), true, m_unused));
    // Real samples as a leaf that requires grad only when R1 differentiates D at them.
    const Var<S> x = t.leaf(real, r1 > 0.0);
    const Var<S> dReal = forwardOnTape(m_dm, m_d, x, true, m_unused);
    const Var<S> dFake = forwardOnTape(m_dm, m_d, fake, true, m_unused);
    Var<S> total;
    switch (loss) {
    case GanLoss::Minimax:
    case GanLoss::NonSaturating:
        total = add(mean(softplus(neg(dReal))), mean(softplus(dFake)));
        break;
    case GanLoss::Hinge:
        total = add(mean(relu(addScalar(neg(dReal), S(1)))), mean(relu(addScalar(dFake, S(1)))));
        break;
    case GanLoss::WganGp: {
        total = sub(mean(dFake), mean(dReal));
        const Mat<S> ev = e.replicate(1, 2);
        const Mat<S> xhat = ev.cwiseProduct(real) + (Mat<S>::Ones(ev.rows(), 2) - ev).cwiseProduct(fake.value());
        const Var<S> norms = sqrt(inputGradNormSq(t, m_dm, m_d, t.leaf(xhat), m_unused));
        total = add(total, scale(mean(square(addScalar(norms, S(-1)))), S(lambda)));
        break;
    }
    }
    if (r1 > 0.0) {
        const Var<S> sq = sumCols(square(t.grad(sum(dReal), {x}, /*createGraph*/ true)[0]));
        total = add(total, scale(mean(sq), S(0.5 * r1)));
    }
    for (auto* p : m_dm.params())
        p->grad.setZero();
    m_dm.backward(total);
    return double(total.value()(0, 0));
}

template <typename S> Var<S> GanObjective<S>::generatorLoss(const Var<S>& dFake) const
{
    switch (loss) {
    case GanLoss::Minimax: return neg(mean(softplus(dFake)));
    case GanLoss::NonSaturating: return mean(softplus(neg(dFake)));
    default: return neg(mean(dFake));
    }
}

template <typename S> double GanObjective<S>::generatorStep(const Mat<S>& z)
{
    if ((loss == GanLoss::WganGp || loss == GanLoss::Hinge) && WganGpSteps<S>::supports(m_g, m_d))
        return m_closedForm.generatorStep(m_g, m_d, z);
    Tape<S>& t = m_tape;
    t.clear();
    m_gm.bind(t);
    m_dm.bind(t);
    const Var<S> dFake = forwardOnTape(m_dm, m_d, forwardOnTape(m_gm, m_g, t.constant(z), true, m_unused), true, m_unused);
    const Var<S> total = generatorLoss(dFake);
    for (auto* p : m_gm.params())
        p->grad.setZero();
    m_gm.backward(total);
    return double(total.value()(0, 0));
}

template <typename S> Mat<S> GanObjective<S>::inputGradNorms(const Mat<S>& x)
{
    Tape<S>& t = m_tape;
    t.clear();
    m_dm.bind(t);
    const Var<S> xv = t.leaf(x);
    const Var<S> out = forwardOnTape(m_dm, m_d, xv, false, m_unused);
    return t.grad(sum(out), {xv})[0].value().rowwise().norm();
}

template <typename S> Mat<S> GanObjective<S>::sampleForces(const Mat<S>& fake)
{
    Tape<S>& t = m_tape;
    t.clear();
    m_dm.bind(t);
    const Var<S> x = t.leaf(fake);
    // The loss is a mean: n times its gradient is each sample's own.
    const Var<S> total = generatorLoss(forwardOnTape(m_dm, m_d, x, false, m_unused));
    return t.grad(total, {x})[0].value() * S(-double(fake.rows()));
}

template class GanObjective<float>;
template class GanObjective<double>;

} // namespace reglab
