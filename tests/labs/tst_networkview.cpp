// The classify lab's extra pictures as data: the network view matches the net it shows
// (layer widths, link weights, dead units), the confusion matrix counts the validation
// set, and the digits' images carry their true and predicted classes.
#include "LabRun.h"
#include "Rng.h"
#include "labs/classify/ClassifyLab.h"
#include "labs/classify/ClassifyViews.h"
#include "nn/Linear.h"

#include <QtTest>

using namespace reglab;

namespace {

Sequential<float> smallNet(const std::vector<Index>& hidden, Rng& rng)
{
    MlpConfig cfg;
    cfg.inputs = 2;
    cfg.hidden = hidden;
    cfg.outputs = 2;
    cfg.dropout = 0.0;
    cfg.alwaysAddDropout = true;
    return makeMlp<float>(cfg, rng);
}

MatF randomInputs(Index n, Rng& rng)
{
    MatF x(n, 2);
    for (Index k = 0; k < x.size(); ++k)
        x.data()[k] = float(rng.normal());
    return x;
}

GridView plane()
{
    GridView g;
    g.xMin = -2;
    g.xMax = 2;
    g.yMin = -2;
    g.yMax = 2;
    return g;
}

// Dead units of the hidden layer after `linears` Linear layers, by hand: relu(x W + b)
// layer by layer (no dropout at inference, ReLU).
std::vector<bool> deadByHand(Sequential<float>& net, const MatF& x, size_t layer)
{
    MatF h = x;
    const auto lin = net.linearLayers();
    for (size_t i = 0; i <= layer; ++i) {
        h = (h * lin[i]->weight().value).rowwise() + lin[i]->bias().value.row(0);
        h = h.cwiseMax(0.0f);
    }
    std::vector<bool> dead;
    for (Index u = 0; u < h.cols(); ++u)
        dead.push_back(h.col(u).maxCoeff() <= 0.0f);
    return dead;
}

} // namespace

class TestNetworkView : public QObject {
    Q_OBJECT
private slots:
    void matchesTheNet()
    {
        Rng rng(3);
        Sequential<float> net = smallNet({5, 4}, rng);
        auto lin = net.linearLayers();
        lin[0]->bias().value(0, 1) = -1e4f; // unit 2 of hidden 1: never above zero
        lin[1]->bias().value(0, 3) = -1e4f; // unit 4 of hidden 2
        lin[0]->weight().value.col(2).setZero(); // unit 3 of hidden 1: a tiny constant, alive
        lin[0]->bias().value(0, 2) = 1e-6f;
        const MatF val = randomInputs(200, rng);
        std::vector<std::vector<uint8_t>> alive;
        validationPass(net, val, nullptr, &alive);
        const NetworkView v = makeNetworkView(net, plane(), 6, alive);

        QCOMPARE(int(v.layers.size()), 4);
        const std::vector<int> widths = {2, 5, 4, 2};
        for (size_t l = 0; l < widths.size(); ++l) {
            QCOMPARE(int(v.layers[l].nodes.size()), widths[l]);
            QCOMPARE(v.layers[l].units, widths[l]);
            for (const auto& n : v.layers[l].nodes)
                QCOMPARE(int(n.map.size()), 36);
        }
        QVERIFY(v.layers[0].weightsIn.empty());
        for (size_t l = 1; l < widths.size(); ++l) {
            const MatF& w = lin[l - 1]->weight().value;
            const auto& links = v.layers[l].weightsIn;
            QCOMPARE(int(links.size()), widths[l - 1] * widths[l]);
            for (int t = 0; t < widths[l]; ++t)
                for (int f = 0; f < widths[l - 1]; ++f)
                    QCOMPARE(links[size_t(t * widths[l - 1] + f)], w(f, t));
        }
        for (size_t h = 0; h < 2; ++h) {
            const std::vector<bool> dead = deadByHand(net, val, h);
            int count = 0;
            for (size_t u = 0; u < dead.size(); ++u) {
                QCOMPARE(v.layers[h + 1].nodes[u].dead, bool(dead[u]));
                count += dead[u] ? 1 : 0;
            }
            QCOMPARE(v.layers[h + 1].deadUnits, count);
        }
        QVERIFY(v.layers[1].nodes[1].dead);
        QVERIFY(v.layers[2].nodes[3].dead);
        QVERIFY(!v.layers[1].nodes[0].dead);
        QVERIFY(!v.layers[1].nodes[2].dead); // tiny is not zero
        // A hidden unit's map is its activation at the grid points: the top-left cell of
        // the first unit of hidden 1, by hand.
        const float x = -2 + 4 * 0.5f / 6, y = 2 - 4 * 0.5f / 6;
        const float want = std::max(0.0f, x * lin[0]->weight().value(0, 0) + y * lin[0]->weight().value(1, 0)
                                              + lin[0]->bias().value(0, 0));
        QVERIFY(std::abs(v.layers[1].nodes[0].map[0] - want) < 1e-5f);
        // The outputs are class probabilities: they sum to 1 in every cell.
        for (size_t c = 0; c < 36; ++c)
            QVERIFY(std::abs(v.layers[3].nodes[0].map[c] + v.layers[3].nodes[1].map[c] - 1.0f) < 1e-5f);
    }

