// The classify lab's drawn data (ConvNetJS classify2d): the points text reads back to the
// same points and refuses what is not one in one sentence; the data set 'drawn' trains on
// exactly those points; a live edit changes the data and not the network; a class the
// network has no output for is refused; a rollback puts the data of its step back.
#include "data/LabelledPoints.h"
#include "labs/ExportableLab.h"
#include "labs/LabRegistry.h"

#include <QtTest>

using namespace reglab;

namespace {

const char* kFour = "-1,-1,0;1,1,1;-0.9,-1.1,0,v;1.2,0.8,1,v";

std::unique_ptr<Lab> drawnLab(const std::string& points)
{
    auto lab = createLab("classify");
    for (const auto& [k, v] : std::vector<std::pair<std::string, std::string>>{
             {"dataset", "drawn"}, {"drawn_points", points}, {"eval_every", "1"}})
        if (const std::string e = lab->setText(k, v); !e.empty())
            throw std::runtime_error(e);
    lab->reset(3);
    return lab;
}

std::vector<float> weights(const Lab& lab)
{
    std::vector<float> out;
    for (const auto& t : dynamic_cast<const ExportableLab&>(lab).tensors())
        out.insert(out.end(), t.value.data(), t.value.data() + t.value.size());
    return out;
}

size_t pointCount(const Lab& lab, const std::string& id)
{
    for (const auto& p : lab.views().points)
        if (p.id == id)
            return p.x.size();
    return 0;
}

} // namespace

class TestClassifyDrawn : public QObject {
    Q_OBJECT
private slots:
    void textRoundTrip()
    {
        std::string err;
        const auto p = parseLabelledPoints(" 0.5, -1.25 ,1 ; 3e-1,2,0,v", &err);
        QVERIFY2(p, err.c_str());
        QCOMPARE(p->size(), size_t(2));
        QCOMPARE((*p)[0].x, 0.5f);
        QCOMPARE((*p)[0].y, -1.25f);
        QCOMPARE((*p)[0].label, 1);
        QVERIFY(!(*p)[0].val && (*p)[1].val);
        const std::string text = formatLabelledPoints(*p);
        QCOMPARE(text, std::string("0.5,-1.25,1;0.3,2,0,v"));
        QVERIFY(*parseLabelledPoints(text, nullptr) == *p);
        QVERIFY(parseLabelledPoints("", nullptr)->empty());
        QCOMPARE(labelledPointsCsv(*p), std::string("x1,x2,label\n0.5,-1.25,1\n0.3,2,0\n"));
    }

