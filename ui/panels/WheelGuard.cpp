#include "panels/WheelGuard.h"

#include <QAbstractScrollArea>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QWidget>

WheelGuard::WheelGuard(QAbstractScrollArea* area) : QObject(area), m_area(area) {}

void WheelGuard::guard(QWidget* root)
{
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (!qobject_cast<QAbstractSpinBox*>(w) && !qobject_cast<QComboBox*>(w) && !qobject_cast<QAbstractSlider*>(w))
            continue;
        w->setFocusPolicy(Qt::StrongFocus); // no WheelFocus: a wheel turn never focuses it
        w->installEventFilter(this);
    }
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::Wheel)
        return false;
    auto* w = qobject_cast<QWidget*>(watched);
    if (!w || w->hasFocus())
        return false; // a focused control takes the wheel
    // The panel scrolls instead (its viewport turns wheel events into scroll bar moves).
    QApplication::sendEvent(m_area->viewport(), event);
    return true;
}
