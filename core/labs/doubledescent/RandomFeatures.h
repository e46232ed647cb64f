#pragma once
// One trial of ReLU random-features regression (Mei & Montanari 2019; Belkin et al. 2019):
// inputs x ~ N(0, I_d), a linear teacher y = x.beta + sigma * eps with |beta| = 1, and
// features phi(x) = ReLU(W x / sqrt(d)) / sqrt(p) from a Gaussian W (p x d). The fit is
// closed form through the SVD of the n x p feature matrix: min-norm least squares
// (singular values below a cutoff relative to the largest are dropped; never an inverse
// of Phi^T Phi), or ridge through the filter s / (s^2 + lambda), lambda fixed or chosen by
// generalized cross-validation (GCV, closed form from the same SVD).
//
// A trial draws its data, teacher, noise and the rows of W once; the first p rows give
// the features at width p, so one trial's error curve over p is smooth. The test error is
// measured against the noiseless teacher x.beta (the excess risk: 0 is reachable).
#include "Rng.h"
#include "Types.h"

namespace reglab {

class RandomFeatures {
public:
    struct Fit {
        double trainError = 0, testError = 0; // mean squared errors
        double coefNorm = 0;                  // |a|, the fitted weights of the features
        double conditionNumber = 0;           // s_max / s_min over the kept singular values
        double lambda = 0;                    // the ridge used (0: min-norm)
    };
    enum class Ridge { None, Fixed, Gcv };
    static constexpr double kCutoff = 1e-10; // relative to the largest singular value

    RandomFeatures(int n, int d, int maxWidth, int testPoints, Rng& rng);
    // The label noise's scale: y = x.beta + sigma * eps, eps drawn once (so it can change live).
    void setSigma(double sigma);
    Fit fit(int p, Ridge ridge, double lambda) const;
    // GCV(lambda) = n |(I - H) y|^2 / (n - tr H)^2 with H = U diag(s^2 / (s^2 + lambda)) U^T;
    // the grid's minimiser (public for the tests).
    static double gcvLambda(const ColVec<double>& s, const ColVec<double>& uty, double residualOutside, int n);

private:
    MatD features(const MatD& x, int p) const;

    int m_d;
    MatD m_xTrain, m_xTest, m_w; // n x d, t x d, maxWidth x d
    ColVec<double> m_cleanTrain, m_cleanTest, m_epsTrain; // x.beta, and the training labels' noise
    ColVec<double> m_yTrain;
};

} // namespace reglab
