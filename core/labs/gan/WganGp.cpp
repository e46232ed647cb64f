#include "labs/gan/WganGp.h"

#include "autodiff/Ops.h"

namespace reglab {

template <typename S>
WganGp<S>::WganGp(Sequential<S>& generator, Sequential<S>& critic)
    : m_g(generator), m_d(critic), m_gm(generator.parameters()), m_dm(critic.parameters())
{
}

template <typename S> double WganGp<S>::criticStep(const Mat<S>& real, const Mat<S>& z, const Mat<S>& e)
{
    Tape<S>& t = m_tape;
    t.clear();
    m_gm.bind(t); // bound so G's forward can run on the tape; its grads are not taken here
    m_dm.bind(t);
    // The fakes as constants: the critic step does not train G.
    const Var<S> fake = detach(forwardOnTape(m_gm, m_g, t.constant(z), true, m_unused));
    const Var<S> x = t.constant(real);
    const Var<S> dReal = forwardOnTape(m_dm, m_d, x, true, m_unused);
    const Var<S> dFake = forwardOnTape(m_dm, m_d, fake, true, m_unused);
    // xhat = e x + (1 - e) fake, a leaf so D's input gradient can be taken at it.
    const Mat<S> ev = e.replicate(1, 2);
    const Mat<S> xhatValue = ev.cwiseProduct(real) + (Mat<S>::Ones(ev.rows(), 2) - ev).cwiseProduct(fake.value());
    const Var<S> xhat = t.leaf(xhatValue);
    const Var<S> dHat = forwardOnTape(m_dm, m_d, xhat, true, m_unused);
    const Var<S> gx = t.grad(sum(dHat), {xhat}, /*createGraph*/ true)[0]; // (n, 2)
    const Var<S> gp = mean(square(addScalar(sqrt(sumCols(square(gx))), S(-1))));
    const Var<S> loss = add(sub(mean(dFake), mean(dReal)), scale(gp, S(lambda)));
    for (auto* p : m_dm.params())
        p->grad.setZero();
    m_dm.backward(loss);
    return double(loss.value()(0, 0));
}

template <typename S> double WganGp<S>::generatorStep(const Mat<S>& z)
{
    Tape<S>& t = m_tape;
    t.clear();
    m_gm.bind(t);
    m_dm.bind(t);
    const Var<S> fake = forwardOnTape(m_gm, m_g, t.constant(z), true, m_unused);
    const Var<S> loss = neg(mean(forwardOnTape(m_dm, m_d, fake, true, m_unused)));
    for (auto* p : m_gm.params())
        p->grad.setZero();
    m_gm.backward(loss);
    return double(loss.value()(0, 0));
}

template class WganGp<float>;
template class WganGp<double>;

} // namespace reglab
