#pragma once
// Keeps each side dock's share of the window width when the window is resized: Qt gives every
// pixel a window gains to the centre, so a window shrunk to 1024 px and grown back to 1920
// left the pictures at their minimum. A share changes when the user drags a dock's edge (or
// the window sizes a dock itself, as for a twin), not when the window is resized.
#include <QObject>

#include <vector>

class QDockWidget;
class QMainWindow;

class DockShare : public QObject {
    Q_OBJECT
public:
    // shares: each dock's starting fraction of the window width.
    DockShare(QMainWindow* window, std::vector<QDockWidget*> docks, std::vector<double> shares);

    double share(size_t i) const { return m_shares[i]; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void apply();

    QMainWindow* m_window;
    std::vector<QDockWidget*> m_docks;
    std::vector<double> m_shares;
    bool m_windowResizing = false; // dock resizes now follow the window, not the user
    int m_width = 0;               // the window width of the last resize seen
};
