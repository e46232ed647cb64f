#include "DockShare.h"

#include <QDockWidget>
#include <QEvent>
#include <QMainWindow>
#include <QTimer>

#include <algorithm>
#include <cmath>

DockShare::DockShare(QMainWindow* window, std::vector<QDockWidget*> docks, std::vector<double> shares)
    : QObject(window), m_window(window), m_docks(std::move(docks)), m_shares(std::move(shares))
{
    m_shares.resize(m_docks.size(), 0.25);
    m_width = window->width();
    window->installEventFilter(this);
    for (QDockWidget* d : m_docks)
        d->installEventFilter(this);
}

bool DockShare::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::Resize)
        return false;
    if (watched == m_window) {
        m_width = m_window->width();
        if (!m_windowResizing) {
            m_windowResizing = true;
            QTimer::singleShot(0, this, &DockShare::apply);
        }
        return false;
    }
    const auto it = std::find(m_docks.begin(), m_docks.end(), watched);
    // The window's layout resizes the docks before the window's own resize event arrives here:
    // a window width this has not seen yet means the window is being resized.
    if (m_windowResizing || m_window->width() != m_width || it == m_docks.end() || (*it)->isFloating()
        || m_width <= 0)
        return false;
    m_shares[size_t(it - m_docks.begin())] = double((*it)->width()) / m_window->width();
    return false;
}

void DockShare::apply()
{
    QList<QDockWidget*> docks;
    QList<int> widths;
    for (size_t i = 0; i < m_docks.size(); ++i)
        if (m_docks[i]->isVisible() && !m_docks[i]->isFloating()) {
            docks << m_docks[i];
            widths << int(std::lround(m_shares[i] * m_window->width()));
        }
    if (!docks.isEmpty())
        m_window->resizeDocks(docks, widths, Qt::Horizontal);
    // The docks' own resizes from this follow in this turn or the next: not the user's.
    QTimer::singleShot(0, this, [this] { m_windowResizing = false; });
}
