// The classify lab on real training runs: it learns, live changes apply at step
// boundaries, regularizers act, early stopping restores the best weights, divergence is
// caught, and a seed gives the same numbers at any thread count.
#include "LabRun.h"
#include "Parallel.h"
#include "labs/LabRegistry.h"
#include "labs/classify/ClassifyLab.h"
#include "nn/Dropout.h"
#include "nn/Linear.h"

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

using namespace reglab;

namespace {
std::unique_ptr<Lab> makeLab(const labrun::Sets& sets, uint64_t seed = 1) { return labrun::makeLab("classify", sets, seed); }
using labrun::column;
using labrun::run;

// The preset plus "k=v k=v" pairs (test data rows).
std::vector<std::pair<std::string, std::string>> withExtra(std::vector<std::pair<std::string, std::string>> preset,
                                                           const QString& extra)
{
    for (const QString& kv : extra.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const auto parts = kv.split(QLatin1Char('='));
        preset.emplace_back(parts[0].toStdString(), parts[1].toStdString());
    }
    return preset;
}

} // namespace

class TestClassify : public QObject {
    Q_OBJECT
private slots:
    void registered()
    {
        QVERIFY(createLab("classify") != nullptr);
        QVERIFY(createLab("no-such-lab") == nullptr);
        QCOMPARE(availableLabs().front().id, std::string("classify"));
    }

    void paramsHaveTooltipsAndValidDefaults()
    {
        auto lab = createLab("classify");
        QVERIFY(lab->params().size() >= 15);
        for (const auto& p : lab->params()) {
            QVERIFY2(!p.tooltip.empty(), p.id.c_str());
            QVERIFY2(!p.label.empty(), p.id.c_str());
            QVERIFY2(p.validate(p.defaultValue).empty(), p.id.c_str());
        }
    }

    void learnsTheSpiral()
    {
        auto lab = makeLab({{"dataset", "spiral"}});
        const auto rows = run(*lab, 5000);
        const int acc = column(*lab, "val_acc"), loss = column(*lab, "train_loss");
        QVERIFY2(rows.back().values[size_t(acc)] > 0.9, qPrintable(QString::number(rows.back().values[size_t(acc)])));
        QVERIFY(rows.back().values[size_t(loss)] < rows.front().values[size_t(loss)] * 0.5);
        QCOMPARE(rows.back().step, int64_t(5000));
    }

    void learnsDigits()
    {
        auto lab = makeLab({{"dataset", "digits"}, {"width", "32"}, {"eval_every", "100"}});
        const auto rows = run(*lab, 800);
        QVERIFY(rows.back().values[size_t(column(*lab, "val_acc"))] > 0.9);
        const LabViews v = lab->views(); // no 2D boundary for 64 features, only the confusion matrix
        QCOMPARE(int(v.grids.size()), 1);
        QCOMPARE(v.grids.front().id, std::string("confusion"));
    }

    void liveChangeIsAnEventAtTheStepBoundary()
    {
        auto lab = makeLab({});
        run(*lab, 100);
        QVERIFY(lab->set("l2", ParamValue::ofNumber(0.001)).empty());
        QVERIFY(lab->events().empty()); // not before the next step
        lab->step();
        QCOMPARE(lab->events().size(), size_t(1));
        const ParamEvent& e = lab->events().front();
        QCOMPARE(e.step, int64_t(100));
        QCOMPARE(e.param, std::string("l2"));
        QCOMPARE(e.label, std::string("L2 0 -> 0.001"));
        QCOMPARE(e.newValue, std::string("0.001"));
    }

    void architectureChangeWaitsForReset()
    {
        auto lab = makeLab({});
        const size_t metricsBefore = lab->metrics().size();
        QVERIFY(lab->setText("hidden_layers", "4").empty());
        QVERIFY(lab->needsReset());
        lab->step();
        QCOMPARE(lab->metrics().size(), metricsBefore);
        lab->reset(1);
        QVERIFY(!lab->needsReset());
        QCOMPARE(lab->metrics().size(), metricsBefore + 2); // two more layer norms
    }

