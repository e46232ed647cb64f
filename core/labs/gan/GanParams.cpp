#include "labs/gan/GanParams.h"

#include "data/GanTarget.h"
#include "labs/ParamBuilders.h"
#include "labs/gan/GanObjective.h"

namespace reglab {

std::vector<ParamSpec> ganParams()
{
    std::vector<ParamSpec> p;
    std::vector<std::string> targets = GanTarget::names();
    targets.push_back("drawn");
    p.push_back(choiceParam("target", "Target", "target", "Data", targets, "ring8", false,
                            "The distribution the generator must learn: a ring of 8 or a grid of 25 Gaussians (their "
                            "modes are counted), a spiral, two moons, or drawn: points you drew, or a CSV file of x,y "
                            "points (Target file below), each blurred a little."));
    p.push_back(onlyWhen(pathParam("target_file", "Target file", "target file", "Data",
                          "Used when the target is 'drawn': a CSV file of points, one \"x,y\" a line (an optional "
                          "header line; a third column, such as a label, is ignored)."),
                         "target", {"drawn"}));
    p.push_back(choiceParam("noise", "Noise", "noise", "Data", {"gaussian", "uniform"}, "gaussian", false,
                            "The generator's input: 2D standard normal noise, or uniform on [-1, 1]²."));
    p.push_back(intParam("width", "Width", "width", "Network", 4, 256, 64, false,
                         "Units per hidden layer of both the generator and the discriminator."));
    p.push_back(intParam("hidden_layers", "Hidden layers", "layers", "Network", 1, 4, 2, false,
                         "Hidden layers of both networks."));
    p.push_back(choiceParam("activation", "Activation", "act", "Network", {"relu", "leaky_relu", "tanh"}, "relu", false,
                            "The nonlinearity of both networks' hidden layers."));
    p.push_back(choiceParam("loss", "Loss", "loss", "Loss", ganLossNames(), "wgan-gp", true,
                            "minimax: D maximises log D(x) + log(1 − D(G(z))), G minimises the second term (its "
                            "gradient vanishes when D wins). non-saturating: G maximises log D(G(z)) instead. "
                            "wgan-gp: a critic's score difference plus λ·(|∇D| − 1)² on interpolates. hinge: "
                            "max(0, 1 − D(x)) + max(0, 1 + D(G(z)))."));
    p.push_back(onlyWhen(floatParam("gp_lambda", "Gradient penalty λ", "GP", "Regularization", 0, 100, 10, false, true,
                           "wgan-gp only: weight of (|∇ₓD(x̂)| − 1)² at random points x̂ between real and generated "
                           "samples, which keeps the critic 1-Lipschitz."),
                         "loss", {"wgan-gp"}));
    p.push_back(floatParam("r1", "R1 penalty γ", "R1", "Regularization", 0, 100, 0, false, true,
                           "Adds (γ/2)·|∇ₓD(x)|² on real samples (Mescheder et al. 2018): the discriminator may not "
                           "be steep where the data is, which damps the oscillation of the game. 0 switches it off."));
    p.push_back(boolParam("spectral_norm", "Spectral norm on D", "SN", "Regularization", false, true,
                          "After every discriminator update each of its weight matrices is divided by "
                          "max(1, σ(W)), σ its largest singular value: D is 1-Lipschitz."));
    p.push_back(choiceParam("optimizer", "Optimizer", "opt", "Optimizer", {"adam", "sgd"}, "adam", false,
                            "Adam (with the betas below) or plain SGD, for both networks."));
    p.push_back(floatParam("lr_d", "D learning rate", "lr D", "Optimizer", 1e-6, 1, 1e-3, true, true,
                           "Step size of the discriminator's updates. The defaults (D 1e-3, G 2e-4: the two time-scale "
                           "rule) let WGAN-GP cover the ring of 8 in about 5000 steps; 1e-4 for both, as in W3, "
                           "has not covered it after 5000."));
    p.push_back(floatParam("lr_g", "G learning rate", "lr G", "Optimizer", 1e-6, 1, 2e-4, true, true,
                           "Step size of the generator's updates."));
    p.push_back(onlyWhen(floatParam("beta1", "Adam β₁", "β1", "Optimizer", 0, 0.999, 0.5, false, true,
                           "Adam's momentum; GANs usually train with 0.5 or 0."),
                         "optimizer", {"adam"}));
    p.push_back(onlyWhen(floatParam("beta2", "Adam β₂", "β2", "Optimizer", 0, 0.9999, 0.9, false, true,
                           "Adam's decay of the squared-gradient average."),
                         "optimizer", {"adam"}));
    p.push_back(onlyWhen(intParam("d_steps", "D steps per G step", "D steps", "Optimizer", 1, 20, 5, true,
                         "Discriminator updates before each generator update (one step of the run)."),
                         "train", {"both", "discriminator"}));
    p.push_back(choiceParam("train", "Train", "train", "Optimizer", {"both", "discriminator", "generator"}, "both", true,
                            "Which network a step updates: both (d_steps D updates, then one G update), only the "
                            "discriminator (G frozen: D learns to tell its samples apart), or only the generator (D "
                            "frozen: G's samples follow the arrows)."));
    p.push_back(boolParam("substeps", "Slow motion (sub-steps)", "slow", "Run", false, true,
                          "Each step of the run is one single update, in the game's order: d_steps discriminator "
                          "updates, then the generator's. The picture names what each one did."));
    p.push_back(intParam("batch_size", "Batch size", "batch", "Optimizer", 8, 2048, 256, true,
                         "Real samples, noise samples and interpolates per update."));
    p.push_back(intParam("eval_every", "Evaluate every", "eval every", "Run", 1, 100000, 20, true,
                         "Measure the sample-quality metrics every this many generator steps."));
    return p;
}

} // namespace reglab
