#include "session/SubStepActions.h"

#include "session/TrainingSession.h"

#include <QAction>
#include <QComboBox>
#include <QKeySequence>
#include <QSignalBlocker>

namespace {
const std::string kTrainParam = "train";
const std::string kSubstepsParam = "substeps";
} // namespace

SubStepActions::SubStepActions(QObject* parent) : QObject(parent)
{
    m_stepD = new QAction(tr("Step D"), this);
    m_stepD->setShortcut(QKeySequence(Qt::Key_D));
    m_stepD->setToolTip(tr("One step that updates only the discriminator; the generator stays frozen (D)"));
    connect(m_stepD, &QAction::triggered, this, [this] { stepOnly("discriminator"); });

    m_stepG = new QAction(tr("Step G"), this);
    m_stepG->setShortcut(QKeySequence(Qt::Key_G));
    m_stepG->setToolTip(tr("One generator update; the discriminator stays frozen (G)"));
    connect(m_stepG, &QAction::triggered, this, [this] { stepOnly("generator"); });

    m_slow = new QAction(tr("Slow motion"), this);
    m_slow->setCheckable(true);
    m_slow->setShortcut(QKeySequence(Qt::Key_M));
    m_slow->setToolTip(tr("Each step is one update (D, D, ..., then G), one a second, and the picture says what it "
                          "did (M)"));
    connect(m_slow, &QAction::toggled, this, [this](bool on) {
        emit paramEdited(kSubstepsParam, reglab::ParamValue::ofNumber(on ? 1.0 : 0.0));
        setSlowPace(on);
    });
    for (QAction* a : {m_stepD, m_stepG, m_slow})
        a->setVisible(false);
}

void SubStepActions::syncWith(const LabDescription& lab)
{
    const int train = lab.paramIndex(kTrainParam), substeps = lab.paramIndex(kSubstepsParam);
    m_stepD->setVisible(train >= 0);
    m_stepG->setVisible(train >= 0);
    m_slow->setVisible(substeps >= 0);
    QSignalBlocker block(m_slow);
    m_slow->setChecked(substeps >= 0 && lab.values[size_t(substeps)].number != 0.0);
}

void SubStepActions::stepOnly(const char* network)
{
    if (!m_session || m_session->lab().paramIndex(kTrainParam) < 0)
        return;
    m_session->pause();
    m_session->stepWith(kTrainParam, reglab::ParamValue::ofChoice(network));
}

void SubStepActions::setSpeedBox(QComboBox* box, double slowSpeed)
{
    m_speedBox = box;
    m_slowSpeed = slowSpeed;
}

void SubStepActions::setSlowPace(bool on)
{
    // One update a second reads well; switching off goes back to the pace chosen before.
    if (!m_speedBox)
        return;
    if (on) {
        m_speedBefore = m_speedBox->currentIndex();
        m_speedBox->setCurrentIndex(m_speedBox->findData(m_slowSpeed));
    } else if (m_speedBefore >= 0) {
        m_speedBox->setCurrentIndex(m_speedBefore);
        m_speedBefore = -1;
    }
}
