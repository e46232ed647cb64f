// nn/AttentionNet, the attention lab's hand-written engine: its loss against a plain
// reference written from the spec, every parameter's gradient against central differences
// in double for each variant of the model (layers, heads, LayerNorm, FFN, pooling, sign of
// lambda, dropout), float against double, the same bits at 1 and 2 threads, attention
// rows that sum to 1, and dropout that changes training but not inference.
#include "FiniteDiff.h"
#include "Parallel.h"
#include "Rng.h"
#include "nn/AttentionNet.h"
#include "nn/SoftmaxCrossEntropy.h"

#include <QtTest>

#include <cmath>
#include <cstring>
#include <map>

using namespace reglab;

namespace {

AttentionConfig tiny()
{
    AttentionConfig c;
    c.vocab = 5;
    c.seqLen = 4;
    c.dModel = 4;
    c.ffnWidth = 6;
    return c;
}

AttentionConfig w4()
{
    AttentionConfig c; // the defaults are W4's model
    c.entropyWeight = -0.01;
    return c;
}

struct Batch {
    std::vector<int> tokens, labels;
    Index B = 0;
};

Batch randomBatch(const AttentionConfig& c, Index B, uint64_t seed)
{
    Rng rng(seed);
    Batch b;
    b.B = B;
    for (Index i = 0; i < B * c.seqLen; ++i)
        b.tokens.push_back(int(rng.below(uint32_t(c.vocab))));
    for (Index i = 0; i < B; ++i)
        b.labels.push_back(int(rng.below(uint32_t(c.classes))));
    return b;
}

// The loss as the spec writes it, one sequence at a time with (T x d) row-major
// activations, from the parameters by name: what both engines must compute.
double referenceLoss(AttentionNet<double>& net, const Batch& batch)
{
    const AttentionConfig& c = net.config();
    std::map<std::string, MatD> p;
    for (auto* q : net.parameters())
        p[q->name] = q->value;
    const Index T = c.seqLen, d = c.dModel, dh = d / c.heads;
    auto ln = [&](MatD x, const std::string& name) {
        if (!c.layerNorm)
            return x;
        for (Index r = 0; r < x.rows(); ++r) {
            const double mean = x.row(r).mean();
            const double var = (x.row(r).array() - mean).square().mean();
            x.row(r) = ((x.row(r).array() - mean) / std::sqrt(var + 1e-5)).matrix();
            x.row(r) = (x.row(r).array() * p[name + ".ln_g"].array() + p[name + ".ln_b"].array()).matrix();
        }
        return x;
    };
    double ce = 0, h = 0;
    for (Index b = 0; b < batch.B; ++b) {
        MatD x(T, d);
        for (Index t = 0; t < T; ++t)
            x.row(t) = p["tok_emb"].row(batch.tokens[size_t(b * T + t)]) + p["pos_emb"].row(t);
        for (int l = 0; l < c.layers; ++l) {
            const std::string a = "attn" + std::to_string(l), f = "ffn" + std::to_string(l);
            const MatD hh = ln(x, a);
            MatD concat(T, d);
            for (int head = 0; head < c.heads; ++head) {
                auto proj = [&](const std::string& w, const std::string& bias) {
                    MatD y = hh * p[a + "." + w].middleCols(head * dh, dh);
                    y.rowwise() += p[a + "." + bias].middleCols(head * dh, dh).row(0);
                    return y;
                };
                const MatD q = proj("wq", "bq"), k = proj("wk", "bk"), v = proj("wv", "bv");
                MatD A = q * k.transpose() / std::sqrt(double(dh));
                for (Index i = 0; i < T; ++i) {
                    A.row(i) = (A.row(i).array() - A.row(i).maxCoeff()).exp().matrix();
                    A.row(i) /= A.row(i).sum();
                    h -= (A.row(i).array() * (A.row(i).array() + 1e-9).log()).sum();
                }
                concat.middleCols(head * dh, dh) = A * v;
            }
            MatD o = concat * p[a + ".wo"];
            o.rowwise() += p[a + ".bo"].row(0);
            x += o;
            if (c.ffn) {
                MatD u = ln(x, f) * p[f + ".w1"];
                u.rowwise() += p[f + ".b1"].row(0);
                MatD y = u.cwiseMax(0.0) * p[f + ".w2"];
                y.rowwise() += p[f + ".b2"].row(0);
                x += y;
            }
        }
        const MatD pooled = c.pooling == AttentionPooling::First ? MatD(x.row(0)) : MatD(x.colwise().mean());
        MatD logits = ln(pooled, "final") * p["head.w"] + p["head.b"];
        const int y = batch.labels[size_t(b)];
        ce += SoftmaxCrossEntropy<double>::loss(logits, &y, nullptr);
    }
    ce /= double(batch.B);
    h /= double(batch.B * c.layers * c.heads * T);
    return ce - c.entropyWeight * h;
}

QString describe(const AttentionConfig& c)
{
    return QStringLiteral("L%1 H%2 %3 %4 %5 lambda %6 p %7")
        .arg(c.layers)
        .arg(c.heads)
        .arg(c.layerNorm ? "ln" : "noln")
        .arg(c.ffn ? "ffn" : "noffn")
        .arg(c.pooling == AttentionPooling::First ? "first" : "mean")
        .arg(c.entropyWeight)
        .arg(c.attnDropout);
}

// Every variant the gradient check covers: the full cross product of the switches.
std::vector<AttentionConfig> variants()
{
    std::vector<AttentionConfig> out;
    for (int layers : {1, 2})
        for (int heads : {1, 2})
            for (bool norm : {true, false})
                for (bool ffn : {true, false})
                    for (auto pool : {AttentionPooling::First, AttentionPooling::Mean})
                        for (double lambda : {0.3, -0.3, 0.0}) {
                            AttentionConfig c = tiny();
                            c.layers = layers;
                            c.heads = heads;
                            c.layerNorm = norm;
                            c.ffn = ffn;
                            c.pooling = pool;
                            c.entropyWeight = lambda;
                            out.push_back(c);
                        }
    return out;
}

// LayerNorm gains and shifts away from 1 and 0, so their gradients are not special cases.
template <typename S> void perturbNorms(AttentionNet<S>& net, Rng& rng)
{
    for (auto* p : net.parameters())
        if (p->isNorm)
            for (Index k = 0; k < p->value.size(); ++k)
                p->value.data()[k] += S(0.3 * rng.normal());
}

template <typename S> std::vector<Mat<S>> gradients(AttentionNet<S>& net, const Batch& b, bool training, double* loss)
{
    net.zeroGrad();
    Rng rng(7);
    *loss = net.forwardBackward(b.tokens, b.labels, b.B, training, rng);
    std::vector<Mat<S>> g;
    for (auto* p : net.parameters())
        g.push_back(p->grad);
    return g;
}

bool sameBits(const MatF& a, const MatF& b)
{
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           std::memcmp(a.data(), b.data(), sizeof(float) * size_t(a.size())) == 0;
}

} // namespace

