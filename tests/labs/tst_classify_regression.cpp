// The classify lab as a regressor on Playground's sets (reg-plane, reg-gaussian): one linear
// output trained on the mean squared error, metrics without accuracy or calibration, an
// output heatmap and points coloured by their targets, and a loss path whose gradients are
// those of finite differences.
#include "GradCheck.h"
#include "LabRun.h"
#include "Rng.h"
#include "labs/ExportableLab.h"
#include "labs/classify/ClassifyObjective.h"
#include "nn/MeanSquaredError.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <string>

using namespace reglab;
using labrun::column;
using labrun::run;

namespace {

std::unique_ptr<Lab> makeLab(const labrun::Sets& sets, uint64_t seed = 1)
{
    return labrun::makeLab("classify", sets, seed);
}

// The loss of always predicting the training targets' mean, on the validation set: what a
// net that learned nothing about the inputs scores.
double meanPredictorLoss(const Lab& lab)
{
    const DataSplit* d = dynamic_cast<const ExportableLab&>(lab).data();
    double mean = 0;
    for (float t : d->train.target)
        mean += double(t) / double(d->train.target.size());
    double loss = 0;
    for (float t : d->val.target)
        loss += 0.5 * (double(t) - mean) * (double(t) - mean) / double(d->val.target.size());
    return loss;
}

double last(const Lab& lab, const std::vector<MetricRow>& rows, const std::string& id)
{
    const int c = column(lab, id);
    return c < 0 ? std::nan("") : rows.back().values[size_t(c)];
}

std::vector<std::string> ids(const Lab& lab)
{
    std::vector<std::string> out;
    for (const MetricSpec& m : lab.metrics())
        out.push_back(m.id);
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& id) { return std::find(v.begin(), v.end(), id) != v.end(); }

} // namespace

class TestClassifyRegression : public QObject {
    Q_OBJECT
private slots:
    void learnsThePlane()
    {
        auto lab = makeLab({{"dataset", "reg-plane"}});
        const double baseline = meanPredictorLoss(*lab);
        QVERIFY(baseline > 0.05); // targets spread over -1.2 .. 1.2
        const auto rows = run(*lab, 1500);
        QCOMPARE(rows.back().step, int64_t(1500));
        const double val = last(*lab, rows, "val_loss");
        QVERIFY2(val < 0.03 * baseline, qPrintable(QStringLiteral("val loss %1, mean predictor %2").arg(val).arg(baseline)));
    }

    void learnsTheGaussians()
    {
        // Clean targets: the six bumps, not the noise, are what there is to learn.
        auto lab = makeLab({{"dataset", "reg-gaussian"}, {"noise", "0"}, {"num_points", "1000"}, {"activation", "relu"}});
        const double baseline = meanPredictorLoss(*lab);
        const auto rows = run(*lab, 4000);
        QCOMPARE(rows.back().step, int64_t(4000));
        const double val = last(*lab, rows, "val_loss"), train = last(*lab, rows, "train_loss");
        QVERIFY2(val < 0.1 * baseline,
                 qPrintable(QStringLiteral("val loss %1, train %2, mean predictor %3").arg(val).arg(train).arg(baseline)));
    }

    void metricsAreThoseOfARegression()
    {
        auto lab = makeLab({{"dataset", "spiral"}});
        const std::vector<std::string> classes = ids(*lab);
        QVERIFY(has(classes, "val_acc") && has(classes, "ece") && has(classes, "max_logit"));
        // The data set is an architecture change: the metrics follow at the reset.
        QVERIFY(lab->set("dataset", ParamValue::ofChoice("reg-gaussian")).empty());
        lab->reset(1);
        const std::vector<std::string> reg = ids(*lab);
        for (const char* gone : {"train_acc", "val_acc", "max_logit", "ece", "noisy_val_acc"})
            QVERIFY2(!has(reg, gone), gone);
        for (const char* kept : {"train_loss", "val_loss", "loss_gap", "weight_norm", "learning_rate", "dead_units",
                                 "lipschitz_bound", "noisy_val_loss"})
            QVERIFY2(has(reg, kept), kept);
        const auto rows = run(*lab, 100);
        for (const MetricRow& r : rows) {
            QCOMPARE(r.values.size(), reg.size());
            for (double v : r.values)
                QVERIFY(std::isfinite(v));
        }
        // Inputs moved by noise_sigma lose more than clean ones; with sigma 0 they are the clean ones.
        QVERIFY(last(*lab, rows, "noisy_val_loss") > last(*lab, rows, "val_loss"));
        QVERIFY(lab->set("noise_sigma", ParamValue::ofNumber(0)).empty());
        lab->reset(1);
        const auto clean = run(*lab, 20);
        QCOMPARE(last(*lab, clean, "noisy_val_loss"), last(*lab, clean, "val_loss"));
        // The branch block's ablation is measured as a loss too.
        auto branches = makeLab({{"dataset", "reg-plane"}, {"branches", "1"}});
        QVERIFY(has(ids(*branches), "branch_ablation_loss") && !has(ids(*branches), "branch_ablation_acc"));
    }

