// W3 "gan2d": WGAN-GP on a ring of 8 Gaussians, defined as shared/bench/w3_gan2d_torch.py:
// G and D 2-64-64 ReLU MLPs with PyTorch's init, Adam 1e-4 (0.5, 0.9) for both, batch 256,
// 5 critic steps (fresh real, z and e each) per generator step; one step = one G step.
#include "Workloads.h"

#include "JsonLine.h"
#include "Parallel.h"
#include "Rng.h"
#include "data/GanTarget.h"
#include "labs/gan/GanObjective.h"
#include "metrics/SampleQuality.h"
#include "nn/Sequential.h"
#include "optim/Adam.h"

#include <chrono>
#include <cmath>

using namespace reglab;

namespace {
Sequential<float> mlp64(Index out, Rng& rng)
{
    MlpConfig c;
    c.inputs = 2;
    c.hidden = {64, 64};
    c.outputs = out;
    c.activation = Activation::ReLU;
    c.init = Init::PyTorch;
    return makeMlp<float>(c, rng);
}

MatF normals(Index rows, Index cols, Rng& rng)
{
    MatF m(rows, cols);
    for (Index i = 0; i < m.size(); ++i)
        m.data()[i] = float(rng.normal());
    return m;
}

std::unique_ptr<Adam<float>> adam(Sequential<float>& net)
{
    auto opt = std::make_unique<Adam<float>>(std::vector<ParamGroup<float>>{ParamGroup<float>{net.parameters(), 0.0}});
    opt->lr = 1e-4;
    opt->beta1 = 0.5;
    opt->beta2 = 0.9;
    return opt;
}
} // namespace

std::string runW3Gan2d(int gsteps, int threads)
{
    setNumThreads(threads);
    Rng rng(3);
    Sequential<float> g = mlp64(2, rng), d = mlp64(1, rng);
    auto optG = adam(g), optD = adam(d);
    GanObjective<float> w(g, d); // wgan-gp, lambda 10
    const GanTarget ring = GanTarget::named("ring8");
    const Index batch = 256;
    const int critic = 5;
    MatF e(batch, 1);
    double dSum = 0, gSum = 0;
    int tail = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (int it = 0; it < gsteps; ++it) {
        double lossD = 0;
        for (int k = 0; k < critic; ++k) {
            const MatF real = ring.sample(batch, rng), z = normals(batch, 2, rng);
            for (Index i = 0; i < batch; ++i)
                e(i) = float(rng.uniform());
            lossD = w.criticStep(real, z, e);
            optD->step();
        }
        const double lossG = w.generatorStep(normals(batch, 2, rng));
        optG->step();
        if (it >= gsteps - 50) {
            dSum += lossD;
            gSum += lossG;
            ++tail;
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    // Quality on 4096 fresh samples, as the reference reports it.
    const Index n = 4096;
    MatF fake, real = ring.sample(n, rng), dReal, dFake, scratch;
    g.infer(normals(n, 2, rng), fake, scratch);
    d.infer(real, dReal, scratch);
    d.infer(fake, dFake, scratch);
    const double west = double(dReal.mean() - dFake.mean());
    const ModeStats m = modeStats(fake, ring);

    JsonLine j;
    j.add("workload", "W3-gan2d").add("impl", "reglab").add("threads", threads).add("steps", gsteps);
    j.add("batch", int(batch)).add("seconds", seconds).add("steps_per_s", gsteps / seconds);
    j.add("samples_per_s", gsteps * double(critic * batch) / seconds);
    j.add("train_loss", tail ? dSum / tail : 0.0).add("g_loss", tail ? gSum / tail : 0.0);
    j.add("val_loss", -west).add("w_estimate", west).add("modes_covered", m.modesCovered);
    j.add("high_quality", m.highQuality).add("swd", slicedWasserstein(fake, real));
    return j.str();
}
