// W1 "playground": the TensorFlow Playground spiral net, defined exactly as
// shared/bench/w1_playground_torch.py (data, init, loss, optimizer, batch order).
#include "Workloads.h"

#include "JsonLine.h"
#include "Parallel.h"
#include "Rng.h"
#include "nn/Linear.h"
#include "nn/MeanSquaredError.h"
#include "nn/Sequential.h"
#include "optim/Sgd.h"

#include <chrono>
#include <cmath>

using namespace reglab;

namespace {
// Two spirals, 250 points per class, noise 0, labels +1 / -1 (Playground's classifySpiralData).
void spirals(MatF& x, MatF& y, Rng& rng)
{
    const int n = 250;
    x.resize(2 * n, 2);
    y.resize(2 * n, 1);
    int row = 0;
    for (int cls = 0; cls < 2; ++cls) {
        const double delta = cls == 0 ? 0.0 : M_PI;
        const float label = cls == 0 ? 1.0f : -1.0f;
        for (int i = 0; i < n; ++i, ++row) {
            const double r = double(i) / n * 5.0;
            const double t = 1.75 * double(i) / n * 2.0 * M_PI + delta;
            x(row, 0) = float(r * std::sin(t));
            x(row, 1) = float(r * std::cos(t));
            y(row, 0) = label;
        }
    }
    // Shuffled once with a fixed seed (Fisher-Yates).
    for (int k = 2 * n; k > 1; --k) {
        const int j = int(rng.below(uint32_t(k)));
        x.row(k - 1).swap(x.row(j));
        y.row(k - 1).swap(y.row(j));
    }
}

double accuracy(const MatF& out, const MatF& y)
{
    int hits = 0;
    for (Index i = 0; i < out.rows(); ++i)
        hits += ((out(i, 0) >= 0) ? 1.0f : -1.0f) == y(i, 0);
    return double(hits) / double(out.rows());
}
} // namespace

std::string runW1Playground(int steps, int threads)
{
    setNumThreads(threads);
    Rng rng(1);
    MatF x, y;
    spirals(x, y, rng);
    const Index split = x.rows() / 2, batch = 10, batches = split / batch;
    const MatF xtr = x.topRows(split), ytr = y.topRows(split);
    const MatF xva = x.bottomRows(x.rows() - split), yva = y.bottomRows(y.rows() - split);

    MlpConfig cfg;
    cfg.inputs = 2;
    cfg.hidden = {8, 8};
    cfg.outputs = 1;
    cfg.activation = Activation::Tanh;
    cfg.outputActivation = Activation::Tanh;
    cfg.init = Init::Playground;
    Sequential<float> net = makeMlp<float>(cfg, rng);
    ParamGroup<float> weights{{}, 1e-3}, biases{{}, 0.0};
    for (auto* p : net.parameters())
        (p->isBias ? biases : weights).params.push_back(p);
    Sgd<float> opt({weights, biases});
    opt.lr = 0.03;

    // Pre-sliced batches in Playground's fixed order.
    std::vector<MatF> bx(static_cast<size_t>(batches)), by(static_cast<size_t>(batches));
    for (Index b = 0; b < batches; ++b) {
        bx[size_t(b)] = xtr.middleRows(b * batch, batch);
        by[size_t(b)] = ytr.middleRows(b * batch, batch);
    }
    MatF dout;
    Rng noDropout(0);
    const auto t0 = std::chrono::steady_clock::now();
    for (int step = 0; step < steps; ++step) {
        const size_t b = size_t(step % batches);
        const MatF& out = net.forward(bx[b], true, noDropout);
        MeanSquaredError<float>::loss(out, by[b], &dout);
        net.zeroGrad();
        net.backward(dout);
        opt.step();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    const MatF otr = net.forward(xtr, false, noDropout);
    const double trainLoss = MeanSquaredError<float>::loss(otr, ytr, nullptr), trainAcc = accuracy(otr, ytr);
    const MatF ova = net.forward(xva, false, noDropout);
    const double valLoss = MeanSquaredError<float>::loss(ova, yva, nullptr), valAcc = accuracy(ova, yva);

    JsonLine j;
    j.add("workload", "W1-playground").add("impl", "reglab").add("threads", threads).add("steps", steps);
    j.add("batch", int(batch)).add("seconds", seconds).add("steps_per_s", steps / seconds);
    j.add("samples_per_s", steps * double(batch) / seconds).add("train_loss", trainLoss).add("val_loss", valLoss);
    j.add("train_acc", trainAcc).add("val_acc", valAcc);
    return j.str();
}