    void badValuesAreRefusedClearly()
    {
        auto lab = createLab("classify");
        QVERIFY(lab->setText("lr", "fast").find("not a number") != std::string::npos);
        QVERIFY(lab->setText("lr", "-1").find("lr") != std::string::npos);
        QVERIFY(lab->setText("dataset", "mnist").find("one of") != std::string::npos);
        QVERIFY(lab->setText("nope", "1").find("unknown parameter") != std::string::npos);
        QVERIFY(lab->setText("csv_file", "/no/such/file.csv").find("/no/such/file.csv") != std::string::npos);
        QCOMPARE(lab->value("lr").number, 0.01); // nothing changed
    }

    void failedResetLeavesTheLabAsItWas()
    {
        auto lab = makeLab({});
        run(*lab, 30);
        QVERIFY(lab->setText("dataset", "csv").empty()); // no csv_file chosen yet
        bool threw = false;
        try {
            lab->reset(2);
        } catch (const std::invalid_argument& e) {
            threw = std::string(e.what()).find("csv_file") != std::string::npos;
        }
        QVERIFY(threw);
        QCOMPARE(lab->stepCount(), int64_t(30));
        QVERIFY(!lab->step().nonFinite); // still trains the spiral it had
        QCOMPARE(lab->metrics().size(), size_t(15));
    }

