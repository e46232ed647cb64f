// W2 "mlp-medium": 784-256-256-10 ReLU MLP with dropout 0.2 and AdamW on a synthetic
// 10-class problem, defined as shared/bench/w2_mlp_medium_torch.py.
#include "Workloads.h"

#include "JsonLine.h"
#include "Parallel.h"
#include "Rng.h"
#include "nn/Sequential.h"
#include "nn/SoftmaxCrossEntropy.h"
#include "nn/Transpose.h"
#include "optim/AdamW.h"

#include <chrono>
#include <cmath>
#include <numeric>

using namespace reglab;

namespace {
// y = argmax(tanh(x A) B + 0.1 n) with a fixed random teacher (A, B).
void makeData(Index n, const MatF& A, const MatF& B, Rng& rng, MatF& x, std::vector<int>& y)
{
    x.resize(n, 784);
    for (Index i = 0; i < x.size(); ++i)
        x.data()[i] = float(rng.normal());
    MatF logits = (x * A).array().tanh().matrix() * B;
    y.resize(size_t(n));
    for (Index i = 0; i < n; ++i) {
        for (Index k = 0; k < 10; ++k)
            logits(i, k) += 0.1f * float(rng.normal());
        Index arg;
        logits.row(i).maxCoeff(&arg);
        y[size_t(i)] = int(arg);
    }
}

void evaluate(const Sequential<float>& net, const MatF& x, const std::vector<int>& y, double* loss, double* acc)
{
    MatF out, scratch;
    net.infer(x, out, scratch);
    int correct = 0;
    *loss = SoftmaxCrossEntropy<float>::sumLoss(out, y.data(), &correct) / double(x.rows());
    *acc = double(correct) / double(x.rows());
}
} // namespace

std::string runW2MlpMedium(int epochs, int threads)
{
    setNumThreads(threads);
    Rng rng(2);
    MatF A(784, 64), B(64, 10);
    for (Index i = 0; i < A.size(); ++i)
        A.data()[i] = float(rng.normal() / std::sqrt(784.0));
    for (Index i = 0; i < B.size(); ++i)
        B.data()[i] = float(rng.normal());
    MatF xtr, xva;
    std::vector<int> ytr, yva;
    makeData(20000, A, B, rng, xtr, ytr);
    makeData(5000, A, B, rng, xva, yva);
    // One sample per column, so a batch is gathered by contiguous copies (a row of the
    // column-major xtr is 784 reads 80 KB apart: 1 ms a batch) and transposed once.
    MatF xtrT;
    transposeInto(xtr, xtrT);

    MlpConfig cfg;
    cfg.inputs = 784;
    cfg.hidden = {256, 256};
    cfg.outputs = 10;
    cfg.activation = Activation::ReLU;
    cfg.dropout = 0.2;
    cfg.init = Init::PyTorch;
    Sequential<float> net = makeMlp<float>(cfg, rng);
    AdamW<float> opt({ParamGroup<float>{net.parameters(), 1e-2}});
    opt.lr = 1e-3;

    const Index n = xtr.rows(), batch = 128, perEpoch = n / batch;
    std::vector<int> perm(static_cast<size_t>(n)), yb(static_cast<size_t>(batch));
    MatF xbT(784, batch), xb, dout;
    int steps = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (int ep = 0; ep < epochs; ++ep) {
        std::iota(perm.begin(), perm.end(), 0);
        for (size_t k = perm.size(); k > 1; --k)
            std::swap(perm[k - 1], perm[rng.below(uint32_t(k))]);
        for (Index b = 0; b < perEpoch; ++b) {
            for (Index i = 0; i < batch; ++i) {
                const int s = perm[size_t(b * batch + i)];
                xbT.col(i) = xtrT.col(s);
                yb[size_t(i)] = ytr[size_t(s)];
            }
            transposeInto(xbT, xb);
            const MatF& out = net.forward(xb, true, rng);
            SoftmaxCrossEntropy<float>::loss(out, yb.data(), &dout);
            net.zeroGrad();
            net.backward(dout);
            opt.step();
            ++steps;
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double trainLoss, trainAcc, valLoss, valAcc;
    evaluate(net, xtr, ytr, &trainLoss, &trainAcc);
    evaluate(net, xva, yva, &valLoss, &valAcc);

    JsonLine j;
    j.add("workload", "W2-mlp-medium").add("impl", "reglab").add("threads", threads).add("steps", steps);
    j.add("batch", int(batch)).add("seconds", seconds).add("steps_per_s", steps / seconds);
    j.add("samples_per_s", steps * double(batch) / seconds).add("train_loss", trainLoss).add("val_loss", valLoss);
    j.add("train_acc", trainAcc).add("val_acc", valAcc);
    return j.str();
}