class TestAttentionNet : public QObject {
    Q_OBJECT

private slots:
    void configCheck();
    void parametersInSpecOrder();
    void lossMatchesSpecReference_data();
    void lossMatchesSpecReference();
    void gradientMatchesFiniteDifferences_data();
    void gradientMatchesFiniteDifferences();
    void floatMatchesDouble_data();
    void floatMatchesDouble();
    void sameBitsAtOneAndTwoThreads();
    void attentionRowsSumToOne();
    void dropoutChangesTrainingNotInference();
};

void TestAttentionNet::configCheck()
{
    QCOMPARE(QString::fromStdString(w4().check()), QString());
    QCOMPARE(QString::fromStdString(tiny().check()), QString());
    auto broken = [](auto edit) {
        AttentionConfig c = tiny();
        edit(c);
        return c.check();
    };
    QVERIFY(!broken([](AttentionConfig& c) { c.vocab = 1; }).empty());
    QVERIFY(!broken([](AttentionConfig& c) { c.seqLen = 1; }).empty());
    QVERIFY(!broken([](AttentionConfig& c) { c.layers = 3; }).empty());
    QVERIFY(!broken([](AttentionConfig& c) { c.heads = 5; }).empty());
    QVERIFY(!broken([](AttentionConfig& c) { c.heads = 3; }).empty()); // 4 % 3 != 0
    QVERIFY(!broken([](AttentionConfig& c) { c.attnDropout = 0.95; }).empty());
    QVERIFY(!broken([](AttentionConfig& c) { c.entropyWeight = std::nan(""); }).empty());
    AttentionConfig bad = tiny();
    bad.heads = 3;
    Rng rng(1);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, AttentionNet<float>(bad, rng));
}

