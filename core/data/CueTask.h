#pragma once
// The attention lab's sequence task (issue "Attention lab"): are there more A tokens than B
// tokens in a sequence? A and B are each a family of k token types (A1..Ak, B1..Bk; k = 1
// is plain A versus B), which the model must learn from the data: the true rule needs
// attention spread over every position and the meaning of every type. A spurious cue rides
// along: one marker token, "+" (more A) or "-" (more B), at a random position, agrees with
// the label in `cueStrength` of the training sequences and is a coin flip in validation. A
// model that reads only the marker does well in training and is at chance in validation.
#include "Rng.h"
#include "Types.h"

#include <string>
#include <vector>

namespace reglab {

// n sequences of `length` tokens each, row-major: sequence i is tokens[i*length ...].
struct SequenceSet {
    Index count = 0, length = 0;
    std::vector<int> tokens;
    std::vector<int> labels; // 1: more A than B
    std::vector<int> cuePos; // where the marker is in each sequence
};

struct CueTaskConfig {
    int length = 16;          // tokens per sequence, the start token included
    int vocab = 19;           // token ids [0, vocab): #, +, -, then k A types, k B types (and
                              // one neutral filler when vocab - 3 is odd)
    double cueStrength = 0.9; // P(marker agrees with the label) in training
    int trainSize = 500;
    int valSize = 1000;
    // "" when the config makes a task, else one sentence on what is wrong.
    std::string check() const;
};

class CueTask {
public:
    // Token ids. Position 0 always holds kStart (a summary slot for first-token pooling).
    static constexpr int kStart = 0, kCuePlus = 1, kCueMinus = 2, kFirstContent = 3;
    // Types per family for a vocabulary: A types are [3, 3 + k), B types [3 + k, 3 + 2k).
    static int typesPerFamily(int vocab) { return (vocab - kFirstContent) / 2; }
    static bool isA(int token, int vocab) { return token >= kFirstContent && token < kFirstContent + typesPerFamily(vocab); }
    static bool isB(int token, int vocab)
    {
        const int k = typesPerFamily(vocab);
        return token >= kFirstContent + k && token < kFirstContent + 2 * k;
    }

    // Train and validation sets drawn from rng (throws std::invalid_argument when
    // config.check() is not empty). Counts of A and B never tie.
    static void make(const CueTaskConfig& config, Rng& rng, SequenceSet& train, SequenceSet& val);
    // Display names of the tokens: "#", "+", "−" (U+2212), then "A1".."Ak", "B1".."Bk" ("A", "B" for
    // k = 1), and "_" for the filler.
    static std::vector<std::string> tokenNames(int vocab);
};

} // namespace reglab