    void badTextIsRefusedInOneSentence_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("two fields") << "1,2" << "must be x,y,class";
        QTest::newRow("nan") << "nan,2,0" << "finite numbers";
        QTest::newRow("huge") << "1e30,2,0" << "finite numbers";
        QTest::newRow("class 10") << "1,2,10" << "whole number from 0 to 9";
        QTest::newRow("class -1") << "1,2,-1" << "whole number from 0 to 9";
        QTest::newRow("class 1.5") << "1,2,1.5" << "whole number";
        QTest::newRow("flag") << "1,2,1,x" << "only be 'v'";
        QTest::newRow("empty item") << "1,2,1;;3,4,0" << "point 2";
        QTest::newRow("too many") << QString::fromStdString([] {
            std::string s;
            for (int i = 0; i <= kMaxLabelledPoints; ++i)
                s += std::string(i ? ";" : "") + "1,1,0";
            return s;
        }()) << "at most 5000";
    }
    void badTextIsRefusedInOneSentence()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        std::string err;
        QVERIFY(!parseLabelledPoints(text.toStdString(), &err));
        QVERIFY2(QString::fromStdString(err).contains(says), err.c_str());
        QVERIFY(err.find('\n') == std::string::npos);
        auto lab = createLab("classify");
        const std::string refused = lab->setText("drawn_points", text.toStdString());
        QVERIFY2(refused.find("drawn_points") != std::string::npos, refused.c_str());
    }

    void trainsOnExactlyTheDrawnPoints()
    {
        auto lab = drawnLab(kFour);
        QCOMPARE(pointCount(*lab, "train"), size_t(2));
        QCOMPARE(pointCount(*lab, "val"), size_t(2));
        for (int i = 0; i < 200; ++i)
            QVERIFY(!lab->step().nonFinite);
        const MetricRow row = lab->step().row;
        const auto specs = lab->metrics();
        for (size_t i = 0; i < specs.size(); ++i)
            if (specs[i].id == "val_acc")
                QCOMPARE(row.values[i], 1.0); // the two val points lie by their class
    }

    void emptyOrValidationlessDataIsRefused()
    {
        for (const std::string points : {"", "1,1,0;2,2,1", "1,1,0,v"}) {
            auto lab = createLab("classify");
            QVERIFY(lab->setText("dataset", "drawn").empty());
            QVERIFY(lab->setText("drawn_points", points).empty());
            try {
                lab->reset(1);
                QFAIL("a drawn set without training or validation points was accepted");
            } catch (const std::invalid_argument& e) {
                QVERIFY2(std::string(e.what()).find("at least one of each") != std::string::npos, e.what());
            }
        }
    }

    void liveEditChangesTheDataNotTheNetwork()
    {
        auto lab = drawnLab(kFour);
        for (int i = 0; i < 20; ++i)
            lab->step();
        const std::vector<float> before = weights(*lab);
        const std::string more = std::string(kFour) + ";0,2,1;2,0,0";
        QVERIFY(lab->setText("drawn_points", more).empty());
        QVERIFY(!lab->needsReset());
        QCOMPARE(pointCount(*lab, "train"), size_t(2)); // applied at the next step
        auto copy = drawnLab(kFour);
        for (int i = 0; i < 20; ++i)
            copy->step();
        QVERIFY(weights(*copy) == before);
        lab->step();
        QCOMPARE(pointCount(*lab, "train"), size_t(4));
        QCOMPARE(lab->stepCount(), int64_t(21)); // no reset
        QVERIFY(weights(*lab) != before);        // trained on, from the same weights
        QCOMPARE(lab->events().size(), size_t(1));
        QCOMPARE(lab->events().front().step, int64_t(20)); // the boundary it applied at
        // Deleting back to a set without validation points is refused, and changes nothing.
        const std::string err = lab->setText("drawn_points", "-1,-1,0;1,1,1");
        QVERIFY2(err.find("at least one of each") != std::string::npos, err.c_str());
        lab->step();
        QCOMPARE(pointCount(*lab, "train"), size_t(4));
    }

    void aClassWithoutAnOutputIsRefused()
    {
        auto lab = drawnLab(kFour);
        const std::string err = lab->setText("drawn_points", std::string(kFour) + ";0,0,2");
        QVERIFY2(err.find("class 2 is new") != std::string::npos && err.find("Reset") != std::string::npos,
                 err.c_str());
        // After a reset the network has an output for it.
        auto three = drawnLab(std::string(kFour) + ";0,0,2");
        QCOMPARE(pointCount(*three, "train"), size_t(3));
    }

    void rollbackPutsTheDataOfItsStepBack()
    {
        auto lab = drawnLab(kFour);
        lab->step();
        const auto state = lab->saveState();
        QVERIFY(lab->setText("drawn_points", std::string(kFour) + ";0,2,1").empty());
        lab->step();
        QCOMPARE(pointCount(*lab, "train"), size_t(3));
        lab->restoreState(*state);
        // The edit is asked for again at the next step (Lab::restoreState); before it the
        // data is that of the saved step.
        QCOMPARE(pointCount(*lab, "train"), size_t(2));
        const MetricRow a = lab->step().row;
        QCOMPARE(pointCount(*lab, "train"), size_t(3));
        QVERIFY(!a.values.empty());
    }
};

QTEST_GUILESS_MAIN(TestClassifyDrawn)
#include "tst_classify_drawn.moc"
