#include "labs/classify/ClassifyParams.h"

#include "data/FeatureMap.h"
#include "data/RegressionSets.h"
#include "data/ToySets.h"
#include "labs/ParamBuilders.h"
#include "nn/Activation.h"

namespace reglab {

std::vector<ParamSpec> classifyParams()
{
    std::vector<ParamSpec> p;
    std::vector<std::string> sets = toySetNames();
    sets.push_back("digits");
    sets.push_back("csv");
    sets.push_back("drawn");
    for (const std::string& s : regressionSetNames())
        sets.push_back(s);
    p.push_back(choiceParam("dataset", "Data set", "data", "Data", sets, "spiral", false,
                            "What to classify: a 2D toy set (its decision boundary is drawn), the 8x8 handwritten "
                            "digits (10 classes), your own CSV file (choose it below), or points drawn on the boundary "
                            "picture ('drawn'). Or what to fit: TensorFlow Playground's regression sets, a plane "
                            "(reg-plane) and six signed gaussians (reg-gaussian); the network then has one output, "
                            "trained on the mean squared error, and its output is drawn."));
    p.push_back(onlyWhen(pointsParam("drawn_points", "Drawn points", "drawn points", "Data",
                            "The data set 'drawn': click the boundary picture to add a point of the chosen class, "
                            "shift-click for the next class, ctrl-click to delete the nearest point. The first click "
                            "on a toy set starts from its points. Drawn points join the running data set; the network "
                            "trains on."),
                         "dataset", {"drawn"}));
    p.push_back(onlyWhen(pathParam("csv_file", "CSV file", "csv", "Data",
                          "Used when the data set is 'csv': one sample per row, the feature columns then an integer "
                          "label; an optional header row names the columns."),
                         "dataset", {"csv"}));
    p.push_back(floatParam("noise", "Noise", "noise", "Data", 0, 1, 0.1, false, false,
                           "How much the toy points are jittered. More noise blurs the classes, so a flexible network "
                           "starts fitting the noise: that is overfitting. Regression sets, as in Playground: each "
                           "target is read at its point moved by up to ±noise (Playground's noise 50 is 0.5)."));
    p.push_back(intParam("num_points", "Points", "points", "Data", 20, 5000, 400, false,
                         "How many toy points to generate (train and validation together). Few points make "
                         "overfitting easy to see."));
    p.push_back(intParam("data_draw", "Data draw", "draw", "Data", 0, 1000000, 0, false,
                         "Which random draw of the toy set (and of its train/validation split): Regenerate, beside the "
                         "data set menu, moves to the next one. Draw 0 is the one the lessons use."));
    p.push_back(floatParam("train_fraction", "Train fraction", "train", "Data", 0.1, 0.9, 0.5, false, false,
                           "The share of the data used for training; the rest is the validation set that measures "
                           "generalisation."));
    for (int f = 0; f < FeatureMap::Count; ++f) {
        const auto feature = FeatureMap::Feature(f);
        const std::string name = FeatureMap::name(feature);
        p.push_back(boolParam(FeatureMap::id(feature), "Input " + name, name, "Features", f <= FeatureMap::X2, false,
                              "Feed " + name + " of each 2D point to the network (TensorFlow Playground's input "
                              "features). With x1² and x2² even a linear classifier separates the circles. Ignored for "
                              "data that is not 2D (digits, most CSV files)."));
    }
    p.push_back(intParam("hidden_layers", "Hidden layers", "layers", "Network", 0, 6, 2, false,
                         "Number of hidden layers. 0 gives a linear classifier (logistic regression)."));
    p.push_back(intParam("width", "Width", "width", "Network", 1, 512, 24, false,
                         "Neurons per hidden layer. Wider networks can fit more complex boundaries, and more noise."));
    p.push_back(boolParam("branches", "Branch block", "branches", "Network", false, false,
                          "Adds a block of three parallel branches (1, 2 and 3 layers deep, Inception-like) after "
                          "the hidden layers; their outputs are summed. Drop-path acts on it."));
    p.push_back(choiceParam("activation", "Activation", "act", "Network", activationNames(), "tanh", false,
                            "The nonlinearity after each hidden layer. ReLU units can 'die' (output 0 for every input)."));
    p.push_back(choiceParam("optimizer", "Optimizer", "opt", "Optimizer", {"sgd", "adam", "adamw"}, "adam", false,
                            "SGD (with momentum), Adam, or AdamW. Weight decay is coupled to the gradient for SGD and "
                            "Adam (like L2) and decoupled for AdamW, as in PyTorch."));
    p.push_back(floatParam("lr", "Learning rate", "lr", "Optimizer", 1e-5, 10, 0.01, true, true,
                           "Step size of each update. Too large diverges (the run pauses on NaN), too small crawls."));
    p.push_back(onlyWhen(floatParam("momentum", "Momentum", "momentum", "Optimizer", 0, 0.99, 0.9, false, true,
                           "SGD only: how much of the previous update carries over. Smooths noisy gradients."),
                         "optimizer", {"sgd"}));
    p.push_back(intParam("batch_size", "Batch size", "batch", "Optimizer", 1, 4096, 32, true,
                         "Samples per update. Small batches give noisy gradients, which also regularize."));
    p.push_back(floatParam("l2", "L2 penalty", "L2", "Regularization", 0, 1, 0, true, true,
                           "Adds (λ/2)·Σw² to the loss, pulling weights toward zero through the gradient. "
                           "0 switches it off."));
    p.push_back(floatParam("l1", "L1 penalty", "L1", "Regularization", 0, 0.1, 0, true, true,
                           "λ·Σ|w| by a proximal (soft-threshold) step after each update: drives small weights to "
                           "exactly zero. The threshold is lr·λ, so exact zeros show best with SGD."));
    p.push_back(floatParam("weight_decay", "Weight decay", "WD", "Regularization", 0, 1, 0, true, true,
                           "Shrinks weights every step. With AdamW it is decoupled from the gradient (w ← w − lr·wd·w); "
                           "with SGD and Adam it acts like L2."));
    p.push_back(boolParam("decay_biases", "Decay biases", "decay biases", "Regularization", false, true,
                          "Also apply L1, L2 and weight decay to biases. Usually off: shrinking biases does not reduce "
                          "capacity and can kill ReLU units."));
    p.push_back(boolParam("decay_norm", "Decay norm params", "decay norm", "Regularization", false, true,
                          "Also apply L1, L2 and weight decay to batch norm's scale γ and shift β. Usually off: they "
                          "set each unit's scale, not the network's capacity."));
    p.push_back(floatParam("dropout", "Dropout", "dropout", "Regularization", 0, 0.9, 0, false, true,
                           "Probability of zeroing each hidden unit during training (inverted dropout). Forces "
                           "redundant features; 0 switches it off."));
    p.push_back(onlyWhen(floatParam("drop_path", "Drop-path", "drop-path", "Regularization", 0, 0.9, 0, false, true,
                           "Branch block only: in training each sample drops each branch with this probability "
                           "(one is always kept) and the k survivors of n are scaled by n/k, so no branch can rely "
                           "on the others. 0 switches it off."),
                         "branches", {"true"}));
    p.push_back(boolParam("batch_norm", "Batch norm", "BN", "Regularization", false, false,
                          "Normalises each hidden layer's pre-activations over the batch, "
                          "y = γ·(x − mean)/√(var + ε) + β, with running statistics for evaluation. "
                          "A batch of one sample has no statistics and uses the running ones. Adding or removing it resets the run."));
    p.push_back(onlyWhen(intParam("ghost_batch", "Ghost batch", "ghost", "Regularization", 0, 4096, 0, true,
                         "Batch norm only: normalise over groups of this many samples instead of the whole batch "
                         "(ghost batch norm). Smaller groups give noisier statistics, which regularize. 0 (or the "
                         "batch size) is plain batch norm."),
                         "batch_norm", {"true"}));
    p.push_back(floatParam("label_smoothing", "Label smoothing", "smoothing", "Regularization", 0, 0.5, 0, false,
                           true,
                           "Trains on soft targets (1 − ε)·one-hot + ε/K for K classes instead of one-hot ones, so "
                           "the loss stops rewarding ever larger logits: less overconfident predictions. The "
                           "reported losses stay plain cross-entropy. 0 switches it off. Ignored for the regression "
                           "sets, which have no classes."));
    p.push_back(floatParam("spectral_penalty", "Spectral penalty", "spectral", "Regularization", 0, 1, 0, false, true,
                           "Adds (λ/2)·Σ σ(W)² over the layers, σ(W) the largest singular value of a weight matrix "
                           "(power iteration, one step per update). Stops layers from stretching their inputs, so "
                           "the network changes less when its input is perturbed. 0 switches it off."));
    p.push_back(boolParam("spectral_norm", "Spectral normalization", "spectral norm", "Regularization", false, true,
                          "Hard constraint: after every update each weight matrix is divided by max(1, σ(W)), so "
                          "no layer stretches any input by more than 1 (the network is 1-Lipschitz)."));
    p.push_back(boolParam("early_stopping", "Early stopping", "early stop", "Regularization", false, true,
                          "Stop when the validation loss has not improved for 'patience' evaluations, and restore "
                          "the weights of the best step."));
    p.push_back(onlyWhen(intParam("patience", "Patience", "patience", "Regularization", 1, 10000, 30, true,
                         "Evaluations without a new best validation loss before early stopping fires."),
                         "early_stopping", {"true"}));
    p.push_back(intParam("eval_every", "Evaluate every", "eval every", "Run", 1, 100000, 10, true,
                         "Measure the full train and validation sets every this many steps. One row of the charts "
                         "and of metrics.csv per evaluation."));
    p.push_back(floatParam("noise_sigma", "Test noise σ", "test noise", "Run", 0, 2, 0.3, false, true,
                           "The standard deviation of the Gaussian noise added to the validation inputs for the "
                           "'noisy val accuracy' metric (a regression: 'noisy val loss'; robustness). The noise is drawn once per reset; training "
                           "data is never touched."));
    return p;
}

} // namespace reglab
