// W4 "attention", defined as shared/bench/w4_attention_torch.py: sequences of 16 tokens
// over 20, label 1 iff token 0 recurs in positions 1..15; token + position embedding, one
// pre-LN single-head block (d 32, FFN 64), First pooling; CE + 0.01 * attention entropy
// (lambda = -0.01); Adam 1e-3, batch 64 reshuffled every epoch. One step = one update.
#include "Workloads.h"

#include "JsonLine.h"
#include "Parallel.h"
#include "Rng.h"
#include "nn/AttentionNet.h"
#include "optim/Adam.h"

#include <algorithm>
#include <chrono>
#include <numeric>

using namespace reglab;

namespace {
void makeData(Index n, const AttentionConfig& c, Rng& rng, std::vector<int>& tokens, std::vector<int>& labels)
{
    const Index T = c.seqLen;
    tokens.resize(size_t(n * T));
    labels.resize(size_t(n));
    for (Index s = 0; s < n; ++s) {
        int* t = tokens.data() + s * T;
        for (Index k = 0; k < T; ++k)
            t[k] = int(rng.below(uint32_t(c.vocab)));
        labels[size_t(s)] = std::find(t + 1, t + T, t[0]) != t + T ? 1 : 0;
    }
}
} // namespace

std::string runW4Attention(int steps, int threads)
{
    setNumThreads(threads);
    AttentionConfig c; // W4's model is the default configuration
    c.entropyWeight = -0.01;
    const Index T = c.seqLen, batch = 64;
    Rng rng(4);
    Rng data = rng.split(1), init = rng.split(2), order = rng.split(3);
    std::vector<int> xtr, ytr, xva, yva;
    makeData(16384, c, data, xtr, ytr);
    makeData(4096, c, data, xva, yva);
    AttentionNet<float> net(c, init);
    Adam<float> opt({ParamGroup<float>{net.parameters(), 0.0}});
    opt.lr = 1e-3;

    const Index n = Index(ytr.size()), perEpoch = n / batch;
    std::vector<int> perm(static_cast<size_t>(n)), xb(static_cast<size_t>(batch * T)), yb(static_cast<size_t>(batch));
    auto shuffle = [&]() {
        std::iota(perm.begin(), perm.end(), 0);
        for (size_t k = perm.size(); k > 1; --k)
            std::swap(perm[k - 1], perm[order.below(uint32_t(k))]);
    };
    shuffle();
    const auto t0 = std::chrono::steady_clock::now();
    for (int step = 0; step < steps; ++step) {
        const Index i = step % perEpoch;
        if (i == 0 && step > 0)
            shuffle();
        for (Index b = 0; b < batch; ++b) {
            const int s = perm[size_t(i * batch + b)];
            std::copy(xtr.begin() + s * T, xtr.begin() + (s + 1) * T, xb.begin() + b * T);
            yb[size_t(b)] = ytr[size_t(s)];
        }
        net.zeroGrad();
        net.forwardBackward(xb, yb, batch, true, rng);
        opt.step();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    // As the reference reports them: CE + beta * H over the full sets, beta = -lambda.
    const AttentionBatchStats tr = net.evaluate(xtr, ytr, n), va = net.evaluate(xva, yva, Index(yva.size()));
    JsonLine j;
    j.add("workload", "W4-attention").add("impl", "reglab").add("threads", threads).add("steps", steps);
    j.add("batch", int(batch)).add("seconds", seconds).add("steps_per_s", steps / seconds);
    j.add("samples_per_s", steps * double(batch) / seconds);
    j.add("train_loss", tr.loss).add("val_loss", va.loss).add("train_ce", tr.ce).add("val_ce", va.ce);
    j.add("val_attn_entropy", va.entropy);
    j.add("train_acc", double(tr.correct) / double(tr.count)).add("val_acc", double(va.correct) / double(va.count));
    return j.str();
}
