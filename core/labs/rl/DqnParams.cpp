#include "labs/rl/DqnParams.h"

#include "labs/ParamBuilders.h"

namespace reglab {

std::vector<ParamSpec> dqnParams()
{
    std::vector<ParamSpec> p;
    p.push_back(boolParam("double_dqn", "Double DQN", "double", "Learner", false, true,
                          "Off: the target r + γ max_a Q_target(s', a), whose max over noisy estimates is biased "
                          "upward. On: the online net picks the action at s' and the target net values it (van "
                          "Hasselt et al. 2016)."));
    p.push_back(floatParam("gamma", "Discount γ", "γ", "Learner", 0.5, 0.999, 0.99, false, true,
                           "Future rewards count γ^t. The most a CartPole return from s0 can be worth is about "
                           "1 / (1 − γ) (99.3 at γ 0.99 over 500 steps)."));
    p.push_back(choiceParam("loss", "TD loss", "loss", "Learner", {"huber", "mse"}, "huber", true,
                            "huber: quadratic within 1 of the target, linear beyond (DQN's error clipping). mse: "
                            "½ (Q − target)² everywhere."));
    p.push_back(intParam("target_every", "Target update every", "target every", "Learner", 1, 100000, 500, true,
                         "Steps between copies of the online net into the target net (used when τ is 0)."));
    p.push_back(floatParam("tau", "Polyak τ", "τ", "Learner", 0, 1, 0, false, true,
                           "Above 0: after every update the target net moves a fraction τ toward the online net "
                           "instead of being copied every N steps."));
    p.push_back(floatParam("epsilon_start", "ε at the start", "ε0", "Exploration", 0, 1, 1, false, true,
                           "ε-greedy: a random action with probability ε, which falls linearly from this ..."));
    p.push_back(floatParam("epsilon_end", "ε at the end", "ε1", "Exploration", 0, 1, 0.05, false, true,
                           "... to this, reached after the decay steps and kept."));
    p.push_back(intParam("epsilon_decay", "ε decay steps", "ε decay", "Exploration", 1, 1000000, 10000, true,
                         "Environment steps over which ε falls from its start to its end value."));
    p.push_back(intParam("hidden_layers", "Hidden layers", "layers", "Network", 1, 3, 2, false,
                         "Hidden ReLU layers of the Q-network (4 inputs, 2 outputs: one Q-value per action)."));
    p.push_back(intParam("width", "Width", "width", "Network", 4, 256, 64, false, "Units per hidden layer."));
    p.push_back(floatParam("lr", "Learning rate", "lr", "Optimizer", 1e-5, 0.1, 1e-3, true, true,
                           "Adam's step size (AdamW when weight decay is on)."));
    p.push_back(intParam("batch_size", "Batch size", "batch", "Optimizer", 1, 1024, 64, true,
                         "Transitions drawn from the replay buffer for each update."));
    p.push_back(intParam("train_every", "Update every", "update every", "Optimizer", 1, 100, 1, true,
                         "Environment steps between gradient updates."));
    p.push_back(floatParam("weight_decay", "Weight decay", "wd", "Regularization", 0, 0.1, 0, true, true,
                           "Decoupled weight decay (AdamW) on the weight matrices, not the biases: shrinks the "
                           "net toward small Q-values."));
    p.push_back(floatParam("dropout", "Dropout", "dropout", "Regularization", 0, 0.9, 0, false, true,
                           "Dropout after each hidden layer while fitting the TD targets; acting and the "
                           "targets use the net without it."));
    p.push_back(intParam("buffer_size", "Replay buffer", "buffer", "Replay", 100, 1000000, 10000, false,
                         "Transitions kept for replay; the oldest is overwritten when it is full."));
    p.push_back(intParam("learning_starts", "Learning starts", "starts", "Replay", 1, 100000, 1000, false,
                         "Environment steps of pure collection before the first update (at least one batch)."));
    p.push_back(intParam("env_steps", "Environment steps", "steps", "Measurement", 100, 10000000, 30000, true,
                         "The run stops after this many environment steps (one step of the lab each)."));
    p.push_back(intParam("eval_every", "Evaluate every", "eval every", "Measurement", 10, 100000, 500, true,
                         "Steps between metric rows. Each row runs greedy episodes from fresh starts and "
                         "compares the predicted Q(s0) with the discounted return they obtain."));
    p.push_back(intParam("eval_episodes", "Evaluation episodes", "eval episodes", "Measurement", 1, 100, 10, true,
                         "Greedy episodes per metric row, from their own random starts (training is unaffected)."));
    return p;
}

} // namespace reglab
