// The attention lab: its task (labels, the cue's agreement in training and validation), its
// tape model (every parameter's gradient against central differences, for each shape option
// and both signs of the entropy weight), and the lab (metrics per head, pictures, same
// numbers at any thread count, save and restore).
#include "GradCheck.h"
#include "LabRun.h"
#include "Parallel.h"
#include "autodiff/Ops.h"
#include "data/CueTask.h"
#include "labs/ExportableLab.h"
#include "labs/attention/AttentionLab.h"
#include "labs/attention/TapeTransformer.h"
#include "nn/AttentionNet.h"

#include <QtTest>
#include <cmath>

using namespace reglab;
namespace gc = reglab::gradcheck;

namespace {

AttentionConfig tinyConfig()
{
    AttentionConfig c;
    c.vocab = 7;
    c.seqLen = 5;
    c.dModel = 4;
    c.ffnWidth = 6;
    return c;
}

// The tiny config with the shape of the current data row (tapeModelGradients_data).
AttentionConfig rowConfig()
{
    QFETCH(int, layers);
    QFETCH(int, heads);
    QFETCH(bool, layerNorm);
    QFETCH(bool, ffn);
    QFETCH(bool, mean);
    QFETCH(double, weight);
    AttentionConfig c = tinyConfig();
    c.layers = layers;
    c.heads = heads;
    c.layerNorm = layerNorm;
    c.ffn = ffn;
    c.pooling = mean ? AttentionPooling::Mean : AttentionPooling::First;
    c.entropyWeight = weight;
    return c;
}

// Tokens and labels of a small batch drawn from the real task.
void tinyBatch(const AttentionConfig& c, Index batch, std::vector<int>& tokens, std::vector<int>& labels)
{
    CueTaskConfig task;
    task.length = c.seqLen;
    task.vocab = c.vocab;
    task.trainSize = int(batch);
    task.valSize = 1;
    SequenceSet train, val;
    Rng rng(11);
    CueTask::make(task, rng, train, val);
    tokens = train.tokens;
    labels = train.labels;
}

} // namespace

class TestAttention : public QObject {
    Q_OBJECT
private slots:
    void taskLabelsCountTheFamilies()
    {
        CueTaskConfig c;
        c.trainSize = 4000;
        c.valSize = 4000;
        SequenceSet train, val;
        Rng rng(3);
        CueTask::make(c, rng, train, val);
        for (const SequenceSet* s : {&train, &val}) {
            int agree = 0;
            for (Index i = 0; i < s->count; ++i) {
                int nA = 0, nB = 0;
                const int* t = &s->tokens[size_t(i * s->length)];
                QCOMPARE(t[0], CueTask::kStart);
                for (Index p = 1; p < s->length; ++p) {
                    QVERIFY(t[p] >= 0 && t[p] < c.vocab);
                    nA += CueTask::isA(t[p], c.vocab);
                    nB += CueTask::isB(t[p], c.vocab);
                }
                QVERIFY(nA != nB);
                QCOMPARE(s->labels[size_t(i)], nA > nB ? 1 : 0);
                const int marker = t[s->cuePos[size_t(i)]];
                QVERIFY(marker == CueTask::kCuePlus || marker == CueTask::kCueMinus);
                agree += (marker == CueTask::kCuePlus) == (s->labels[size_t(i)] == 1);
            }
            const double rate = double(agree) / double(s->count);
            const double want = s == &train ? c.cueStrength : 0.5;
            QVERIFY2(std::abs(rate - want) < 0.025, (std::to_string(rate) + " vs " + std::to_string(want)).c_str());
        }
        QCOMPARE(CueTask::tokenNames(5), (std::vector<std::string>{"#", "+", "\u2212", "A", "B"}));
        QCOMPARE(CueTask::tokenNames(8).back(), std::string("_"));
    }

    void tapeModelGradients_data()
    {
        QTest::addColumn<int>("layers");
        QTest::addColumn<int>("heads");
        QTest::addColumn<bool>("layerNorm");
        QTest::addColumn<bool>("ffn");
        QTest::addColumn<bool>("mean");
        QTest::addColumn<double>("weight");
        QTest::newRow("1 layer, 1 head, LN, FFN, first, bonus") << 1 << 1 << true << true << false << 0.7;
        QTest::newRow("1 layer, 2 heads, no LN, first, penalty") << 1 << 2 << false << true << false << -0.4;
        QTest::newRow("2 layers, 2 heads, LN, no FFN, mean") << 2 << 2 << true << false << true << 0.3;
        QTest::newRow("2 layers, 1 head, no LN, no FFN, mean, no entropy") << 2 << 1 << false << false << true << 0.0;
    }

