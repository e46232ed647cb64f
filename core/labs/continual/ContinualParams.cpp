#include "labs/continual/ContinualParams.h"

#include "labs/ParamBuilders.h"
#include "nn/Activation.h"

namespace reglab {

std::vector<ParamSpec> continualParams()
{
    std::vector<ParamSpec> p;
    p.push_back(choiceParam("dataset", "Tasks", "tasks", "Data", {"prototypes", "digits"}, "prototypes", false,
                            "prototypes: 'prototype digits', ten classes on 64 inputs of which 32 are always zero "
                            "(like MNIST's blank border); each sample is one of ten random prototypes plus noise. "
                            "digits: the 8x8 handwritten digits, whose inputs are dense. Task B is task A with its "
                            "64 inputs shuffled by one fixed permutation (the same samples, the same labels)."));
    p.push_back(onlyWhen(floatParam("noise", "Noise", "noise", "Data", 0, 2, 0.3, false, false,
                                    "Prototype digits: the standard deviation of the Gaussian noise added to each "
                                    "active input of the prototype (then clamped to [0, 1]). More noise makes each "
                                    "task harder."),
                         "dataset", {"prototypes"}));
    p.push_back(onlyWhen(intParam("num_points", "Samples", "samples", "Data", 30, 10000, 1500, false,
                                  "Prototype digits: samples per task, two thirds for training, one third for "
                                  "validation."),
                         "dataset", {"prototypes"}));
    p.push_back(intParam("hidden_layers", "Hidden layers", "layers", "Network", 1, 3, 1, false,
                         "Hidden layers of the MLP (Kirkpatrick et al.'s nets had two; one of 100 units suffices "
                         "here)."));
    p.push_back(intParam("width", "Width", "width", "Network", 2, 512, 100, false, "Units per hidden layer."));
    p.push_back(choiceParam("activation", "Activation", "act", "Network", activationNames(), "relu", false,
                            "The nonlinearity after each hidden layer."));
    p.push_back(floatParam("lr", "Learning rate", "lr", "Optimizer", 1e-4, 1, 0.05, true, true,
                           "Plain SGD's step size. It also caps the penalty's stiffness (see λ)."));
    p.push_back(intParam("batch_size", "Batch size", "batch", "Optimizer", 1, 1024, 32, true,
                         "Samples per update, from the task being trained."));
    p.push_back(intParam("switch_step", "Switch at step", "switch", "Tasks", 0, 10000000, 625, false,
                         "After this step the lab switches from task A to task B (a marker on the charts): the "
                         "anchor θ_A and the Fisher of A are taken there. 0: no automatic switch (switch 'Task' "
                         "by hand). 625 steps are 20 epochs of the 1,000 training samples at batch 32."));
    p.push_back(intParam("tasks", "Number of tasks", "tasks", "Tasks", 2, 3, 2, false,
                         "2: A then B. 3: then task C, a second fixed permutation of A's inputs, from twice "
                         "'Switch at step' on. The penalty then holds the weights where B left them, with the "
                         "Fisher of A and B added (one penalty, Huszár 2018), and the charts measure all three."));
    p.push_back(choiceParam("task", "Task", "task", "Tasks", {"A", "B", "C"}, "A", true,
                            "The task being trained. Switching it (by hand, or at 'Switch at step') anchors the "
                            "weights where they are and measures the Fisher information of the task being left; "
                            "a later switch adds the new Fisher to the old one (Huszár 2018). C needs 3 tasks."));
    p.push_back(choiceParam("penalty", "Penalty", "penalty", "Regularization", {"none", "l2-anchor", "ewc"}, "ewc",
                            true,
                            "What holds the weights near θ_A after the switch. none: plain SGD on B, which "
                            "forgets A. l2-anchor: (λ/2)·Σ(θᵢ − θ_A,ᵢ)², every weight held alike. ewc: elastic "
                            "weight consolidation, (λ/2)·Σ Fᵢ(θᵢ − θ_A,ᵢ)², each weight held as much as A's "
                            "Fisher information says it matters to A. Before the switch there is no anchor and "
                            "no penalty."));
    p.push_back(floatParam("lambda", "λ", "λ", "Regularization", 1e-3, 1e5, 100, true, true,
                           "The penalty's strength. Clipped: each weight's stiffness λ·Fᵢ (λ for the L2 anchor) is "
                           "capped at 1/lr, so lr·λ·max F stays at 1, below 2: beyond lr·λ·max F = 2 an SGD "
                           "step overshoots the anchor further each time and EWC diverges. The 'stiffness' chart "
                           "shows lr·λ·max F before the cap."));
    p.push_back(choiceParam("fisher", "Fisher", "Fisher", "Regularization", {"true", "empirical"}, "true", false,
                            "true: each input's label is drawn from the model's own predictive distribution (the "
                            "Fisher information of the model, as Kirkpatrick et al.). empirical: the true labels "
                            "(the 'empirical Fisher', cheaper in theory and often used, but a different matrix)."));
    p.push_back(intParam("fisher_samples", "Fisher samples", "Fisher n", "Regularization", 1, 100000, 1000, false,
                         "Training inputs of the task being left over which the Fisher is averaged (at most all "
                         "of them), one backward pass each."));
    p.push_back(intParam("eval_every", "Evaluate every", "eval every", "Run", 1, 100000, 10, true,
                         "Measure both tasks' validation accuracy every this many steps (one chart row)."));
    return p;
}

} // namespace reglab