    void wideLayersAreCapped()
    {
        Rng rng(4);
        Sequential<float> net = smallNet({40}, rng);
        const NetworkView v = makeNetworkView(net, plane(), 4, {});
        QCOMPARE(int(v.layers[1].nodes.size()), kNetworkMaxUnits);
        QCOMPARE(v.layers[1].units, 40);
        QCOMPARE(int(v.layers[2].weightsIn.size()), kNetworkMaxUnits * 2); // links from the shown units only
    }

    void classifyLabSendsItFor2DSets()
    {
        auto lab = labrun::makeLab("classify", {{"dataset", "spiral"}, {"hidden_layers", "2"}, {"width", "8"}}, 1);
        labrun::run(*lab, 50);
        const LabViews v = lab->views();
        QCOMPARE(int(v.networks.size()), 1);
        QCOMPARE(int(v.networks[0].layers.size()), 4);
        QCOMPARE(int(v.networks[0].layers[1].nodes.size()), 8);
        QVERIFY(v.images.empty()); // not image data
    }

    void digitsImagesAndConfusion()
    {
        auto lab = labrun::makeLab("classify", {{"dataset", "digits"}, {"width", "16"}, {"eval_every", "100"}}, 1);
        labrun::run(*lab, 100);
        auto* classify = dynamic_cast<ClassifyLab*>(lab.get());
        QVERIFY(classify);
        const LabViews v = lab->views();
        QVERIFY(v.networks.empty()); // 64 inputs: no plane
        const Dataset& val = classify->data()->val;
        MatF out, scratch;
        classify->network().infer(val.x, out, scratch);
        std::vector<int> predicted;
        int correct = 0;
        for (Index i = 0; i < out.rows(); ++i) {
            Index arg;
            out.row(i).maxCoeff(&arg);
            predicted.push_back(int(arg));
            correct += int(arg) == val.y[size_t(i)] ? 1 : 0;
        }
        QVERIFY(correct < val.size()); // some wrong, so the diagonal test means something

        const auto conf = std::find_if(v.grids.begin(), v.grids.end(), [](const GridView& g) { return g.id == "confusion"; });
        QVERIFY(conf != v.grids.end());
        QCOMPARE(conf->width, 10);
        QCOMPARE(int(conf->xLabels.size()), 10);
        double total = 0, diagonal = 0;
        for (int r = 0; r < 10; ++r)
            for (int c = 0; c < 10; ++c) {
                total += conf->value[size_t(r * 10 + c)];
                diagonal += r == c ? conf->value[size_t(r * 10 + c)] : 0;
            }
        QCOMPARE(int(total), int(val.size()));
        QCOMPARE(int(diagonal), correct);
        // Row r, column c: true r predicted c (one off-diagonal count checked by hand).
        for (size_t i = 0; i < predicted.size(); ++i)
            if (predicted[i] != val.y[i]) {
                const int r = val.y[i], c = predicted[i];
                int want = 0;
                for (size_t j = 0; j < predicted.size(); ++j)
                    want += val.y[j] == r && predicted[j] == c ? 1 : 0;
                QCOMPARE(int(conf->value[size_t(r * 10 + c)]), want);
                break;
            }

        QCOMPARE(int(v.images.size()), 1);
        const ImagesView& im = v.images[0];
        QCOMPARE(im.count(), 24);
        QCOMPARE(im.width, 8);
        QCOMPARE(int(im.pixels.size()), 24 * 64);
        for (int i = 0; i < 24; ++i) {
            QCOMPARE(im.label[size_t(i)], val.y[size_t(i)]);
            QCOMPARE(im.predicted[size_t(i)], predicted[size_t(i)]);
            QCOMPARE(im.pixels[size_t(i * 64 + 10)], val.x(i, 10));
        }
    }
};

QTEST_APPLESS_MAIN(TestNetworkView)
#include "tst_networkview.moc"