    void regularizersWorkOnARegression()
    {
        // Every switch at once on the noisy plane: the run stays finite, the penalties shrink
        // the weights, and early stopping fires on the val loss and keeps the best weights.
        auto plain = makeLab({{"dataset", "reg-plane"}, {"noise", "0.5"}, {"width", "64"}});
        auto lab = makeLab({{"dataset", "reg-plane"}, {"noise", "0.5"}, {"width", "64"}, {"l1", "0.001"},
                            {"l2", "0.001"}, {"weight_decay", "0.01"}, {"dropout", "0.1"}, {"batch_norm", "1"},
                            {"spectral_penalty", "0.01"}, {"spectral_norm", "1"}, {"early_stopping", "1"},
                            {"patience", "10"}, {"label_smoothing", "0.2"}});
        const auto a = run(*plain, 3000), b = run(*lab, 3000);
        for (const MetricRow& r : b)
            for (double v : r.values)
                QVERIFY(std::isfinite(v));
        QVERIFY(last(*lab, b, "weight_norm") < last(*plain, a, "weight_norm"));
        QVERIFY(lab->finished());
        const int val = column(*lab, "val_loss");
        double best = b.front().values[size_t(val)];
        for (const MetricRow& r : b)
            best = std::min(best, r.values[size_t(val)]);
        QCOMPARE(b.back().values[size_t(val)], best);
    }

    void labelSmoothingIsIgnored()
    {
        // No classes to smooth: the same numbers with and without it (its tooltip says so).
        auto a = makeLab({{"dataset", "reg-gaussian"}}), b = makeLab({{"dataset", "reg-gaussian"}, {"label_smoothing", "0.3"}});
        const auto ra = run(*a, 200), rb = run(*b, 200);
        QCOMPARE(ra.size(), rb.size());
        for (size_t i = 0; i < ra.size(); ++i)
            QCOMPARE(ra[i].values, rb[i].values);
    }

    void viewsShowTheOutputAndTheTargets()
    {
        auto lab = makeLab({{"dataset", "reg-gaussian"}});
        run(*lab, 50);
        const LabViews v = lab->views();
        QCOMPARE(v.grids.size(), size_t(1)); // the output, no confusion matrix
        const GridView& g = v.grids.front();
        QCOMPARE(g.id, std::string("output"));
        QVERIFY(g.centered && g.cls.empty() && g.numClasses == 0);
        QCOMPARE(int(g.value.size()), g.width * g.height);
        QVERIFY(std::any_of(g.value.begin(), g.value.end(), [](float x) { return x < 0; })
                && std::any_of(g.value.begin(), g.value.end(), [](float x) { return x > 0; }));
        const DataSplit* d = dynamic_cast<const ExportableLab&>(*lab).data();
        QCOMPARE(v.points.size(), size_t(2));
        for (const PointSetView& p : v.points) {
            const Dataset& set = p.id == "train" ? d->train : d->val;
            QVERIFY(p.label.empty());
            QCOMPARE(p.value, set.target);
            QCOMPARE(p.x.size(), p.value.size());
        }
        // The network view ends in the one output: the net's value, not a softmax of one logit.
        QCOMPARE(v.networks.size(), size_t(1));
        const NetworkLayer& out = v.networks.front().layers.back();
        QCOMPARE(out.units, 1);
        const auto& map = out.nodes.front().map;
        QVERIFY(*std::max_element(map.begin(), map.end()) > *std::min_element(map.begin(), map.end()));
        QCOMPARE(out.nodes.front().label, std::string("output"));
    }

    void regressionLossPathHasTheGradientsOfFiniteDifferences_data()
    {
        QTest::addColumn<bool>("batchNorm");
        QTest::newRow("plain") << false;
        QTest::newRow("batch norm") << true;
    }

    void regressionLossPathHasTheGradientsOfFiniteDifferences()
    {
        // The lab's training objective in double on a small net of its shape (tanh hidden
        // layers, one linear output), against central differences of the loss it returns.
        QFETCH(bool, batchNorm);
        MlpConfig cfg;
        cfg.inputs = 2;
        cfg.hidden = {5, 4};
        cfg.outputs = 1;
        cfg.activation = Activation::Tanh;
        cfg.batchNorm = batchNorm;
        cfg.alwaysAddDropout = true; // at rate 0, as in the lab
        Rng init(3), data(4), drop(5);
        Sequential<double> net = makeMlp<double>(cfg, init);
        MatD x(7, 2), t(7, 1), dout;
        for (Index i = 0; i < x.size(); ++i)
            x.data()[i] = data.uniform(-1, 1);
        for (Index i = 0; i < t.size(); ++i)
            t.data()[i] = data.uniform(-1, 1);
        ClassifyObjective<double>::regression(net, x, t, drop, &dout);
        // dL/dout of the loss's one definition: (out - t) / batch.
        QVERIFY((dout - (net.forward(x, true, drop) - t) / 7.0).cwiseAbs().maxCoeff() < 1e-12);
        for (Parameter<double>* p : net.parameters()) {
            ClassifyObjective<double>::regression(net, x, t, drop, &dout);
            const MatD analytic = p->grad;
            const MatD numeric = gradcheck::numericGradient<double>(
                [&](const MatD& v) {
                    const MatD keep = p->value;
                    p->value = v;
                    MatD unused;
                    const double loss = ClassifyObjective<double>::regression(net, x, t, drop, &unused);
                    p->value = keep;
                    return loss;
                },
                p->value, 1e-6);
            const gradcheck::Comparison c = gradcheck::compare(analytic, numeric, 1e-3);
            QVERIFY2(c.maxError < 1e-5, qPrintable(QString::fromStdString(p->name + ": " + c.describe())));
        }
    }
};

QTEST_GUILESS_MAIN(TestClassifyRegression)
#include "tst_classify_regression.moc"
