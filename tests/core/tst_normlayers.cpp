// BatchNorm (ghost batches, running statistics) and the branch block with drop-path:
// exact values, finite-difference gradients in training and evaluation mode, and a whole
// MLP with both, in double precision, on the blocked and parallel paths too.
#include "FiniteDiff.h"
#include "LayerCheck.h"
#include "Parallel.h"
#include "Rng.h"
#include "nn/ActivationLayer.h"
#include "nn/BatchNorm.h"
#include "nn/BranchBlock.h"
#include "nn/Linear.h"
#include "nn/Sequential.h"
#include "nn/SoftmaxCrossEntropy.h"

#include <QtTest>

using namespace reglab;

namespace {
constexpr double kTol = 1e-7;

BatchNorm<double> randomBatchNorm(Index n, Rng& rng)
{
    BatchNorm<double> bn(n, "bn");
    bn.gamma().value = fd::random(1, n, rng) + MatD::Constant(1, n, 1.5);
    bn.beta().value = fd::random(1, n, rng);
    return bn;
}

Sequential<double> makeBranch(Index in, Index out, int depth, Rng& rng)
{
    Sequential<double> s;
    for (int j = 0; j < depth; ++j) {
        auto lin = std::make_unique<Linear<double>>(j == 0 ? in : out, out, "b");
        lin->weight().value = fd::random(j == 0 ? in : out, out, rng);
        lin->bias().value = fd::random(1, out, rng);
        s.add(std::move(lin));
        s.add(std::make_unique<ActivationLayer<double>>(Activation::Tanh));
    }
    return s;
}
} // namespace

class TestNormLayers : public QObject {
    Q_OBJECT
private slots:
    void batchNormExactValues()
    {
        // Worked by hand: column 0 is 1..4 (mean 2.5, biased variance 1.25), column 1 is
        // 0,0,2,2 (mean 1, variance 1); y = gamma (x - mean) / sqrt(var + 1e-5) + beta.
        BatchNorm<double> bn(2, "bn");
        bn.gamma().value << 2.0, 0.5;
        bn.beta().value << 1.0, -1.0;
        MatD x(4, 2), y;
        x << 1, 0, 2, 0, 3, 2, 4, 2;
        Rng rng(1);
        bn.forward(x, y, true, rng);
        MatD expected(4, 2);
        expected << -1.6832708399378538, -1.49999750001875, 0.105576386687382, -1.49999750001875,
            1.894423613312618, -0.5000024999812501, 3.6832708399378538, -0.5000024999812501;
        QVERIFY((y - expected).cwiseAbs().maxCoeff() < 1e-12);
        // Running statistics, momentum 0.1 from mean 0 and variance 1; the unbiased variance
        // (1.25 * 4/3 and 1 * 4/3) goes into them, as in PyTorch.
        QVERIFY(std::fabs(bn.runningMean().value(0) - 0.25) < 1e-15);
        QVERIFY(std::fabs(bn.runningMean().value(1) - 0.1) < 1e-15);
        QVERIFY(std::fabs(bn.runningVar().value(0) - 1.0666666666666667) < 1e-15);
        QVERIFY(std::fabs(bn.runningVar().value(1) - 1.0333333333333334) < 1e-15);
        // Evaluation uses the running statistics, not the batch's.
        MatD e;
        bn.infer(x, e);
        QVERIFY(std::fabs(e(0, 0) - (2.0 * (1.0 - 0.25) / std::sqrt(1.0666666666666667 + 1e-5) + 1.0)) < 1e-12);
        bn.forward(x, y, false, rng);
        QCOMPARE(y, e);
    }

