#include "sweep/SweepMenu.h"

#include "session/TrainingSession.h"
#include "sweep/SweepDialog.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>

QAction* addSweepMenu(QMainWindow* window, std::function<TrainingSession*()> session)
{
    QMenu* menu = window->menuBar()->addMenu(QObject::tr("&Run"));
    QAction* action = menu->addAction(QObject::tr("&Sweep..."));
    action->setObjectName(QStringLiteral("sweepAction"));
    action->setToolTip(QObject::tr("Train the lab over a list of values of one parameter and chart a final metric "
                                   "against it"));
    auto open = std::make_shared<QPointer<SweepDialog>>();
    QObject::connect(action, &QAction::triggered, window, [window, session, open] {
        TrainingSession* s = session();
        if (!s)
            return;
        if (*open) {
            (*open)->raise();
            (*open)->activateWindow();
            return;
        }
        auto* dialog = new SweepDialog(s->lab(), window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setFont(window->font()); // the window's projector size; a dialog does not inherit it
        *open = dialog;
        dialog->show();
    });
    return action;
}
