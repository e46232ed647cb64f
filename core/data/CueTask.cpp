#include "data/CueTask.h"

#include <algorithm>
#include <stdexcept>

namespace reglab {

std::string CueTaskConfig::check() const
{
    if (length < 4 || length > 64)
        return "the sequence length must be between 4 and 64 tokens, got " + std::to_string(length) + ".";
    if (vocab < CueTask::kFirstContent + 2 || vocab > 64)
        return "the vocabulary must have between 5 and 64 tokens (3 are special), got " + std::to_string(vocab) + ".";
    if (!(cueStrength >= 0.0 && cueStrength <= 1.0))
        return "the cue strength must be a probability in [0, 1].";
    if (trainSize < 1 || valSize < 1)
        return "the training and validation sets need at least one sequence each.";
    return {};
}

namespace {

// One sequence into out[0 .. length): every content slot a uniform draw over the content
// types; redrawn until the A and B counts differ, so every label is defined.
void drawSequence(const CueTaskConfig& c, double agree, Rng& rng, int* out, int& label, int& cuePos)
{
    const int content = c.vocab - CueTask::kFirstContent;
    int nA = 0, nB = 0;
    cuePos = 1 + int(rng.below(uint32_t(c.length - 1)));
    do {
        nA = nB = 0;
        out[0] = CueTask::kStart;
        for (int p = 1; p < c.length; ++p) {
            if (p == cuePos)
                continue;
            out[p] = CueTask::kFirstContent + int(rng.below(uint32_t(content)));
            nA += CueTask::isA(out[p], c.vocab);
            nB += CueTask::isB(out[p], c.vocab);
        }
    } while (nA == nB);
    label = nA > nB ? 1 : 0;
    const bool agrees = rng.bernoulli(agree);
    out[cuePos] = (label == 1) == agrees ? CueTask::kCuePlus : CueTask::kCueMinus;
}

void fill(const CueTaskConfig& c, int count, double agree, Rng& rng, SequenceSet& s)
{
    s.count = count;
    s.length = c.length;
    s.tokens.assign(size_t(count) * size_t(c.length), 0);
    s.labels.assign(size_t(count), 0);
    s.cuePos.assign(size_t(count), 0);
    for (int i = 0; i < count; ++i)
        drawSequence(c, agree, rng, &s.tokens[size_t(i) * size_t(c.length)], s.labels[size_t(i)], s.cuePos[size_t(i)]);
}

} // namespace

void CueTask::make(const CueTaskConfig& config, Rng& rng, SequenceSet& train, SequenceSet& val)
{
    if (const std::string err = config.check(); !err.empty())
        throw std::invalid_argument(err);
    Rng trainRng = rng.split(1), valRng = rng.split(2);
    fill(config, config.trainSize, config.cueStrength, trainRng, train);
    fill(config, config.valSize, 0.5, valRng, val);
}

std::vector<std::string> CueTask::tokenNames(int vocab)
{
    std::vector<std::string> names = {"#", "+", "\u2212"}; // a true minus: a hyphen is a dot when rotated
    const int k = typesPerFamily(vocab);
    for (const char* family : {"A", "B"})
        for (int i = 1; i <= k; ++i)
            names.push_back(family + (k > 1 ? std::to_string(i) : std::string()));
    if (int(names.size()) < vocab)
        names.push_back("_");
    names.resize(size_t(std::max(vocab, 0)));
    return names;
}

} // namespace reglab
