#include "ToolBarFit.h"

#include <QAction>
#include <QEvent>
#include <QLabel>
#include <QLayout>
#include <QTimer>
#include <QToolBar>

ToolBarFit::ToolBarFit(QToolBar* bar) : QObject(bar), m_bar(bar)
{
    bar->installEventFilter(this);
}

bool ToolBarFit::eventFilter(QObject* watched, QEvent* event)
{
    // Items come and go (the GAN's Step D and Step G): fit again after those too, but not
    // after the labels this hides itself.
    const QEvent::Type t = event->type();
    const bool items = t == QEvent::ActionAdded || t == QEvent::ActionRemoved || t == QEvent::ActionChanged;
    if (watched == m_bar && !m_fitting && !m_scheduled && (t == QEvent::Resize || t == QEvent::Show || items)) {
        m_scheduled = true;
        QTimer::singleShot(0, this, [this] {
            m_scheduled = false;
            refit();
        });
    }
    return false;
}

void ToolBarFit::refit()
{
    if (m_fitting || !m_bar->isVisible())
        return;
    m_fitting = true;
    // The widest arrangement whose items all fit (the layout's hint counts every item).
    int level = 0;
    for (; level < 2; ++level) {
        apply(level);
        m_bar->layout()->invalidate();
        if (m_bar->layout()->sizeHint().width() <= m_bar->width())
            break;
    }
    apply(level);
    m_fitting = false;
}

void ToolBarFit::apply(int level)
{
    m_level = level;
    m_bar->setToolButtonStyle(level == 0 ? Qt::ToolButtonTextBesideIcon : Qt::ToolButtonIconOnly);
    // Only labels this hid come back: others (the data set's, in a lab without data sets) are
    // hidden by their owners.
    if (level < 2) {
        for (QAction* a : m_hidden)
            if (a)
                a->setVisible(true);
        m_hidden.clear();
        return;
    }
    for (QAction* a : m_bar->actions())
        if (a->isVisible() && qobject_cast<QLabel*>(m_bar->widgetForAction(a))) {
            a->setVisible(false);
            m_hidden.push_back(a);
        }
}
