// The gan lab's steps and pictures: Step D / Step G (the `train` param) freeze the other
// network, slow motion (`substeps`) is the same training one update at a time and names each
// update, and the views carry the generator's arrows and its warped noise grid.
#include "LabRun.h"
#include "labs/ExportableLab.h"
#include "labs/LabRegistry.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <map>

using namespace reglab;

namespace {
std::unique_ptr<Lab> makeGan(const labrun::Sets& sets, uint64_t seed = 1) { return labrun::makeLab("gan", sets, seed); }
using labrun::run;

std::map<std::string, MatF> weights(const Lab& lab)
{
    std::map<std::string, MatF> out;
    for (const auto& t : dynamic_cast<const ExportableLab&>(lab).tensors())
        out[t.name] = t.value;
    return out;
}
} // namespace

class TestGanSteps : public QObject {
    Q_OBJECT
private slots:
    void trainFreezesTheOtherNetwork()
    {
        // "Step D" / "Step G": a step with train = discriminator leaves every generator
        // weight as it was and changes the discriminator's; train = generator the reverse.
        auto lab = makeGan({{"batch_size", "32"}, {"d_steps", "2"}});
        run(*lab, 2);
        for (const std::string which : {"discriminator", "generator"}) {
            QVERIFY(lab->set("train", ParamValue::ofChoice(which)).empty());
            const auto before = weights(*lab);
            lab->step();
            const auto after = weights(*lab);
            int changed = 0;
            for (const auto& [name, value] : before) {
                const bool trained = name.rfind(which, 0) == 0;
                changed += trained && value != after.at(name);
                // (a critic's last bias may keep still: WGAN's loss does not depend on it)
                QVERIFY2(trained || value == after.at(name), (which + " step changed " + name).c_str());
            }
            QVERIFY2(changed >= 5, (which + " step changed only " + std::to_string(changed) + " tensors").c_str());
            QVERIFY(lab->views().caption.find("Only") == 0);
        }
        QCOMPARE(lab->events().size(), size_t(2)); // both switches are in the event log
    }

    void slowMotionIsTheSameTrainingOneUpdateAtATime()
    {
        // d_steps sub-steps of D and one of G make exactly one ordinary step: slow motion
        // shows the real game, only slower, and names each update.
        auto fast = makeGan({{"batch_size", "32"}, {"d_steps", "3"}, {"r1", "1"}, {"eval_every", "1"}});
        auto slow = makeGan({{"batch_size", "32"}, {"d_steps", "3"}, {"r1", "1"}, {"eval_every", "1"}, {"substeps", "true"}});
        run(*fast, 2);
        std::vector<std::string> captions;
        for (int i = 0; i < 8; ++i) {
            slow->step();
            captions.push_back(slow->views().caption);
        }
        const std::vector<std::string> starts = {"D update 1 of 3", "D update 2 of 3", "D update 3 of 3", "G update"};
        for (size_t i = 0; i < captions.size(); ++i)
            QVERIFY2(captions[i].rfind(starts[i % 4], 0) == 0, captions[i].c_str());
        QCOMPARE(weights(*slow), weights(*fast));
        QVERIFY(fast->views().caption.empty()); // at full pace nothing is named
    }

    void viewsCarryArrowsAndTheNoiseGrid()
    {
        auto lab = makeGan({{"batch_size", "64"}, {"loss", "non-saturating"}});
        run(*lab, 30);
        const LabViews v = lab->views();
        const auto generated = std::find_if(v.points.begin(), v.points.end(), [](auto& p) { return p.id == "generated"; });
        const auto real = std::find_if(v.points.begin(), v.points.end(), [](auto& p) { return p.id == "real"; });
        QVERIFY(generated != v.points.end() && real != v.points.end());
        QVERIFY(generated->perRun && !real->perRun); // a twin sends its own samples, not the data
        QCOMPARE(generated->dx.size(), generated->x.size());
        QCOMPARE(generated->dy.size(), generated->x.size());
        QVERIFY(real->dx.empty());
        QVERIFY(std::any_of(generated->dx.begin(), generated->dx.end(), [](float d) { return d != 0.0f; }));
        QCOMPARE(v.meshes.size(), size_t(1));
        const MeshView& m = v.meshes[0];
        QCOMPARE(m.x.size(), size_t(m.rows) * size_t(m.cols));
        QVERIFY(m.rows > 2 && m.stride > 0 && m.stride < m.rows);
        QVERIFY(std::all_of(m.x.begin(), m.x.end(), [](float x) { return std::isfinite(x); }));
    }

};

QTEST_GUILESS_MAIN(TestGanSteps)
#include "tst_gansteps.moc"
