#include "labs/attention/AttentionParams.h"

#include "labs/ParamBuilders.h"

namespace reglab {

std::vector<ParamSpec> attentionParams()
{
    std::vector<ParamSpec> p;
    p.push_back(intParam("seq_len", "Sequence length", "T", "Data", 8, 32, 16, false,
                         "Tokens per sequence, the start token # included. The label says whether A tokens outnumber B "
                         "tokens, so the rule needs attention spread over every position."));
    p.push_back(intParam("vocab", "Vocabulary", "V", "Data", 5, 40, 35, false,
                         "Distinct tokens: #, the markers + and -, then two families of token types, A1..Ak and "
                         "B1..Bk (k = (V − 3)/2; plain A and B for V = 5), and a filler _ when V − 3 is odd. The model "
                         "must learn which family each type belongs to."));
    p.push_back(floatParam("cue", "Cue strength", "cue", "Data", 0, 1, 0.98, false, false,
                           "How often the marker (+: more A, -: more B) agrees with the label in the training set. In "
                           "validation it is a coin flip, so a model that reads only the marker is at chance there."));
    p.push_back(intParam("train_size", "Training sequences", "train n", "Data", 16, 20000, 2000, false,
                         "Sequences in the training set (validation has 1000)."));
    p.push_back(intParam("layers", "Attention layers", "layers", "Network", 1, 2, 1, false,
                         "Self-attention blocks, each attention (+ feed-forward) with residual connections."));
    p.push_back(intParam("heads", "Heads", "heads", "Network", 1, 4, 1, false,
                         "Attention heads per layer; each looks at the sequence with its own queries and keys."));
    p.push_back(choiceParam("d_model", "Width", "d", "Network", {"12", "24", "48", "96"}, "24", false,
                            "Size of the token vectors; split equally among the heads."));
    p.push_back(boolParam("layer_norm", "Layer norm", "LN", "Network", true, false,
                          "Pre-LN blocks: each attention and feed-forward part reads a normalised copy of its input, "
                          "and the pooled vector is normalised before the head."));
    p.push_back(boolParam("ffn", "Feed-forward part", "FFN", "Network", true, false,
                          "A ReLU MLP (width 2d) after each attention, as in a transformer block."));
    p.push_back(choiceParam("pooling", "Pooling", "pool", "Network", {"first", "mean"}, "first", false,
                            "What the classifier reads: the mean of all positions' outputs, or the output at the start "
                            "token # only."));
    p.push_back(floatParam("entropy_bonus", "Entropy bonus λ", "λ H", "Regularization", -1, 2, 0, false, true,
                           "Subtracts λ·H from the loss, H the mean entropy of the attention rows (over heads, layers "
                           "and queries): with λ > 0 attention is rewarded for spreading out instead of locking onto "
                           "one token. A negative λ penalises spread (W4 uses -0.01)."));
    p.push_back(floatParam("attn_dropout", "Attention dropout", "attn drop", "Regularization", 0, 0.9, 0, false, true,
                           "Drops each attention weight with this probability during training (the rest scaled by "
                           "1/(1−p)), so no single token can carry the prediction alone."));
    p.push_back(floatParam("weight_decay", "Weight decay", "WD", "Regularization", 0, 1, 0, false, true,
                           "AdamW's decoupled decay on weight matrices and embeddings (not biases or layer-norm "
                           "gains): w ← w − lr·wd·w each step."));
    p.push_back(floatParam("lr", "Learning rate", "lr", "Optimizer", 1e-5, 1, 1e-2, true, true,
                           "AdamW's step size."));
    p.push_back(intParam("batch_size", "Batch size", "batch", "Optimizer", 4, 512, 32, true,
                         "Training sequences per update."));
    p.push_back(intParam("eval_every", "Evaluate every", "eval every", "Run", 1, 100000, 10, true,
                         "Measure losses, accuracies and attention on the full sets every this many steps."));
    return p;
}

} // namespace reglab
