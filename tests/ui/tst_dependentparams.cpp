// Controls that do nothing in the current setup say so (issue 11, window polish): a param
// whose ParamSpec::enabledWhen does not hold (momentum without SGD) is greyed out with a
// tooltip that says why, in every lab; after early stopping has finished, Play says how to go on.
#include "SettingsFixture.h"
#include "MainWindow.h"
#include "labs/LabRegistry.h"
#include "panels/ParamPanel.h"
#include "session/TrainingSession.h"
#include "settings/AppSettings.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

namespace {
std::unique_ptr<reglab::Lab> makeLab(const std::string& id,
                                     const std::vector<std::pair<std::string, std::string>>& values = {})
{
    auto lab = reglab::createLab(id);
    for (const auto& [k, v] : values)
        if (!lab->setText(k, v).empty())
            return nullptr;
    lab->reset(1);
    return lab;
}

// The label beside a control in the panel's form.
QWidget* labelOf(QWidget* control)
{
    for (auto* form : control->window()->findChildren<QFormLayout*>())
        if (QWidget* label = form->labelForField(control))
            return label;
    return nullptr;
}
} // namespace

class TestDependentParams : public QObject {
    Q_OBJECT
private slots:
    void momentumIsGreyedOutUnlessTheOptimizerIsSgd()
    {
        Fixture f;
        MainWindow w(&f.settings, makeLab("classify"));
        w.show();
        ParamPanel* panel = w.paramPanel();
        auto* optimizer = qobject_cast<QComboBox*>(panel->control("optimizer"));
        QWidget* momentum = panel->control("momentum");
        QVERIFY(optimizer && momentum);
        QCOMPARE(optimizer->currentData().toString(), QStringLiteral("adam"));
        QVERIFY(!momentum->isEnabled());
        QVERIFY(momentum->toolTip().contains(QStringLiteral("Used only when Optimizer is sgd (now adam).")));
        QWidget* label = labelOf(momentum);
        QVERIFY(label);
        QVERIFY(!label->isEnabled());
        QVERIFY(label->toolTip().contains(QStringLiteral("Used only when Optimizer is sgd")));

        // Choosing SGD enables it at once (not after the edit reaches the lab).
        optimizer->setCurrentIndex(optimizer->findData(QStringLiteral("sgd")));
        QVERIFY(momentum->isEnabled());
        QVERIFY(label->isEnabled());
        QVERIFY(!momentum->toolTip().contains(QStringLiteral("Used only when")));
        // A value set from outside (a rejected edit, a lesson) counts too.
        panel->setValue("optimizer", reglab::ParamValue::ofChoice("adamw"));
        QVERIFY(!momentum->isEnabled());
        QVERIFY(momentum->toolTip().contains(QStringLiteral("(now adamw)")));
    }

    void everyDependentParamInEveryLabFollowsItsSwitch()
    {
        // The general mechanism: in every lab, each param with a condition is enabled
        // exactly when the param it names has one of the listed values.
        int checked = 0;
        for (const auto& info : reglab::availableLabs()) {
            Fixture f;
            MainWindow w(&f.settings, makeLab(info.id));
            ParamPanel* panel = w.paramPanel();
            const LabDescription& lab = w.session()->lab();
            for (const auto& spec : lab.params) {
                const auto& cond = spec.enabledWhen;
                if (cond.param.empty())
                    continue;
                const reglab::ParamSpec* by = lab.findParam(cond.param);
                QVERIFY2(by, (info.id + ": " + spec.id + " depends on an unknown param").c_str());
                QWidget* control = panel->control(spec.id);
                QVERIFY(control);
                // Every value of the switch: a choice's choices, a bool's two.
                std::vector<reglab::ParamValue> values;
                if (by->type == reglab::ParamType::Choice)
                    for (const auto& c : by->choices)
                        values.push_back(reglab::ParamValue::ofChoice(c));
                else if (by->type == reglab::ParamType::Bool)
                    values = {reglab::ParamValue::ofNumber(0), reglab::ParamValue::ofNumber(1)};
                QVERIFY2(!values.empty(), (info.id + ": " + spec.id + " depends on a non-switch").c_str());
                for (const auto& v : values) {
                    panel->setValue(cond.param, v);
                    const std::string text = by->toText(v);
                    const bool allowed = std::find(cond.values.begin(), cond.values.end(), text) != cond.values.end();
                    QVERIFY2(control->isEnabled() == allowed, (info.id + ": " + spec.id + " at " + text).c_str());
                    QCOMPARE(control->toolTip().contains(QStringLiteral("Used only when")), !allowed);
                    ++checked;
                }
            }
        }
        QVERIFY(checked >= 10); // classify and gan have several
    }

    void playAfterEarlyStoppingSaysHowToGoOn()
    {
        Fixture f;
        auto lab = makeLab("classify", {{"noise", "0.2"}, {"num_points", "300"}, {"width", "64"},
                                        {"early_stopping", "true"}, {"patience", "5"}, {"eval_every", "20"}});
        QVERIFY(lab);
        MainWindow w(&f.settings, std::move(lab));
        w.show();
        QAction* play = w.playAction();
        QVERIFY(play->toolTip().startsWith(QStringLiteral("Train continuously")));
        w.session()->setSpeed(0);
        w.session()->play();
        QTRY_VERIFY_WITH_TIMEOUT(!w.session()->isPlaying(), 30000);
        const QString stopped = QLocale().toString(qlonglong(w.session()->stepCount()));
        QTRY_VERIFY2(play->toolTip().startsWith(QStringLiteral("Early stopping finished at step ") + stopped),
                     qPrintable(play->toolTip()));
        QVERIFY(play->toolTip().contains(QStringLiteral("Reset to train again")));
        QVERIFY(play->toolTip().contains(QStringLiteral("switch early stopping off to continue")));

        // Reset starts over: Play is plain Play again.
        w.resetAction()->trigger();
        QTRY_VERIFY2(play->toolTip().startsWith(QStringLiteral("Train continuously")), qPrintable(play->toolTip()));

        // Finished again, then early stopping switched off: the run can go on, Play says the usual.
        w.session()->play();
        QTRY_VERIFY_WITH_TIMEOUT(!w.session()->isPlaying(), 30000);
        QTRY_VERIFY(play->toolTip().startsWith(QStringLiteral("Early stopping finished")));
        auto* early = qobject_cast<QCheckBox*>(w.paramPanel()->control("early_stopping"));
        QVERIFY(early);
        early->setChecked(false);
        w.paramPanel()->flush();
        QTRY_VERIFY2(play->toolTip().startsWith(QStringLiteral("Train continuously")), qPrintable(play->toolTip()));
    }
};

QTEST_MAIN(TestDependentParams)
#include "tst_dependentparams.moc"