    void tapeModelGradients()
    {
        const AttentionConfig c = rowConfig();
        Rng init(5), unused;
        TapeTransformer<double> model(c, init);
        // Larger weights than the init, so attention is far from uniform and the entropy
        // term has real curvature.
        for (Parameter<double>* p : model.parameters())
            if (p->isWeight())
                p->value *= 2.0;
        std::vector<int> tokens, labels;
        tinyBatch(c, 3, tokens, labels);
        Tape<double> tape;
        auto pass = model.forward(tape, tokens, 3, &labels, false, unused);
        model.backward(pass);
        const auto loss = [&] {
            tape.clear();
            return model.forward(tape, tokens, 3, &labels, false, unused).loss.value()(0, 0);
        };
        for (Parameter<double>* p : model.parameters()) {
            const MatD analytic = p->grad;
            const MatD saved = p->value;
            const MatD numeric = gc::numericGradient(
                [&](const MatD& x) {
                    p->value = x;
                    return loss();
                },
                saved, 1e-6);
            p->value = saved;
            const gc::Comparison cmp = gc::compare(analytic, numeric, 1e-4);
            QVERIFY2(cmp.maxError < 1e-5, (p->name + ": " + cmp.describe()).c_str());
        }
    }

    void bothEnginesAgree_data() { tapeModelGradients_data(); }

    void bothEnginesAgree()
    {
        // DESIGN section 10: the lab trains with the hand-written engine; the tape model is
        // the same model, and both give the same initial weights, loss and gradients.
        const AttentionConfig c = rowConfig();
        Rng a(9), b(9), unused;
        TapeTransformer<double> tape(c, a);
        AttentionNet<double> fused(c, b);
        const auto pt = tape.parameters();
        const auto pf = fused.parameters();
        QCOMPARE(pt.size(), pf.size());
        for (size_t i = 0; i < pt.size(); ++i) {
            QCOMPARE(pt[i]->name, pf[i]->name);
            QVERIFY2(pt[i]->value == pf[i]->value, (pt[i]->name + ": initial values differ").c_str());
            pt[i]->value *= 2.0; // away from uniform attention, as in the gradient check
            pf[i]->value = pt[i]->value;
        }
        std::vector<int> tokens, labels;
        tinyBatch(c, 3, tokens, labels);
        Tape<double> t;
        const auto pass = tape.forward(t, tokens, 3, &labels, false, unused);
        tape.backward(pass);
        fused.zeroGrad();
        const double loss = fused.forwardBackward(tokens, labels, 3, false, unused);
        QVERIFY(std::abs(loss - pass.loss.value()(0, 0)) < 1e-12);
        for (size_t i = 0; i < pt.size(); ++i) {
            const double diff = (pt[i]->grad - pf[i]->grad).cwiseAbs().maxCoeff();
            QVERIFY2(diff < 1e-12, (pt[i]->name + ": gradients differ by " + std::to_string(diff)).c_str());
        }
    }

    void attentionRowsAreDistributions()
    {
        AttentionConfig c = tinyConfig();
        c.heads = 2;
        c.layers = 2;
        Rng init(2), unused;
        TapeTransformer<float> model(c, init);
        std::vector<int> tokens, labels;
        tinyBatch(c, 4, tokens, labels);
        Tape<float> tape;
        const auto pass = model.forward(tape, tokens, 4, nullptr, false, unused);
        QCOMPARE(int(pass.attention.size()), 4);
        for (const auto& a : pass.attention) {
            QCOMPARE(a.rows(), Index(4 * c.seqLen));
            QCOMPARE(a.cols(), Index(c.seqLen));
            QVERIFY((a.value().rowwise().sum().array() - 1.0f).abs().maxCoeff() < 1e-5f);
        }
        QVERIFY(!pass.loss.valid()); // no labels: no loss
    }