    void ghostGroups()
    {
        using V = std::vector<Index>;
        QCOMPARE(BatchNorm<double>::groupStarts(10, 0), V({0, 10}));
        QCOMPARE(BatchNorm<double>::groupStarts(10, 10), V({0, 10}));
        QCOMPARE(BatchNorm<double>::groupStarts(10, 64), V({0, 10}));
        QCOMPARE(BatchNorm<double>::groupStarts(10, 4), V({0, 5, 10}));    // two groups of 5
        QCOMPARE(BatchNorm<double>::groupStarts(10, 3), V({0, 4, 7, 10})); // 4, 3, 3
        QCOMPARE(BatchNorm<double>::groupStarts(6, 1), V({0, 2, 4, 6}));   // never a group of one
        // Each ghost group is normalised on its own: both halves have mean beta and the same
        // spread, whatever their offsets.
        BatchNorm<double> bn(1, "bn");
        bn.setGhostBatch(3);
        MatD x(6, 1), y;
        x << 1, 2, 3, 101, 102, 103;
        Rng rng(1);
        bn.forward(x, y, true, rng);
        QVERIFY(std::fabs(y(0) - y(3)) < 1e-12 && std::fabs(y(2) - y(5)) < 1e-12);
        QVERIFY(std::fabs(y.col(0).head(3).sum()) < 1e-12);
        bn.setGhostBatch(0); // plain: one group, the halves differ
        bn.forward(x, y, true, rng);
        QVERIFY(y(0) < -0.9 && y(5) > 0.9);
    }

    void batchNormGradients_data()
    {
        QTest::addColumn<int>("ghost");
        QTest::newRow("plain") << 0;
        QTest::newRow("ghost 3 of 10 (groups 4, 3, 3)") << 3;
        QTest::newRow("ghost 5 of 10") << 5;
    }
    void batchNormGradients()
    {
        QFETCH(int, ghost);
        Rng rng(11);
        BatchNorm<double> bn = randomBatchNorm(4, rng);
        bn.setGhostBatch(ghost);
        fd::checkLayer(bn, fd::random(10, 4, rng), rng);
    }

    void batchNormGradientsInEvaluationMode()
    {
        Rng rng(12);
        BatchNorm<double> bn = randomBatchNorm(3, rng);
        MatD y;
        bn.forward(fd::random(8, 3, rng, 2.0), y, true, rng); // running statistics away from 0 / 1
        const MatD mean = bn.runningMean().value, var = bn.runningVar().value;
        // Evaluation mode is the affine map of the running statistics, in backward too.
        fd::checkLayer(bn, fd::random(5, 3, rng), rng, kTol, /*training*/ false);
        QCOMPARE(bn.runningMean().value, mean); // evaluation leaves the statistics alone
        QCOMPARE(bn.runningVar().value, var);
    }

    void batchNormOnASingleSample()
    {
        // One sample has no batch statistics (its variance is 0, so every output would be beta
        // and no gradient would reach the layers below): it is normalised by the running
        // statistics, which it leaves alone, and its gradients are those of that map.
        Rng rng(17);
        BatchNorm<double> bn = randomBatchNorm(3, rng);
        MatD y;
        bn.forward(fd::random(8, 3, rng, 2.0), y, true, rng);
        const MatD var = bn.runningVar().value;
        const MatD x = fd::random(1, 3, rng);
        MatD train, eval;
        bn.forward(x, train, true, rng);
        bn.infer(x, eval);
        QVERIFY((train - eval).cwiseAbs().maxCoeff() < 1e-12);
        QCOMPARE(bn.runningVar().value, var);
        fd::checkLayer(bn, x, rng, kTol, /*training*/ true);
    }

    void branchBlockGradients_data()
    {
        QTest::addColumn<bool>("dropped");
        QTest::newRow("no drop-path") << false;
        QTest::newRow("fixed drop-path scales") << true;
    }
    void branchBlockGradients()
    {
        QFETCH(bool, dropped);
        Rng rng(13);
        BranchBlock<double> block;
        for (int depth : {1, 2, 3})
            block.addBranch(makeBranch(3, 4, depth, rng));
        if (dropped) {
            MatD scales(5, 3);
            scales << 1.5, 0, 1.5, 3, 0, 0, 1, 1, 1, 0, 1.5, 1.5, 0, 0, 3;
            block.setFixedScales(scales);
        }
        fd::checkLayer(block, fd::random(5, 3, rng), rng);
    }

