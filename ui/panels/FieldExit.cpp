#include "panels/FieldExit.h"

#include <QAbstractSpinBox>
#include <QDoubleSpinBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <QSpinBox>

FieldExit::FieldExit(QObject* parent) : QObject(parent) {}

void FieldExit::guard(QWidget* root)
{
    QList<QWidget*> fields = root->findChildren<QWidget*>();
    fields.prepend(root);
    for (QWidget* w : fields)
        watch(w);
}

void FieldExit::watch(QWidget* w)
{
    if (w->property("fieldExit").toBool())
        return; // guarded already (a panel rebuilt around it)
    if (auto* spin = qobject_cast<QAbstractSpinBox*>(w)) {
        // The spin box has emitted editingFinished on Enter once it has applied the text; on
        // focus loss it has no focus left to give.
        connect(spin, &QAbstractSpinBox::editingFinished, this, [spin] {
            if (spin->hasFocus())
                leave(spin);
        });
    } else if (auto* edit = qobject_cast<QLineEdit*>(w)) {
        if (qobject_cast<QAbstractSpinBox*>(edit->parentWidget()))
            return;
        connect(edit, &QLineEdit::returnPressed, this, [edit] {
            if (edit->hasFocus())
                leave(edit);
        });
    } else {
        return;
    }
    w->setProperty("fieldExit", true);
    w->installEventFilter(this); // Escape
}

bool FieldExit::eventFilter(QObject* watched, QEvent* event)
{
    const bool escape = (event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride)
        && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape;
    if (!escape)
        return false;
    if (event->type() == QEvent::ShortcutOverride) {
        // The field claims Escape before any window shortcut (presentation mode's) sees it.
        event->accept();
        return true;
    }
    auto* w = qobject_cast<QWidget*>(watched);
    if (!w)
        return false;
    // Show the value the field holds again, so leaving it applies nothing.
    if (auto* i = qobject_cast<QSpinBox*>(w))
        i->setValue(i->value());
    else if (auto* d = qobject_cast<QDoubleSpinBox*>(w))
        d->setValue(d->value());
    else if (auto* e = qobject_cast<QLineEdit*>(w))
        while (e->isUndoAvailable()) // setText() starts the undo history: back to the last set value
            e->undo();
    leave(w);
    return true;
}

void FieldExit::leave(QWidget* field)
{
    // The window takes the keys: its actions' shortcuts see them.
    field->window()->setFocus(Qt::ShortcutFocusReason);
}