void TestAttentionNet::parametersInSpecOrder()
{
    Rng rng(1);
    AttentionConfig c = w4();
    AttentionNet<float> net(c, rng);
    QStringList names;
    for (auto* p : net.parameters())
        names << QString::fromStdString(p->name);
    QCOMPARE(names.join(' '), QStringLiteral("tok_emb pos_emb attn0.ln_g attn0.ln_b attn0.wq attn0.bq attn0.wk "
                                             "attn0.bk attn0.wv attn0.bv attn0.wo attn0.bo ffn0.ln_g ffn0.ln_b "
                                             "ffn0.w1 ffn0.b1 ffn0.w2 ffn0.b2 final.ln_g final.ln_b head.w head.b"));
    const auto ps = net.parameters();
    QCOMPARE(ps[0]->value.rows(), Index(20));
    QCOMPARE(ps[14]->value.cols(), Index(64)); // w1: d x F
    QVERIFY(ps[2]->isNorm && ps[5]->isBias && ps[4]->isWeight());
    QVERIFY(ps[2]->value.isOnes() && ps[3]->value.isZero());
    // PyTorch's init ranges: w2's fan-in is F.
    QVERIFY(ps[16]->value.cwiseAbs().maxCoeff() <= 1.0f / 8.0f);
    QVERIFY(ps[16]->value.cwiseAbs().maxCoeff() > 0.1f);
    QVERIFY(std::fabs(ps[1]->value.norm() / std::sqrt(16.0f * 32.0f) - 0.02f) < 0.003f);

    c.layers = 2;
    c.layerNorm = false;
    c.ffn = false;
    AttentionNet<float> bare(c, rng);
    names.clear();
    for (auto* p : bare.parameters())
        names << QString::fromStdString(p->name);
    QCOMPARE(names.join(' '), QStringLiteral("tok_emb pos_emb attn0.wq attn0.bq attn0.wk attn0.bk attn0.wv attn0.bv "
                                             "attn0.wo attn0.bo attn1.wq attn1.bq attn1.wk attn1.bk attn1.wv "
                                             "attn1.bv attn1.wo attn1.bo head.w head.b"));
}

void TestAttentionNet::lossMatchesSpecReference_data()
{
    QTest::addColumn<int>("index");
    const auto vs = variants();
    for (size_t i = 0; i < vs.size(); ++i)
        QTest::newRow(qPrintable(describe(vs[i]))) << int(i);
}

void TestAttentionNet::lossMatchesSpecReference()
{
    QFETCH(int, index);
    const AttentionConfig c = variants()[size_t(index)];
    Rng rng(11 + uint64_t(index));
    AttentionNet<double> net(c, rng);
    perturbNorms(net, rng);
    const Batch b = randomBatch(c, 5, 3);
    double loss = 0;
    gradients(net, b, false, &loss);
    QVERIFY2(std::fabs(loss - referenceLoss(net, b)) < 1e-12, qPrintable(QString::number(loss - referenceLoss(net, b))));
    // And the stats add up.
    const AttentionBatchStats st = net.lastStats();
    QVERIFY(std::fabs(st.ce - c.entropyWeight * st.entropy - loss) < 1e-12);
    const AttentionBatchStats ev = net.evaluate(b.tokens, b.labels, b.B);
    QVERIFY(std::fabs(ev.loss - loss) < 1e-12);
    QCOMPARE(ev.correct, st.correct);
}

void TestAttentionNet::gradientMatchesFiniteDifferences_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<double>("dropout");
    QTest::addColumn<int>("batch");
    const auto vs = variants();
    for (size_t i = 0; i < vs.size(); ++i)
        QTest::newRow(qPrintable(describe(vs[i]))) << int(i) << 0.0 << 3;
    // Dropout on attention (the same mask in every pass: the rng is reseeded), and a batch
    // of two chunks (16 + 2 sequences), whose partial gradients are added.
    QTest::newRow("dropout L2 H2 first") << 0 << 0.4 << 3;
    QTest::newRow("dropout L2 H2 mean lambda<0") << 4 << 0.4 << 3;
    QTest::newRow("two chunks") << 1 << 0.0 << 18;
}

