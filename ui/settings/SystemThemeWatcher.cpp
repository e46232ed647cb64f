#include "settings/SystemThemeWatcher.h"

#include "settings/Theme.h"

#include <QApplication>
#include <QEvent>
#include <QTimer>

SystemThemeWatcher::SystemThemeWatcher(QObject* parent) : QObject(parent)
{
    if (qApp)
        qApp->installEventFilter(this);
}

SystemThemeWatcher::~SystemThemeWatcher()
{
    if (qApp)
        qApp->removeEventFilter(this);
}

bool SystemThemeWatcher::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::ThemeChange: // each window gets one: a single re-read for all of them
        schedule();
        break;
    case QEvent::ApplicationPaletteChange:
        // The application's own event, not a widget's copy, and not caused by Theme: the
        // platform put its palette in place of ours.
        if (watched == qApp && !Theme::applying() && QApplication::palette() != Theme::applied())
            schedule();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

void SystemThemeWatcher::schedule()
{
    if (m_pending || Theme::current() != Theme::Mode::System)
        return;
    m_pending = true;
    QTimer::singleShot(0, this, [this] {
        m_pending = false;
        Theme::followPlatform();
    });
}