    void csvDataTrains()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("blobs.csv").toStdString();
        {
            std::ofstream f(path);
            f << "a,b,c,label\n";
            Rng rng(3);
            for (int i = 0; i < 120; ++i) {
                const int y = i % 3;
                f << y * 2 + 0.3 * rng.normal() << "," << -y + 0.3 * rng.normal() << "," << rng.normal() << ","
                  << y << "\n";
            }
        }
        auto lab = makeLab({{"dataset", "csv"}, {"csv_file", path}});
        const auto rows = run(*lab, 500);
        QVERIFY(rows.back().values[size_t(column(*lab, "val_acc"))] > 0.85);
        auto* exp = dynamic_cast<ExportableLab*>(lab.get());
        QCOMPARE(exp->data()->train.features(), Index(3));
    }

    void l2ShrinksWeights()
    {
        auto plain = makeLab({{"noise", "0.3"}});
        auto l2 = makeLab({{"noise", "0.3"}, {"l2", "0.01"}});
        const auto a = run(*plain, 2000), b = run(*l2, 2000);
        const size_t wn = size_t(column(*plain, "weight_norm"));
        QVERIFY(b.back().values[wn] < 0.8 * a.back().values[wn]);
    }

    void l1MakesExactZeros()
    {
        // Soft thresholding zeroes weights when its threshold lr * l1 is comparable to the
        // gradient steps: the textbook setting is SGD.
        auto lab = makeLab({{"optimizer", "sgd"}, {"lr", "0.1"}, {"l1", "0.01"}});
        run(*lab, 1500);
        int zeros = 0;
        for (const auto& t : dynamic_cast<ExportableLab*>(lab.get())->tensors())
            if (t.name.find("weight") != std::string::npos)
                zeros += int((t.value.array() == 0.0f).count());
        QVERIFY2(zeros > 50, qPrintable(QString::number(zeros)));
    }

    void deadUnitsCountsUnitsSilentOnEveryValInput()
    {
        auto lab = makeLab({{"activation", "relu"}, {"hidden_layers", "2"}, {"width", "8"}, {"eval_every", "1"},
                            {"lr", "1e-5"}});
        auto& cls = static_cast<ClassifyLab&>(*lab);
        const int col = column(*lab, "dead_units");
        QVERIFY(col >= 0);
        const double before = lab->initialRow().values[size_t(col)];
        // Silence units 0 and 3 of the first hidden layer: no weights in, a negative bias.
        // A dead ReLU unit gets no gradient, so a step keeps it dead.
        Linear<float>* first = cls.network().linearLayers().front();
        for (int u : {0, 3}) {
            first->weight().value.col(u).setZero();
            first->bias().value(0, u) = -1.0f;
        }
        const StepResult r = lab->step();
        QVERIFY(r.logged);
        const double after = r.row.values[size_t(col)];
        // 16 hidden units in all: the count moves in steps of 1/16.
        QCOMPARE(after * 16, std::round(after * 16));
        QVERIFY2(after >= before + 2.0 / 16 - 1e-12 || before >= 2.0 / 16, qPrintable(QString::number(after)));
        QVERIFY(after >= 2.0 / 16);
        // tanh never outputs exactly 0 on these inputs.
        auto smooth = makeLab({{"activation", "tanh"}});
        QCOMPARE(smooth->initialRow().values[size_t(column(*smooth, "dead_units"))], 0.0);
    }

    void dropoutSwitchesLive()
    {
        auto lab = makeLab({});
        run(*lab, 20);
        auto* c = static_cast<ClassifyLab*>(lab.get());
        lab->set("dropout", ParamValue::ofNumber(0.5));
        lab->step();
        int dropped = 0;
        for (auto* d : c->network().dropoutLayers())
            dropped += int((d->mask().array() == 0.0f).count());
        QVERIFY(dropped > 0);
    }

    void earlyStoppingRestoresTheBestWeights()
    {
        // A noisy spiral and a wide net: validation loss falls, then turns up as it overfits.
        const std::vector<std::pair<std::string, std::string>> preset = {
            {"noise", "0.2"}, {"num_points", "300"}, {"width", "64"}, {"early_stopping", "true"},
            {"patience", "40"}, {"eval_every", "20"}};
        auto lab = makeLab(preset);
        const auto rows = run(*lab, 30000);
        QVERIFY(lab->finished());
        const int64_t best = dynamic_cast<ExportableLab*>(lab.get())->earlyStopBestStep();
        QVERIFY2(best >= 500, qPrintable(QString::number(best)));
        QCOMPARE(rows.back().step, best + 40 * 20); // stopped after `patience` evaluations
        // The best step is the one with the lowest validation loss seen.
        const size_t vl = size_t(column(*lab, "val_loss"));
        const auto minRow = std::min_element(rows.begin(), rows.end(), [&](const MetricRow& a, const MetricRow& b) {
            return a.values[vl] < b.values[vl];
        });
        QCOMPARE(minRow->step, best);
        QVERIFY(rows[rows.size() - 2].values[vl] > minRow->values[vl] * 1.1); // it really had turned up
        // The last row measures the weights the lab keeps (the restored ones), so final values,
        // exported model and window agree: every metric equals the best step's.
        for (size_t k = 0; k < rows.back().values.size(); ++k) {
            const std::string id = lab->metrics()[k].id; // a copy: metrics() is a temporary
            if (id == "lipschitz_bound") // power iteration from other vectors: equal to its tolerance
                QVERIFY(std::abs(rows.back().values[k] - minRow->values[k]) <= 1e-5 * minRow->values[k]);
            else if (id != "learning_rate")
                QCOMPARE(rows.back().values[k], minRow->values[k]);
        }
        QVERIFY(lab->finishedMessage().find("early stopping off") != std::string::npos);
        // The finished lab holds exactly the weights a twin run has at the best step.
        auto twin = makeLab(preset);
        run(*twin, int(best));
        const auto a = dynamic_cast<ExportableLab*>(lab.get())->tensors();
        const auto b = dynamic_cast<ExportableLab*>(twin.get())->tensors();
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i)
            QVERIFY(a[i].value == b[i].value);
    }

    void earlyStoppingSwitchesCleanly()
    {
        // Off clears the finished state (training goes on); off then on starts a fresh watch:
        // no best loss, miss count or saved weights from before the switch.
        const std::vector<std::pair<std::string, std::string>> preset = {
            {"noise", "0.2"}, {"num_points", "300"}, {"width", "64"}, {"early_stopping", "true"},
            {"patience", "5"}, {"eval_every", "20"}};
        auto lab = makeLab(preset);
        auto* ex = dynamic_cast<ExportableLab*>(lab.get());
        int steps = 0;
        while (!lab->finished() && steps < 30000) {
            lab->step();
            ++steps;
        }
        QVERIFY(lab->finished());
        const int64_t firstBest = ex->earlyStopBestStep();
        lab->set("early_stopping", ParamValue::ofNumber(0));
        lab->step();
        QVERIFY(!lab->finished());
        QCOMPARE(ex->earlyStopBestStep(), int64_t(-1));
        run(*lab, 200);
        QVERIFY(!lab->finished());
        lab->set("early_stopping", ParamValue::ofNumber(1));
        const int64_t onAt = lab->stepCount();
        lab->step();
        QCOMPARE(ex->earlyStopBestStep(), int64_t(-1)); // nothing carried over
        while (ex->earlyStopBestStep() < 0)
            lab->step();
        QVERIFY2(ex->earlyStopBestStep() > onAt, qPrintable(QString::number(ex->earlyStopBestStep())));
        QVERIFY(ex->earlyStopBestStep() != firstBest);
        QVERIFY(!lab->finished()); // a fresh patience, not the old miss count
    }

    void divergenceIsReportedWithStep()
    {
        auto lab = makeLab({{"activation", "leaky_relu"}, {"optimizer", "sgd"}, {"lr", "10"}, {"momentum", "0.99"},
                            {"hidden_layers", "3"}});
        StepResult r;
        int steps = 0;
        while (!r.nonFinite && steps < 5000) {
            r = lab->step();
            ++steps;
        }
        QVERIFY2(r.nonFinite, "lr 10 with momentum 0.99 should diverge");
        QVERIFY(r.nonFiniteWhat.find("step " + std::to_string(lab->stepCount())) != std::string::npos);
    }

    void labelSmoothingShrinksTheLogits()
    {
        auto plain = makeLab({{"noise", "0.3"}, {"width", "64"}, {"optimizer", "adam"}});
        auto smooth = makeLab({{"noise", "0.3"}, {"width", "64"}, {"optimizer", "adam"}, {"label_smoothing", "0.2"}});
        const auto a = run(*plain, 1500), b = run(*smooth, 1500);
        const size_t ml = size_t(column(*plain, "max_logit")), ece = size_t(column(*plain, "ece"));
        QVERIFY2(b.back().values[ml] < 0.6 * a.back().values[ml],
                 qPrintable(QStringLiteral("%1 vs %2").arg(b.back().values[ml]).arg(a.back().values[ml])));
        QVERIFY(a.back().values[ece] >= 0.0 && a.back().values[ece] <= 1.0);
    }

    void spectralTermsBoundTheLipschitzConstant()
    {
        auto plain = makeLab({{"noise", "0.3"}, {"width", "64"}, {"noise_sigma", "0"}});
        auto penalty = makeLab({{"noise", "0.3"}, {"width", "64"}, {"spectral_penalty", "0.01"}});
        auto hard = makeLab({{"noise", "0.3"}, {"width", "64"}, {"spectral_norm", "true"}});
        const auto a = run(*plain, 1000), b = run(*penalty, 1000), c = run(*hard, 1000);
        const size_t lip = size_t(column(*plain, "lipschitz_bound"));
        QVERIFY(b.back().values[lip] < 0.5 * a.back().values[lip]);
        // Three layers each scaled to sigma <= 1 (the measurement refines sigma a little).
        QVERIFY2(c.back().values[lip] <= 1.0 + 1e-3, qPrintable(QString::number(c.back().values[lip])));
        // noise_sigma 0: the noisy accuracy is the plain one.
        QCOMPARE(a.back().values[size_t(column(*plain, "noisy_val_acc"))], a.back().values[size_t(column(*plain, "val_acc"))]);
    }

    void saveAndRestoreReplaysExactly_data()
    {
        QTest::addColumn<QString>("extra");
        QTest::newRow("mlp") << "";
        // BatchNorm's running statistics are model state: a restore that missed them would
        // evaluate (and go on) differently.
        QTest::newRow("batch norm, ghost batches, branches, drop-path")
            << "batch_norm=1 ghost_batch=8 branches=1 drop_path=0.3";
    }
    void saveAndRestoreReplaysExactly()
    {
        // The spectral penalty's power-iteration vectors are state too.
        QFETCH(QString, extra);
        auto lab = makeLab(withExtra({{"dropout", "0.2"}, {"spectral_penalty", "0.01"}, {"label_smoothing", "0.1"}}, extra));
        run(*lab, 50);
        auto state = lab->saveState();
        const auto a = run(*lab, 100);
        lab->restoreState(*state);
        QCOMPARE(lab->stepCount(), int64_t(50));
        const auto b = run(*lab, 100);
        QCOMPARE(a.size(), b.size());
        for (size_t i = 1; i < a.size(); ++i)
            QCOMPARE(a[i].values, b[i].values);
    }

    void rollbackForgetsLaterEventsAndReappliesNewValues()
    {
        auto lab = makeLab({});
        run(*lab, 40);
        auto state = lab->saveState();
        lab->set("l2", ParamValue::ofNumber(0.01));
        run(*lab, 20); // event at step 40
        lab->set("lr", ParamValue::ofNumber(0.002));
        run(*lab, 20); // event at step 60
        QCOMPARE(lab->events().size(), size_t(2));
        lab->restoreState(*state);
        QVERIFY(lab->events().empty());
        lab->step(); // both values the user asked for apply again, logged at step 40
        QCOMPARE(lab->events().size(), size_t(2));
        QCOMPARE(lab->events()[0].step, int64_t(40));
        QCOMPARE(lab->events()[1].step, int64_t(40));
    }

    void sameSeedSameNumbersAtAnyThreadCount_data()
    {
        QTest::addColumn<QString>("dataset");
        QTest::addColumn<QString>("extra");
        QTest::newRow("spiral") << "spiral" << "";
        QTest::newRow("digits") << "digits" << "";
        QTest::newRow("digits, batch norm, branches") << "digits" << "batch_norm=1 ghost_batch=32 branches=1 drop_path=0.2";
        // Enough points for several evaluation chunks and a parallel grid.
        QTest::newRow("reg-plane") << "reg-plane" << "num_points=3000";
        QTest::newRow("reg-gaussian, batch norm, branches")
            << "reg-gaussian" << "num_points=3000 batch_norm=1 ghost_batch=32 branches=1 drop_path=0.2";
    }
    void sameSeedSameNumbersAtAnyThreadCount()
    {
        QFETCH(QString, dataset);
        QFETCH(QString, extra);
        std::vector<std::vector<MetricRow>> runs;
        std::vector<GridView> grids;
        for (int threads : {1, 2, 1}) {
            setNumThreads(threads);
            auto lab = makeLab(withExtra({{"dataset", dataset.toStdString()}, {"dropout", "0.2"}, {"batch_size", "256"},
                                          {"width", "128"}, {"eval_every", "20"}, {"label_smoothing", "0.1"},
                                          {"spectral_penalty", "0.01"}, {"spectral_norm", "true"}},
                                         extra),
                               42);
            run(*lab, 30);
            lab->set("l2", ParamValue::ofNumber(0.01)); // a scheduled change
            runs.push_back(run(*lab, 170));
            const LabViews v = lab->views();
            if (!v.grids.empty())
                grids.push_back(v.grids.front());
        }
        setNumThreads(2);
        for (size_t k = 1; k < runs.size(); ++k) {
            QCOMPARE(runs[k].size(), runs[0].size());
            for (size_t i = 0; i < runs[0].size(); ++i)
                QCOMPARE(runs[k][i].values, runs[0][i].values); // bit for bit
        }
        for (size_t k = 1; k < grids.size(); ++k)
            QVERIFY(grids[k].value == grids[0].value && grids[k].cls == grids[0].cls);
    }

    void earlyStoppingRestoresRunningStatistics()
    {
        // Under batch norm the restored model is the weights and the running statistics of
        // the best step: bit for bit those of a run stopped there.
        const std::vector<std::pair<std::string, std::string>> preset = {
            {"noise", "0.3"}, {"num_points", "300"}, {"width", "64"}, {"batch_norm", "true"}, {"ghost_batch", "8"},
            {"early_stopping", "true"}, {"patience", "10"}, {"eval_every", "20"}};
        auto lab = makeLab(preset);
        run(*lab, 30000);
        QVERIFY(lab->finished());
        const int64_t best = dynamic_cast<ExportableLab*>(lab.get())->earlyStopBestStep();
        auto twin = makeLab(preset);
        run(*twin, int(best));
        const auto a = dynamic_cast<ExportableLab*>(lab.get())->tensors();
        const auto b = dynamic_cast<ExportableLab*>(twin.get())->tensors();
        QCOMPARE(a.size(), b.size());
        int stats = 0;
        for (size_t i = 0; i < a.size(); ++i) {
            QVERIFY2(a[i].value == b[i].value, a[i].name.c_str());
            stats += a[i].name.find("running_") != std::string::npos ? 1 : 0;
        }
        QCOMPARE(stats, 4); // mean and variance of two BatchNorm layers
    }

    void decayGroupsLeaveNormParametersAlone_data()
    {
        QTest::addColumn<QString>("term");
        QTest::newRow("l2") << "l2";
        QTest::newRow("weight decay") << "weight_decay";
    }
    void decayGroupsLeaveNormParametersAlone()
    {
        // One SGD step from the same state, with "decay norm params" off and on: only the
        // norm parameters differ, by exactly lr * lambda * value (gamma starts at 1).
        QFETCH(QString, term);
        const std::vector<std::pair<std::string, std::string>> preset = {
            {"batch_norm", "true"}, {"optimizer", "sgd"}, {"lr", "0.1"}, {term.toStdString(), "0.5"}};
        auto off = makeLab(preset);
        auto on = makeLab(withExtra(preset, QStringLiteral("decay_norm=1")));
        off->step();
        on->step();
        const auto a = dynamic_cast<ExportableLab*>(off.get())->tensors();
        const auto b = dynamic_cast<ExportableLab*>(on.get())->tensors();
        int norms = 0;
        for (size_t i = 0; i < a.size(); ++i) {
            const bool isScale = a[i].name.rfind("bn", 0) == 0 && a[i].name.find(".weight") != std::string::npos;
            if (a[i].name.find("running") != std::string::npos || a[i].name.rfind("bn", 0) != 0) {
                QVERIFY2(a[i].value == b[i].value, a[i].name.c_str());
            } else if (isScale) {
                // gamma_on = gamma_off - lr * lambda * 1
                QVERIFY((a[i].value - b[i].value - MatF::Constant(1, a[i].value.cols(), 0.05f)).cwiseAbs().maxCoeff() < 1e-6f);
                ++norms;
            }
        }
        QCOMPARE(norms, 2);
    }

    void metricColumnsMatchTheRows_data()
    {
        QTest::addColumn<QString>("extra");
        QTest::newRow("plain") << "";
        QTest::newRow("batch norm") << "batch_norm=1";
        QTest::newRow("branches") << "branches=1";
        QTest::newRow("branches on the inputs, batch norm") << "hidden_layers=0 branches=1 batch_norm=1";
        QTest::newRow("batch norm, one sample a batch") << "batch_norm=1 batch_size=1 width=8";
    }
    void metricColumnsMatchTheRows()
    {
        // Every logged row has one value per metric column, and the weight labels follow the
        // network: the branch layers of a net without hidden layers are `width` wide.
        QFETCH(QString, extra);
        auto lab = makeLab(withExtra({{"width", "16"}, {"eval_every", "5"}}, extra));
        const auto rows = run(*lab, 40);
        const size_t columns = lab->metrics().size();
        for (const MetricRow& r : rows) {
            QCOMPARE(r.values.size(), columns);
            for (double v : r.values)
                QVERIFY(std::isfinite(v));
        }
        for (const NamedTensor& t : dynamic_cast<ExportableLab*>(lab.get())->tensors())
            if (t.name.rfind("branch", 0) == 0 && t.name.find(".weight") != std::string::npos)
                QCOMPARE(t.value.cols(), Index(extra.contains(QLatin1String("width=8")) ? 8 : 16));
        const std::vector<MetricSpec> specs = lab->metrics();
        const auto norms = std::count_if(specs.begin(), specs.end(),
                                         [](const MetricSpec& m) { return m.id.rfind("weight_norm_l", 0) == 0; });
        QCOMPARE(int(lab->views().histograms.size()), int(norms)); // a histogram per weight matrix
    }

    void viewsOfA2DSet()
    {
        auto lab = makeLab({});
        run(*lab, 200);
        const LabViews v = lab->views();
        QCOMPARE(v.grids.size(), size_t(2)); // the boundary, then the confusion matrix
        const GridView& g = v.grids.front();
        QCOMPARE(g.id, std::string("boundary"));
        QCOMPARE(int(g.value.size()), g.width * g.height);
        QCOMPARE(g.numClasses, 2);
        for (float p : g.value)
            QVERIFY(p >= 0.5f - 1e-6f && p <= 1.0f);
        QCOMPARE(v.points.size(), size_t(2));
        QCOMPARE(v.histograms.size(), size_t(3)); // one per weight matrix
    }
};

QTEST_GUILESS_MAIN(TestClassify)
#include "tst_classify.moc"
