#include "labs/doubledescent/RandomFeatures.h"

#include <Eigen/SVD>

#include <algorithm>
#include <cmath>
#include <limits>

namespace reglab {

namespace {
MatD gaussian(Index rows, Index cols, Rng& rng)
{
    MatD m(rows, cols);
    for (Index j = 0; j < cols; ++j)
        for (Index i = 0; i < rows; ++i)
            m(i, j) = rng.normal();
    return m;
}
ColVec<double> gaussian(Index n, Rng& rng) { return gaussian(n, 1, rng).col(0); }
} // namespace

RandomFeatures::RandomFeatures(int n, int d, int maxWidth, int testPoints, Rng& rng) : m_d(d)
{
    ColVec<double> beta = gaussian(d, rng);
    beta.normalize();
    m_xTrain = gaussian(n, d, rng);
    m_xTest = gaussian(testPoints, d, rng);
    m_epsTrain = gaussian(n, rng);
    m_cleanTrain = m_xTrain * beta;
    m_cleanTest = m_xTest * beta;
    m_w = gaussian(maxWidth, d, rng);
    setSigma(0);
}

void RandomFeatures::setSigma(double sigma) { m_yTrain = m_cleanTrain + sigma * m_epsTrain; }

MatD RandomFeatures::features(const MatD& x, int p) const
{
    const MatD z = x * m_w.topRows(p).transpose() / std::sqrt(double(m_d));
    return z.cwiseMax(0.0) / std::sqrt(double(p));
}

double RandomFeatures::gcvLambda(const ColVec<double>& s, const ColVec<double>& uty, double residualOutside, int n)
{
    double best = std::numeric_limits<double>::infinity(), bestLambda = 0;
    for (int k = 0; k <= 60; ++k) {
        const double lambda = std::pow(10.0, -9.0 + k * 0.2); // 1e-9 .. 1e3
        double residual = residualOutside, trace = 0;
        for (Index i = 0; i < s.size(); ++i) {
            const double shrink = lambda / (s(i) * s(i) + lambda);
            residual += shrink * shrink * uty(i) * uty(i);
            trace += 1 - shrink;
        }
        const double gcv = n * residual / ((n - trace) * (n - trace));
        if (gcv < best) {
            best = gcv;
            bestLambda = lambda;
        }
    }
    return bestLambda;
}

RandomFeatures::Fit RandomFeatures::fit(int p, Ridge ridge, double lambda) const
{
    const MatD phi = features(m_xTrain, p);
    const Eigen::BDCSVD<MatD> svd(phi, Eigen::ComputeThinU | Eigen::ComputeThinV);
    const ColVec<double>& s = svd.singularValues();
    Index kept = 0;
    while (kept < s.size() && s(kept) > kCutoff * s(0))
        ++kept;
    const ColVec<double> uty = svd.matrixU().leftCols(kept).transpose() * m_yTrain;
    Fit f;
    if (ridge == Ridge::Gcv)
        lambda = gcvLambda(s.head(kept), uty, std::max(0.0, m_yTrain.squaredNorm() - uty.squaredNorm()),
                           int(phi.rows()));
    f.lambda = ridge == Ridge::None ? 0.0 : lambda;
    ColVec<double> filtered(kept);
    for (Index i = 0; i < kept; ++i)
        filtered(i) = uty(i) * (ridge == Ridge::None ? 1 / s(i) : s(i) / (s(i) * s(i) + f.lambda));
    const ColVec<double> a = svd.matrixV().leftCols(kept) * filtered;
    f.trainError = (phi * a - m_yTrain).squaredNorm() / double(phi.rows());
    // The test predictions a block of features at a time: a 2000 x 20n feature matrix would
    // be allocated for every fit.
    ColVec<double> predicted = ColVec<double>::Zero(m_xTest.rows());
    constexpr int kBlock = 128;
    for (int from = 0; from < p; from += kBlock) {
        const int cols = std::min(kBlock, p - from);
        const MatD z = m_xTest * m_w.middleRows(from, cols).transpose() / std::sqrt(double(m_d));
        predicted += z.cwiseMax(0.0) * a.segment(from, cols) / std::sqrt(double(p));
    }
    f.testError = (predicted - m_cleanTest).squaredNorm() / double(m_xTest.rows());
    f.coefNorm = a.norm();
    f.conditionNumber = kept > 0 ? s(0) / s(kept - 1) : std::numeric_limits<double>::infinity();
    return f;
}

} // namespace reglab
