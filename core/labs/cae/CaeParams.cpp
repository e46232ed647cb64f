#include "labs/cae/CaeParams.h"

#include "labs/ParamBuilders.h"

namespace reglab {

std::vector<ParamSpec> caeParams()
{
    std::vector<ParamSpec> p;
    p.push_back(choiceParam("manifold", "Manifold", "manifold", "Data", {"circle", "spiral"}, "circle", false,
                            "The curve the clean points lie on: the unit circle, or a spiral of 1.5 turns (radius "
                            "0.25 to 1)."));
    p.push_back(choiceParam("dimension", "Input dimension", "dim", "Data", {"2", "10"}, "2", false,
                            "2: the curve's own plane. 10: the plane placed in R^10 by a fixed random orthonormal "
                            "embedding (from the seed), so the noise has 9 directions off the curve, not 1."));
    p.push_back(intParam("num_points", "Training points", "points", "Data", 50, 2000, 300, false,
                         "Training points on the curve, each with its own noise. As many clean validation "
                         "points are drawn besides."));
    p.push_back(floatParam("sigma", "Noise σ", "σ", "Data", 0, 1, 0.1, false, false,
                           "Isotropic Gaussian noise of standard deviation σ added to every training input (in "
                           "all D directions). The validation points are clean; the off-manifold test points "
                           "of the picture and of 'denoise' carry noise σ (0.1 when σ is 0)."));
    p.push_back(intParam("hidden", "Hidden units", "hidden", "Network", 2, 256, 32, false,
                         "Sigmoid units of the encoder h = sigmoid(x W + b); the decoder x̂ = h Wᵀ + c ties its "
                         "weights to the encoder's."));
    p.push_back(floatParam("lambda", "Contractive λ", "λ", "Regularization", 0, 100, 0, true, true,
                           "Adds λ·||J_f(x)||_F² to the loss, the squared Frobenius norm of the encoder's "
                           "Jacobian, in closed form for a sigmoid layer: Σ_j (h_j(1 − h_j))² Σ_i W_ij². It "
                           "makes the code insensitive to moves of the input; the reconstruction keeps it "
                           "sensitive along the manifold only. 0 switches it off."));
    p.push_back(floatParam("corruption", "Denoising noise", "corrupt", "Regularization", 0, 1, 0, false, true,
                           "A denoising autoencoder: each step adds fresh Gaussian noise of this standard "
                           "deviation to the inputs, and the target stays the uncorrupted input. To first "
                           "order it acts like a contractive penalty on the whole reconstruction (Alain & "
                           "Bengio 2014). 0 switches it off."));
    p.push_back(floatParam("lr", "Learning rate", "lr", "Optimizer", 1e-4, 0.3, 0.01, true, true,
                           "Adam's step size; every step is one update on the whole training set."));
    p.push_back(intParam("eval_every", "Evaluate every", "eval every", "Run", 1, 100000, 20, true,
                         "Measure the metrics on the validation points every this many steps (one chart row)."));
    return p;
}

} // namespace reglab
