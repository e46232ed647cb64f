// A lab's training state as bytes (Lab::stateBytes, StateArchive), for sessions that keep
// their weights: put back into a freshly reset lab, the next steps give exactly the rows of
// the run that never stopped, for every lab; bytes that do not fit are refused in one
// sentence and leave the lab as it was.
#include "LabRun.h"
#include "labs/LabRegistry.h"

#include <QtTest>

using namespace reglab;
using labrun::Sets;

namespace {

struct Case {
    std::string lab;
    Sets sets;
    int before, after; // steps before the save, and after it
    std::string liveParam, liveValue; // a live change before the save
};

std::vector<Case> cases()
{
    return {
        {"classify", {{"dataset", "spiral"}, {"dropout", "0.2"}, {"eval_every", "5"}, {"early_stopping", "true"}},
         130, 60, "l2", "0.001"},
        {"classify", {{"dataset", "digits"}, {"eval_every", "10"}, {"spectral_penalty", "0.01"}}, 40, 30, "lr", "0.03"},
        {"gan", {{"loss", "non-saturating"}, {"d_steps", "2"}, {"spectral_norm", "true"}, {"eval_every", "10"}},
         70, 40, "r1", "1"},
        {"gan", {{"loss", "wgan-gp"}, {"eval_every", "10"}, {"substeps", "true"}}, 33, 20, "lr_g", "0.001"},
        {"attention", {{"eval_every", "5"}}, 30, 20, "lr", "0.002"},
        {"margin", {{"optimizer", "sgd"}, {"init", "random"}}, 300, 200, "step_factor", "2"},
        {"double-descent", {{"n", "20"}, {"trials", "3"}, {"max_ratio", "5"}}, 30, 20, "noise", "0.5"},
        {"rl", {{"method", "double-q"}, {"runs", "1000"}, {"b_actions", "5"}}, 40, 30, "epsilon", "0.2"},
        // Saved mid-episode after updates began: replay, both nets, Adam, the episode in course.
        {"dqn", {{"learning_starts", "50"}, {"target_every", "30"}, {"eval_every", "20"}, {"dropout", "0.1"}},
         130, 70, "double_dqn", "true"},
        // Saved after the switch: the anchor and the Fisher go with the weights.
        {"continual", {{"num_points", "300"}, {"switch_step", "40"}, {"eval_every", "5"}}, 60, 30, "lambda", "10"},
        {"escape", {{"n_max", "40"}, {"trials", "2"}, {"antibody", "synthetic"}}, 30, 20, "prior_ratio", "3"},
        // Denoising on: the corruption stream goes with the weights and Adam's moments.
        {"cae", {{"corruption", "0.1"}, {"lambda", "0.1"}, {"eval_every", "5"}}, 40, 30, "lambda", "0.3"},
    };
}

std::vector<MetricRow> steps(Lab& lab, int n)
{
    std::vector<MetricRow> rows = labrun::run(lab, n);
    rows.erase(rows.begin()); // run() starts with the step-0 row
    return rows;
}

void compareRows(const std::vector<MetricRow>& a, const std::vector<MetricRow>& b)
{
    QCOMPARE(a.size(), b.size());
    QVERIFY(!a.empty());
    for (size_t i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i].step, b[i].step);
        QCOMPARE(a[i].values.size(), b[i].values.size());
        for (size_t k = 0; k < a[i].values.size(); ++k)
            if (!(std::isnan(a[i].values[k]) && std::isnan(b[i].values[k])))
                QCOMPARE(a[i].values[k], b[i].values[k]);
    }
}

std::unique_ptr<Lab> trained(const Case& c, std::string* bytes)
{
    auto lab = labrun::makeLab(c.lab, c.sets, 7);
    steps(*lab, c.before / 2);
    if (!c.liveParam.empty())
        QTest::qVerify(lab->setText(c.liveParam, c.liveValue).empty(), "set", "", __FILE__, __LINE__);
    steps(*lab, c.before - c.before / 2);
    *bytes = lab->stateBytes();
    return lab;
}

} // namespace

class TestLabState : public QObject {
    Q_OBJECT
private slots:
    void everyLabHasACase()
    {
        // A new lab must come with its case here: its state is part of every saved session.
        for (const LabInfo& info : availableLabs()) {
            bool found = false;
            for (const Case& c : cases())
                found = found || c.lab == info.id;
            QVERIFY2(found, info.id.c_str());
        }
    }

    void continuesExactly_data()
    {
        QTest::addColumn<int>("index");
        int i = 0;
        for (const Case& c : cases()) {
            QTest::newRow((c.lab + " " + std::to_string(i)).c_str()) << i;
            ++i;
        }
    }
    void continuesExactly()
    {
        QFETCH(int, index);
        const Case c = cases()[size_t(index)];
        std::string bytes;
        auto original = trained(c, &bytes);
        const std::vector<ParamEvent> events = original->events();
        QVERIFY(!events.empty());
        const std::vector<MetricRow> want = steps(*original, c.after);

        auto copy = labrun::makeLab(c.lab, c.sets, 7); // the params it started from
        copy->restoreStateBytes(bytes, events);
        QCOMPARE(copy->stepCount(), int64_t(c.before));
        QCOMPARE(copy->events().size(), events.size());
        QVERIFY(!copy->needsReset());
        compareRows(steps(*copy, c.after), want);
        // And it saves the same bytes it was given, after as many steps.
        QCOMPARE(copy->stateBytes(), original->stateBytes());
    }

    void refusesWhatDoesNotFit()
    {
        const Case c = cases()[0];
        std::string bytes;
        auto original = trained(c, &bytes);
        auto fresh = [&] { return labrun::makeLab(c.lab, c.sets, 7); };
        auto refused = [&](Lab& lab, const std::string& b) {
            try {
                lab.restoreStateBytes(b, {});
            } catch (const std::invalid_argument& e) {
                return std::string(e.what());
            }
            return std::string();
        };
        // Every truncation is refused and leaves the lab at step 0 with its weights.
        auto lab = fresh();
        const std::string start = lab->stateBytes();
        for (size_t n = 0; n < bytes.size(); n += 1 + n / 8) {
            const std::string why = refused(*lab, bytes.substr(0, n));
            QVERIFY2(!why.empty(), std::to_string(n).c_str());
            QVERIFY(why.find('\n') == std::string::npos);
        }
        QCOMPARE(lab->stateBytes(), start);
        QVERIFY(!refused(*lab, bytes + "x").empty());
        // Another lab, another network shape, a non-live param that differs.
        QVERIFY(refused(*labrun::makeLab("gan", {}), bytes).find("belongs to the lab 'classify'") != std::string::npos);
        Sets wider = c.sets;
        wider.emplace_back("width", "12");
        QVERIFY(refused(*labrun::makeLab("classify", wider, 7), bytes).find("width") != std::string::npos);
        // Flipped bytes anywhere: refused, or read as other numbers; never a crash.
        Rng rng(3);
        for (int i = 0; i < 300; ++i) {
            std::string b = bytes;
            b[rng.below(uint32_t(b.size()))] ^= char(1 + rng.below(255));
            auto l = fresh();
            refused(*l, b);
        }
    }
};

QTEST_APPLESS_MAIN(TestLabState)
#include "tst_labstate.moc"