    void metricsNameEveryHead()
    {
        auto lab = labrun::makeLab("attention", {{"layers", "2"}, {"heads", "3"}});
        QCOMPARE(labrun::column(*lab, "attn_entropy_h5") >= 0, true);
        QCOMPARE(labrun::column(*lab, "attn_entropy_h6"), -1);
        const int ceiling = labrun::column(*lab, "attn_entropy_max");
        QVERIFY(lab->metrics()[size_t(ceiling)].reference);
        QCOMPARE(lab->initialRow().values[size_t(ceiling)], std::log(16.0));
        // At the start attention is nearly uniform: every head's entropy is close to log T.
        for (int h = 0; h < 6; ++h)
            QVERIFY(lab->initialRow().values[size_t(labrun::column(*lab, "attn_entropy_h" + std::to_string(h)))] > 2.5);
    }

    void viewsShowEverySequenceAndHead()
    {
        auto lab = labrun::makeLab("attention", {{"heads", "2"}, {"seq_len", "10"}});
        labrun::run(*lab, 5);
        const LabViews v = lab->views();
        QCOMPARE(int(v.grids.size()), AttentionLab::kShownSequences * 2 + 1);
        const GridView& g = v.grids.front();
        QCOMPARE(g.id, std::string("attention/0/0"));
        QCOMPARE(g.width, 10);
        QCOMPARE(int(g.xLabels.size()), 10);
        QCOMPARE(g.xLabels.front(), std::string("#"));
        QVERIFY(g.note.find("predicted") != std::string::npos);
        for (int q = 0; q < 10; ++q) {
            double row = 0;
            for (int k = 0; k < 10; ++k)
                row += g.value[size_t(q * 10 + k)];
            QVERIFY(std::abs(row - 1.0) < 1e-4);
        }
        const GridView& e = v.grids.back();
        QCOMPARE(e.id, std::string("head_entropy"));
        QCOMPARE(e.width, 2);
        QCOMPARE(e.height, 1);
        QVERIFY(!v.histograms.empty());
    }

    void sameNumbersAtAnyThreadCount()
    {
        const labrun::Sets sets = {{"heads", "2"}, {"attn_dropout", "0.2"}, {"eval_every", "5"}, {"train_size", "100"}};
        std::vector<std::vector<MetricRow>> runs;
        for (int threads : {1, 2}) {
            setNumThreads(threads);
            auto lab = labrun::makeLab("attention", sets, 4);
            runs.push_back(labrun::run(*lab, 30));
        }
        setNumThreads(2);
        QCOMPARE(runs[0].size(), runs[1].size());
        for (size_t i = 0; i < runs[0].size(); ++i)
            QCOMPARE(runs[0][i].values, runs[1][i].values);
    }

    void restoreReplaysExactly()
    {
        auto lab = labrun::makeLab("attention", {{"attn_dropout", "0.1"}, {"eval_every", "1"}, {"train_size", "64"}});
        labrun::run(*lab, 7);
        const auto saved = lab->saveState();
        const auto first = labrun::run(*lab, 9);
        lab->restoreState(*saved);
        const auto again = labrun::run(*lab, 9);
        QCOMPARE(first.back().values, again.back().values);
        QCOMPARE(first.back().step, again.back().step);
    }

    void entropyBonusSpreadsAttention()
    {
        // The bonus alone (no data to speak of) pulls every head towards uniform attention;
        // a penalty pulls the other way.
        std::vector<double> entropy;
        for (const char* weight : {"-1", "2"}) {
            auto lab = labrun::makeLab("attention", {{"entropy_bonus", weight}, {"eval_every", "60"}, {"lr", "0.01"}});
            entropy.push_back(labrun::run(*lab, 60).back().values[size_t(labrun::column(*lab, "attn_entropy"))]);
        }
        QVERIFY2(entropy[0] < 2.0 && entropy[1] > 2.7, (std::to_string(entropy[0]) + ", " + std::to_string(entropy[1])).c_str());
    }

    void exportsEveryParameter()
    {
        auto lab = labrun::makeLab("attention", {{"layers", "2"}});
        const auto tensors = dynamic_cast<const ExportableLab&>(*lab).tensors();
        QCOMPARE(tensors.front().name, std::string("tok_emb"));
        QCOMPARE(tensors.back().name, std::string("head.b"));
        QVERIFY(tensors.back().asVector);
    }
};

QTEST_GUILESS_MAIN(TestAttention)
#include "tst_attention.moc"
