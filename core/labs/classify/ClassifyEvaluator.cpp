#include "labs/classify/ClassifyEvaluator.h"

#include "Parallel.h"
#include "metrics/Calibration.h"
#include "nn/ActivationLayer.h"
#include "nn/BranchBlock.h"
#include "nn/MeanSquaredError.h"
#include "nn/SoftmaxCrossEntropy.h"

#include <algorithm>
#include <vector>

namespace reglab {

namespace {
constexpr Index kEvalChunk = 256; // fixed, so sums are added in the same order at any thread count
} // namespace

ClassifyEvaluator::Result ClassifyEvaluator::evaluate(const Dataset& d, const Options& o) const
{
    const MatF& inputs = o.x ? *o.x : d.x;
    const bool regression = !d.target.empty();
    const bool countDead = o.countDead, calibrate = o.calibrate && !regression;
    const int ablate = o.ablate;
    const Index n = d.size();
    const Index chunks = (n + kEvalChunk - 1) / kEvalChunk;
    std::vector<double> loss(size_t(chunks), 0.0);
    std::vector<int> hits(size_t(chunks), 0);
    // Hidden units: the outputs of the activations of the hidden layers (those of the branch
    // block are inside it and not counted). A unit is alive in a chunk when it is nonzero
    // for one of the chunk's inputs. Found once, before the parallel loop.
    std::vector<bool> hidden(m_net.size(), false);
    if (countDead)
        for (size_t i = 0; i < m_net.size(); ++i)
            hidden[i] = dynamic_cast<const ActivationLayer<float>*>(&m_net.layer(i)) != nullptr;
    std::vector<bool> ablated(m_branches, false);
    if (ablate >= 0)
        ablated[size_t(ablate)] = true;
    std::vector<std::vector<uint8_t>> alive(countDead ? size_t(chunks) : 0);
    std::vector<Calibration> calibration(calibrate ? size_t(chunks) : 0);
    const double cost = 2.0 * double(m_net.parameterCount());
    parallelFor(chunks, 1, cost * double(kEvalChunk), [&](int64_t c0, int64_t c1) {
        MatF out, scratch, targets;
        for (int64_t c = c0; c < c1; ++c) {
            const Index begin = c * kEvalChunk, rows = std::min(kEvalChunk, n - begin);
            if (!countDead && ablate < 0) {
                m_net.infer(inputs.middleRows(begin, rows), out, scratch);
            } else {
                // Layer by layer, to see the hidden activations on the way or leave a branch out.
                out = inputs.middleRows(begin, rows);
                for (size_t i = 0; i < m_net.size(); ++i) {
                    const auto* block = dynamic_cast<const BranchBlock<float>*>(&m_net.layer(i));
                    if (block && ablate >= 0)
                        block->inferWithout(out, scratch, ablated);
                    else
                        m_net.layer(i).infer(out, scratch);
                    std::swap(out, scratch);
                    if (!hidden[i])
                        continue;
                    for (Index u = 0; u < out.cols(); ++u)
                        alive[size_t(c)].push_back(out.col(u).cwiseAbs().maxCoeff() > 0.0f ? 1 : 0);
                }
            }
            if (regression) {
                // The loss's one definition is a mean over the chunk; back to a sum.
                targets = Eigen::Map<const MatF>(d.target.data() + begin, rows, 1);
                loss[size_t(c)] = double(MeanSquaredError<float>::loss(out, targets, nullptr)) * double(rows);
                continue;
            }
            loss[size_t(c)] = SoftmaxCrossEntropy<float>::sumLoss(out, d.y.data() + begin, &hits[size_t(c)]);
            if (calibrate)
                calibration[size_t(c)].add(out, d.y.data() + begin);
        }
    });
    Result e;
    double total = 0;
    long correct = 0;
    for (Index c = 0; c < chunks; ++c) { // fixed order: deterministic
        total += loss[size_t(c)];
        correct += hits[size_t(c)];
    }
    e.loss = n ? total / double(n) : 0.0;
    e.acc = n ? double(correct) / double(n) : 0.0;
    if (calibrate) {
        Calibration all;
        for (const Calibration& c : calibration) // fixed order
            all.merge(c);
        e.maxLogit = all.meanMaxLogit();
        e.ece = all.ece();
    }
    if (countDead && chunks > 0) {
        const size_t hiddenUnits = alive[0].size();
        size_t dead = 0;
        for (size_t u = 0; u < hiddenUnits; ++u) {
            bool any = false;
            for (const auto& a : alive)
                any = any || a[u];
            dead += any ? 0 : 1;
        }
        e.deadUnits = hiddenUnits ? double(dead) / double(hiddenUnits) : 0.0;
    }
    return e;
}

} // namespace reglab