void TestAttentionNet::gradientMatchesFiniteDifferences()
{
    QFETCH(int, index);
    QFETCH(double, dropout);
    QFETCH(int, batch);
    AttentionConfig c = variants()[size_t(index)];
    c.attnDropout = dropout;
    if (dropout > 0) {
        c.layers = 2;
        c.heads = 2;
    }
    Rng rng(100 + uint64_t(index));
    AttentionNet<double> net(c, rng);
    perturbNorms(net, rng);
    const Batch b = randomBatch(c, batch, 5 + uint64_t(index));
    double loss = 0;
    const std::vector<MatD> analytic = gradients(net, b, dropout > 0, &loss);
    auto objective = [&]() {
        Rng r(7);
        return net.forwardBackward(b.tokens, b.labels, b.B, dropout > 0, r);
    };
    const auto ps = net.parameters();
    for (size_t i = 0; i < ps.size(); ++i) {
        const MatD numeric = fd::gradient(ps[i]->value, objective);
        const double err = fd::maxRelError(analytic[i], numeric);
        QVERIFY2(err < 1e-7, qPrintable(QStringLiteral("%1: relative error %2 (|grad| %3)")
                                             .arg(QString::fromStdString(ps[i]->name))
                                             .arg(err)
                                             .arg(numeric.cwiseAbs().maxCoeff())));
        QVERIFY2(analytic[i].cwiseAbs().maxCoeff() > 0 || numeric.cwiseAbs().maxCoeff() < 1e-12,
                 qPrintable(QString::fromStdString(ps[i]->name)));
    }
}

void TestAttentionNet::floatMatchesDouble_data()
{
    QTest::addColumn<int>("layers");
    QTest::addColumn<int>("heads");
    QTest::addColumn<bool>("mean");
    QTest::addColumn<int>("batch");
    QTest::newRow("W4 model") << 1 << 1 << false << 40;
    QTest::newRow("2 layers 4 heads mean") << 2 << 4 << true << 21;
    QTest::newRow("2 layers 2 heads first") << 2 << 2 << false << 5;
}

// The float engine runs nn/SmallGemm's AVX-512 kernels where the double one runs Eigen:
// on the same weights both must agree to float precision.
void TestAttentionNet::floatMatchesDouble()
{
    QFETCH(int, layers);
    QFETCH(int, heads);
    QFETCH(bool, mean);
    QFETCH(int, batch);
    AttentionConfig c = w4();
    c.layers = layers;
    c.heads = heads;
    c.pooling = mean ? AttentionPooling::Mean : AttentionPooling::First;
    c.entropyWeight = 0.5; // large, so its gradient counts
    Rng r1(9), r2(9);
    AttentionNet<float> f(c, r1);
    AttentionNet<double> d(c, r2);
    const Batch b = randomBatch(c, batch, 8);
    double lf = 0, ld = 0;
    const auto gf = gradients(f, b, false, &lf);
    const auto gd = gradients(d, b, false, &ld);
    QVERIFY2(std::fabs(lf - ld) < 1e-5 * std::max(1.0, std::fabs(ld)), qPrintable(QString::number(lf - ld)));
    for (size_t i = 0; i < gd.size(); ++i) {
        const double scale = std::max(1e-3, double(gd[i].cwiseAbs().maxCoeff()));
        const double err = (gf[i].cast<double>() - gd[i]).cwiseAbs().maxCoeff() / scale;
        QVERIFY2(err < 1e-4, qPrintable(QStringLiteral("%1: %2").arg(QString::fromStdString(f.parameters()[i]->name)).arg(err)));
    }
}

void TestAttentionNet::sameBitsAtOneAndTwoThreads()
{
    const int saved = numThreads();
    for (double p : {0.0, 0.3}) {
        AttentionConfig c = w4();
        c.attnDropout = p;
        c.layers = p > 0 ? 2 : 1;
        c.heads = p > 0 ? 2 : 1;
        c.pooling = p > 0 ? AttentionPooling::Mean : AttentionPooling::First;
        const Batch b = randomBatch(c, 64, 21);
        std::vector<std::vector<MatF>> grads;
        std::vector<double> losses;
        std::vector<MatF> logits;
        for (int threads : {1, 2}) {
            setNumThreads(threads);
            Rng rng(3);
            AttentionNet<float> net(c, rng);
            double loss = 0;
            grads.push_back(gradients(net, b, true, &loss));
            losses.push_back(loss);
            logits.emplace_back();
            net.infer(b.tokens, b.B, logits.back());
        }
        setNumThreads(saved);
        QCOMPARE(losses[0], losses[1]);
        for (size_t i = 0; i < grads[0].size(); ++i)
            QVERIFY2(sameBits(grads[0][i], grads[1][i]), qPrintable(QStringLiteral("parameter %1").arg(i)));
        QVERIFY(sameBits(logits[0], logits[1]));
    }
}

