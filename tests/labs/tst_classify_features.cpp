// The classify lab's input features (TensorFlow Playground's x1², x2², x1·x2, sin): what
// FeatureMap computes, that the network sees them (a linear classifier separates the
// circles with x1² and x2², not with x1 and x2), that the pictures stay 2D, and that
// switching every feature off is refused in one sentence.
#include "LabRun.h"
#include "data/FeatureMap.h"
#include "labs/ExportableLab.h"

#include <QtTest>
#include <cmath>

using namespace reglab;

class TestClassifyFeatures : public QObject {
    Q_OBJECT
private slots:
    void featureMapValues()
    {
        MatF p(2, 2);
        p << 0.5f, -2.0f, 1.5f, 3.0f;
        const FeatureMap all(std::vector<bool>(FeatureMap::Count, true));
        QCOMPARE(all.size(), Index(7));
        const MatF f = all.apply(p);
        const float want[7] = {0.5f, -2.0f, 0.25f, 4.0f, -1.0f, std::sin(0.5f), std::sin(-2.0f)};
        for (int k = 0; k < 7; ++k)
            QCOMPARE(f(0, k), want[k]);
        QCOMPARE(all.names()[2], std::string("x1\u00b2"));
        const FeatureMap squares({false, false, true, true});
        QCOMPARE(squares.apply(p)(1, 1), 9.0f);
        QVERIFY(!squares.isIdentity() && FeatureMap().isIdentity());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, FeatureMap(std::vector<bool>(7, false)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, all.apply(MatF(3, 4)));
    }

    void squaresMakeCirclesLinear()
    {
        const labrun::Sets linear = {{"dataset", "circles"}, {"hidden_layers", "0"}, {"eval_every", "200"}};
        labrun::Sets squares = linear;
        for (const auto& kv : labrun::Sets{{"feat_x1", "false"}, {"feat_x2", "false"}, {"feat_x1_sq", "true"}, {"feat_x2_sq", "true"}})
            squares.push_back(kv);
        auto plain = labrun::makeLab("classify", linear);
        auto lifted = labrun::makeLab("classify", squares);
        const int acc = labrun::column(*plain, "val_acc");
        const double a = labrun::run(*plain, 200).back().values[size_t(acc)];
        const double b = labrun::run(*lifted, 200).back().values[size_t(acc)];
        QVERIFY2(a < 0.75 && b > 0.9, (std::to_string(a) + " vs " + std::to_string(b)).c_str());
        // The network sees two features, the picture is still the plane of the points.
        const auto& data = *dynamic_cast<const ExportableLab&>(*lifted).data();
        QCOMPARE(data.train.featureNames, (std::vector<std::string>{"x1\u00b2", "x2\u00b2"}));
        QVERIFY((data.train.x.array() >= 0).all());
        const LabViews v = lifted->views();
        QCOMPARE(v.grids.front().id, std::string("boundary"));
        QVERIFY(v.grids.front().xMin < 0); // the plane of the points, not of the squares
        // The network view's inputs are the features the net is fed, named.
        QCOMPARE(v.networks.size(), size_t(1));
        const auto& inputs = v.networks.front().layers.front().nodes;
        QCOMPARE(inputs.size(), size_t(2));
        QCOMPARE(inputs[1].label, std::string("x2\u00b2"));
        bool negative = false;
        for (const auto& p : v.points)
            for (float x : p.x)
                negative = negative || x < 0;
        QVERIFY(negative);
    }

    void everyFeatureOffIsRefused()
    {
        auto lab = labrun::makeLab("classify", {});
        QVERIFY(lab->setText("feat_x1", "false").empty());
        QVERIFY(lab->setText("feat_x2", "false").empty());
        try {
            lab->reset(1);
            QFAIL("reset with no feature did not throw");
        } catch (const std::invalid_argument& e) {
            QVERIFY(std::string(e.what()).find("no input feature") != std::string::npos);
        }
        // Digits are not 2D: the switches do not apply and nothing is refused.
        QVERIFY(lab->setText("dataset", "digits").empty());
        lab->reset(1);
        QCOMPARE(dynamic_cast<const ExportableLab&>(*lab).data()->train.features(), Index(64));
    }
};

QTEST_GUILESS_MAIN(TestClassifyFeatures)
#include "tst_classify_features.moc"