    void dropPathKeepsOneAndTheExpectation()
    {
        Rng rng(14);
        MatD scales;
        BranchBlock<double>::drawScales(20000, 3, 0.6, rng, scales);
        double mean[3] = {0, 0, 0};
        for (Index r = 0; r < scales.rows(); ++r) {
            int kept = 0;
            for (Index b = 0; b < 3; ++b) {
                kept += scales(r, b) > 0 ? 1 : 0;
                mean[b] += scales(r, b) / double(scales.rows());
            }
            QVERIFY(kept >= 1); // a sample never loses every branch
            for (Index b = 0; b < 3; ++b)
                QVERIFY(scales(r, b) == 0.0 || std::fabs(scales(r, b) - 3.0 / kept) < 1e-12);
        }
        for (double m : mean) // each branch's expected scale is 1: training matches evaluation on average
            QVERIFY2(std::fabs(m - 1.0) < 0.03, qPrintable(QString::number(m)));
    }

    void ablationLeavesABranchOut()
    {
        Rng rng(15);
        BranchBlock<double> block;
        for (int depth : {1, 2})
            block.addBranch(makeBranch(2, 3, depth, rng));
        const MatD x = fd::random(4, 2, rng);
        MatD all, without0, only0, scratch;
        block.infer(x, all);
        block.inferWithout(x, without0, {true, false});
        block.branch(0).infer(x, only0, scratch);
        QVERIFY((all - without0 - only0).cwiseAbs().maxCoeff() < 1e-12);
    }

    // A whole MLP with batch norm (ghost groups), a branch block with drop-path and a batch
    // of 150 rows, so Linear takes its blocked products, at 1 and 2 threads.
    void mlpWithBatchNormAndBranches()
    {
        const int saved = numThreads();
        std::vector<MatD> gradients; // dx and every parameter's, at 1 then 2 threads
        for (int threads : {1, 2}) {
            setNumThreads(threads);
            Rng rng(16);
            MlpConfig c;
            c.inputs = 3;
            c.hidden = {70};
            c.outputs = 3;
            c.activation = Activation::Tanh;
            c.batchNorm = true;
            c.branchDepths = {1, 2};
            Sequential<double> net = makeMlp<double>(c, rng);
            for (auto* bn : net.layersOf<BatchNorm<double>>())
                bn->setGhostBatch(40);
            for (auto* block : net.layersOf<BranchBlock<double>>())
                block->setDropPath(0.4);
            QCOMPARE(net.layersOf<BatchNorm<double>>().size(), size_t(4)); // hidden + 3 in branches
            MatD x = fd::random(150, 3, rng);
            std::vector<int> labels(150);
            for (size_t i = 0; i < labels.size(); ++i)
                labels[i] = int(i % 3);
            auto params = net.parameters();
            auto objective = [&]() {
                Rng r(1);
                return SoftmaxCrossEntropy<double>::loss(net.forward(x, true, r), labels.data(), nullptr);
            };
            Rng r(1);
            MatD dout;
            SoftmaxCrossEntropy<double>::loss(net.forward(x, true, r), labels.data(), &dout);
            net.zeroGrad();
            const MatD dx = net.backward(dout, true);
            gradients.push_back(dx);
            for (auto* p : params)
                gradients.push_back(p->grad);
            Rng pick(2);
            int checked = 0;
            QVERIFY(fd::sampledRelError(dx, fd::sampledGradient(x, objective, 40, pick), &checked) < 1e-6);
            for (auto* p : params) {
                const double err = fd::sampledRelError(p->grad, fd::sampledGradient(p->value, objective, 12, pick), &checked);
                QVERIFY2(err < 1e-6, qPrintable(QString::fromStdString(p->name) + ": " + QString::number(err)));
            }
        }
        setNumThreads(saved);
        // The same bits at 1 and 2 threads.
        const size_t half = gradients.size() / 2;
        for (size_t i = 0; i < half; ++i)
            QVERIFY(gradients[i] == gradients[half + i]);
    }
};

QTEST_GUILESS_MAIN(TestNormLayers)
#include "tst_normlayers.moc"
