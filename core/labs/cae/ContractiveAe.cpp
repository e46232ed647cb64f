#include "labs/cae/ContractiveAe.h"

#include "autodiff/Ops.h"

#include <cmath>
#include <stdexcept>

namespace reglab {

void ContractiveAe::init(Index inputs, Index hidden, Rng& rng)
{
    const double a = std::sqrt(6.0 / double(inputs + hidden));
    w.value.resize(inputs, hidden);
    for (Index j = 0; j < hidden; ++j)
        for (Index i = 0; i < inputs; ++i)
            w.value(i, j) = rng.uniform(-a, a);
    b.value = MatD::Zero(1, hidden);
    c.value = MatD::Zero(1, inputs);
    for (auto* p : params())
        p->grad = MatD::Zero(p->value.rows(), p->value.cols());
}

void ContractiveAe::setValues(const std::vector<MatD>& v)
{
    if (v.size() != 3)
        throw std::invalid_argument("an autoencoder has three parameters");
    w.value = v[0];
    b.value = v[1];
    c.value = v[2];
}

Var<double> ContractiveAe::encode(Var<double> x, Var<double> W, Var<double> b)
{
    return sigmoid(addRow(matmul(x, W), b));
}

Var<double> ContractiveAe::decode(Var<double> h, Var<double> W, Var<double> c)
{
    return addRow(matmul(h, W, false, true), c); // tied: the decoder is Wᵀ
}

Var<double> ContractiveAe::contractive(Var<double> h, Var<double> W)
{
    const Var<double> slope = mul(h, addScalar(neg(h), 1.0)); // h(1 − h), the sigmoid's derivative
    const Var<double> columnNorms = sumRows(square(W));        // (1, hidden): Σ_i W_ij²
    const Var<double> perSample = matmul(square(slope), columnNorms, false, true); // (n, 1)
    return mean(perSample);
}

Var<double> ContractiveAe::reconError(Var<double> xhat, Var<double> target)
{
    return scale(sumSquares(sub(xhat, target)), 1.0 / double(xhat.rows()));
}

Var<double> ContractiveAe::loss(Tape<double>& tape, Var<double> W, Var<double> b, Var<double> c, const MatD& x,
                                const MatD& target, double lambda)
{
    const Var<double> h = encode(tape.constant(x), W, b);
    const Var<double> recon = reconError(decode(h, W, c), tape.constant(target));
    if (lambda == 0)
        return recon;
    return add(recon, scale(contractive(h, W), lambda));
}

MatD ContractiveAe::encode(const MatD& x) const
{
    MatD z = x * w.value;
    z.rowwise() += b.value.row(0);
    return (1.0 / (1.0 + (-z.array()).exp())).matrix();
}

MatD ContractiveAe::reconstruct(const MatD& x) const
{
    MatD r = encode(x) * w.value.transpose();
    r.rowwise() += c.value.row(0);
    return r;
}

MatD ContractiveAe::jacobian(const MatD& xRow) const
{
    const MatD h = encode(xRow);
    const Eigen::ArrayXd slope = (h.array() * (1.0 - h.array())).row(0).transpose();
    return slope.matrix().asDiagonal() * w.value.transpose();
}

ColVec<double> ContractiveAe::jacobianNormSq(const MatD& x) const
{
    const MatD h = encode(x);
    const MatD slope2 = (h.array() * (1.0 - h.array())).square().matrix();
    const ColVec<double> columnNorms = w.value.colwise().squaredNorm().transpose();
    return slope2 * columnNorms;
}

} // namespace reglab