void TestAttentionNet::attentionRowsSumToOne()
{
    AttentionConfig c = w4();
    c.layers = 2;
    c.heads = 4;
    c.attnDropout = 0.5; // infer shows the weights before dropout
    Rng rng(5);
    AttentionNet<float> net(c, rng);
    const Batch b = randomBatch(c, 19, 4);
    MatF logits;
    AttentionMaps maps;
    net.infer(b.tokens, b.B, logits, &maps);
    QCOMPARE(logits.rows(), Index(19));
    QCOMPARE(Index(maps.weights.size()), Index(19 * 2 * 4 * 16 * 16));
    double entropy = 0;
    for (Index s = 0; s < b.B; ++s)
        for (int l = 0; l < 2; ++l)
            for (int h = 0; h < 4; ++h)
                for (Index i = 0; i < 16; ++i) {
                    double sum = 0;
                    for (Index j = 0; j < 16; ++j) {
                        QVERIFY(maps.at(s, l, h, i, j) >= 0.0f);
                        sum += maps.at(s, l, h, i, j);
                    }
                    QVERIFY2(std::fabs(sum - 1.0) < 1e-5, qPrintable(QString::number(sum)));
                }
    for (int l = 0; l < 2; ++l)
        for (int h = 0; h < 4; ++h) {
            entropy += maps.meanEntropy(l, h) / 8.0;
            const std::vector<uint8_t> all(size_t(b.B * 16), 1);
            QVERIFY(std::fabs(maps.mass(l, h, all) - 1.0) < 1e-5);
            QVERIFY(std::fabs(maps.mass(l, h, all, 0) - 1.0) < 1e-5);
        }
    // The maps' entropy is the H of the loss.
    const AttentionBatchStats st = net.evaluate(b.tokens, b.labels, b.B);
    QVERIFY2(std::fabs(entropy - st.entropy) < 1e-4, qPrintable(QStringLiteral("%1 %2").arg(entropy).arg(st.entropy)));
    // Logits agree with a batch of one.
    const std::vector<int> one(b.tokens.begin() + 16 * 7, b.tokens.begin() + 16 * 8);
    MatF single;
    net.infer(one, 1, single);
    QVERIFY((single.row(0) - logits.row(7)).cwiseAbs().maxCoeff() < 1e-5f);
}

void TestAttentionNet::dropoutChangesTrainingNotInference()
{
    AttentionConfig c = w4();
    AttentionConfig dropped = c;
    dropped.attnDropout = 0.3;
    Rng r1(6), r2(6);
    AttentionNet<float> plain(c, r1), net(dropped, r2);
    const Batch b = randomBatch(c, 32, 2);
    Rng rng(1);
    const double evalLoss = net.forwardBackward(b.tokens, b.labels, b.B, false, rng);
    const double trainLoss = net.forwardBackward(b.tokens, b.labels, b.B, true, rng);
    const double trainAgain = net.forwardBackward(b.tokens, b.labels, b.B, true, rng);
    QVERIFY(std::fabs(trainLoss - evalLoss) > 1e-6);
    QVERIFY(std::fabs(trainAgain - trainLoss) > 1e-6); // a new mask each step
    QCOMPARE(evalLoss, plain.forwardBackward(b.tokens, b.labels, b.B, true, rng));
    MatF a, p;
    net.infer(b.tokens, b.B, a);
    plain.infer(b.tokens, b.B, p);
    QVERIFY(sameBits(a, p));
    QCOMPARE(net.evaluate(b.tokens, b.labels, b.B).loss, plain.evaluate(b.tokens, b.labels, b.B).loss);
}

QTEST_GUILESS_MAIN(TestAttentionNet)
#include "tst_attentionnet.moc"
